// ---
// id: samples_and_returns
// title: {ja: 未返却のサンプル・情報と廃棄証明, en: Samples and information not returned}
// family: flows
// kind: exposure
// twin: samples_and_returns
// checklist: [S5, O5]
// description:
//   ja: >-
//     返却期限を過ぎても返却されていない提供（overdue）と、返還・廃棄義務のある契約が終了したのに
//     廃棄証明書を受け取っておらず、未返却の提供が残るもの（no_certificate）。
//   en: >-
//     Disclosures still outstanding past their return date (overdue), and contracts with a
//     return-or-destroy duty that ended with no destruction certificate while assets given under
//     them were not returned (no_certificate).
// parameters:
//   - name: as_of
//     type: date
//     default: today
//     description: {ja: 基準日（既定は今日）, en: reference date (default today)}
//   - name: grace_days
//     type: integer
//     default: 0
//     minimum: 0
//     description: {ja: 返却期限後の猶予日数, en: days of grace after the return date}
//   - name: severe_days
//     type: integer
//     default: 90
//     minimum: 0
//     description: {ja: 重大度を1段上げる超過日数, en: days overdue that raise the severity one step}
// columns:
//   - {name: subjects, ja: 対象, en: subjects}
//   - {name: discriminator, ja: 区分, en: kind}
//   - {name: severity, ja: 重大度, en: severity}
//   - {name: score, ja: スコア, en: score}
//   - {name: days_overdue, ja: 超過日数, en: days overdue}
//   - {name: rank, ja: 重要度, en: rank}
//   - {name: checklist, ja: チェックリスト項目, en: checklist items}
// references:
//   - {document: guidance, pages: [42, 171]}
// revision: 1
// ---
// rank of an asset: 0 when public; else the highest grading of the
// technologies it describes (3 core/security, 2 economic security, 1 other),
// at least 2 for top secret and 1 for department only
WITH date($as_of) AS day
MATCH (:Person|Organisation)-[:DISCLOSED]->(d:Disclosure)-[:DISCLOSED_TO]->(:Person|Organisation)
WHERE d.return_status = 'outstanding' AND d.return_due IS NOT NULL
WITH day, d, duration.inDays(d.return_due, day).days AS days
WHERE days > $grace_days
OPTIONAL MATCH (d)-[:USED]->(a:InformationAsset)
WITH d, days, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH d, days,
     CASE WHEN a IS NULL OR a.secrecy = 'public' THEN 0
          ELSE reduce(r = CASE a.secrecy WHEN 'top_secret' THEN 2 WHEN 'department_only' THEN 1 ELSE 0 END,
                      t IN techs |
                      CASE WHEN any(g IN coalesce(t.grading, []) WHERE g IN ['core', 'security']) THEN 3
                           WHEN 'econ_security' IN coalesce(t.grading, []) AND r < 2 THEN 2
                           WHEN size(coalesce(t.grading, [])) > 0 AND r < 1 THEN 1
                           ELSE r END)
     END AS asset_rank
WITH d, days, max(asset_rank) AS rank
WITH d, days, rank,
     (CASE WHEN rank >= 3 THEN 2 WHEN rank >= 1 THEN 1 ELSE 0 END)
       + (CASE WHEN days > $severe_days THEN 1 ELSE 0 END) AS step
RETURN [d.id] AS subjects, 'overdue' AS discriminator,
       ['low', 'medium', 'high', 'critical'][CASE WHEN step > 3 THEN 3 ELSE step END] AS severity,
       30 + 10 * rank + (CASE WHEN days / 10.0 > 30 THEN 30.0 ELSE days / 10.0 END) AS score,
       days AS days_overdue, rank, ['S5'] AS checklist
UNION ALL
MATCH (c:Contract)
WHERE c.end IS NOT NULL AND c.end < date($as_of)
  AND c.return_or_destroy = true AND coalesce(c.destruction_certificate, false) <> true
MATCH (:Person|Organisation)-[:DISCLOSED]->(d:Disclosure)-[:DISCLOSED_TO]->(:Person|Organisation)
MATCH (d)-[:UNDER_CONTRACT]->(c)
WHERE d.return_status <> 'returned'
OPTIONAL MATCH (d)-[:USED]->(a:InformationAsset)
WITH c, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH c,
     CASE WHEN a IS NULL OR a.secrecy = 'public' THEN 0
          ELSE reduce(r = CASE a.secrecy WHEN 'top_secret' THEN 2 WHEN 'department_only' THEN 1 ELSE 0 END,
                      t IN techs |
                      CASE WHEN any(g IN coalesce(t.grading, []) WHERE g IN ['core', 'security']) THEN 3
                           WHEN 'econ_security' IN coalesce(t.grading, []) AND r < 2 THEN 2
                           WHEN size(coalesce(t.grading, [])) > 0 AND r < 1 THEN 1
                           ELSE r END)
     END AS asset_rank
WITH c, max(asset_rank) AS rank
RETURN [c.id] AS subjects, 'no_certificate' AS discriminator,
       ['low', 'medium', 'high', 'critical'][CASE WHEN rank >= 3 THEN 2 WHEN rank >= 1 THEN 1 ELSE 0 END] AS severity,
       30 + 12 * rank AS score,
       null AS days_overdue, rank, ['O5'] AS checklist

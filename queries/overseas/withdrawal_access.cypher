// ---
// id: withdrawal_access
// title:
//   ja: 撤退段階の拠点に残るアクセス権
//   en: Access kept at sites being withdrawn from
// family: overseas
// kind: exposure
// twin: withdrawal_access
// checklist:
// - O8
// description:
//   ja: 撤退を計画・実施している拠点の現地従業員や運営会社の従業員が重要な情報資産へのアクセス権を持ち続けていると、撤退の混乱の中で情報が持ち出されやすくなります。
//   en: Local staff, or staff of the operating company, who keep access to graded assets while a site is
//     being wound down can take information with them in the disorder of the exit.
// parameters:
// - name: as_of
//   type: date
//   default: today
//   description:
//     ja: 基準日（既定は今日）
//     en: reference date (default today)
// columns:
// - name: subjects
//   ja: 対象
//   en: subjects
// - name: discriminator
//   ja: 区分
//   en: kind
// - name: severity
//   ja: 重大度
//   en: severity
// - name: score
//   ja: スコア
//   en: score
// - name: site
//   ja: 拠点
//   en: site
// - name: person
//   ja: 人員
//   en: person
// - name: assets
//   ja: 情報資産
//   en: assets
// - name: outside
//   ja: 社外
//   en: outside
// references:
// - document: guidance
//   pages:
//   - 50
// revision: 1
// ---
// People attached to a site in the withdrawal stage (working at it, or
// employed by its operator when that is not the company itself) with access
// in force to a sensitive asset: not public, and 極秘/部外秘 or describing a
// graded technology (directly or through a process step).  One row per site
// and person.
WITH date($as_of) AS day
MATCH (s:Site)
WHERE s.stage = 'withdrawal'
WITH day, s,
     [(p)-[:WORKS_AT]->(s) | p]
       + [(s)-[:OPERATED_BY]->(op)<-[:EMPLOYED_BY]-(p) WHERE coalesce(op.kind, '') <> 'self' | p]
       AS people
UNWIND people AS p
WITH DISTINCT day, s, p
MATCH (p)-[x:CAN_ACCESS]->(a)
WHERE (x.granted IS NULL OR x.granted <= day) AND (x.revoked IS NULL OR x.revoked > day)
  AND coalesce(a.secrecy, '') <> 'public'
WITH s, p, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH s, p, a, techs
WHERE a.secrecy IN ['top_secret', 'department_only']
   OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0)
WITH s, p, a,
     a.secrecy = 'top_secret' OR any(t IN techs WHERE 'core' IN coalesce(t.grading, [])) AS severe
ORDER BY a.id
WITH s, p, collect(DISTINCT a.id) AS assets, max(CASE WHEN severe THEN 1 ELSE 0 END) = 1 AS severe
// outside: no employer on record, or the first employer (by id) is not the
// company itself
OPTIONAL MATCH (p)-[:EMPLOYED_BY]->(o)
WITH s, p, assets, severe, o ORDER BY o.id
WITH s, p, assets, severe, collect(coalesce(o.kind, '')) AS kinds
WITH s, p, assets, severe, NOT (p:Person AND size(kinds) > 0 AND kinds[0] = 'self') AS outside
WITH s, p, assets, outside,
     CASE WHEN NOT outside THEN 'medium' WHEN severe THEN 'critical' ELSE 'high' END AS severity,
     (CASE WHEN severe THEN 80 ELSE 60 END) - (CASE WHEN outside THEN 0 ELSE 25 END)
       + 2 * size(assets) AS raw
RETURN [s.id, p.id] AS subjects, '' AS discriminator, severity,
       CASE WHEN raw > 100 THEN 100 ELSE raw END AS score,
       s.id AS site, p.id AS person, assets, outside
ORDER BY site, person

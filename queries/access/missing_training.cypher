// ---
// id: missing_training
// title:
//   ja: 研修の未受講・期限切れ
//   en: Missing or out-of-date training
// family: access
// kind: exposure
// twin: missing_training
// checklist:
// - P2
// description:
//   ja: 重要な情報に触れる人が情報管理の研修を定期的に受けていないと、何が秘密でどう扱うべきかが伝わらず、うっかり漏えいや巧妙な接近に対応できません。展示会や海外出張に出る人には専用の研修が必要です。
//   en: People who handle important information without regular training do not know what is secret or how
//     to handle it, and miss careless leaks and clever approaches; people who staff exhibitions or travel
//     abroad need the special module.
// parameters:
// - name: as_of
//   type: date
//   default: today
//   description:
//     ja: 基準日（既定は今日）
//     en: reference date (default today)
// - name: training_period_days
//   type: integer
//   default: 365
//   description:
//     ja: 研修の有効期間（日）
//     en: days a training stays valid
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
// - name: person
//   ja: 人員
//   en: person
// - name: trained
//   ja: 最終研修日
//   en: last trained
// - name: days_since_training
//   ja: 研修からの日数
//   en: days since training
// - name: technologies
//   ja: 技術
//   en: technologies
// - name: assets
//   ja: 情報資産
//   en: assets
// references:
// - document: guidance
//   pages:
//   - 67
// revision: 1
// ---
// periodic: own staff employed on the reference date (employed by the
// company itself, no employer on record, or with a recorded destination)
// who know a step of a graded technology or have access in force to a
// sensitive asset, and whose last training is missing or older than
// $training_period_days.
WITH date($as_of) AS day
MATCH (p:Person)
WHERE NOT (p.left IS NOT NULL AND p.left <= day)
  AND (NOT coalesce(p.status, 'active') IN ['left', 'retired'] OR (p.left IS NOT NULL AND p.left > day))
  AND (NOT EXISTS { MATCH (p)-[:EMPLOYED_BY]->() }
       OR EXISTS { MATCH (p)-[:EMPLOYED_BY]->(o) WHERE o.kind = 'self' }
       OR EXISTS { MATCH (p)-[:MOVED_TO]->() })
  AND (p.trained IS NULL OR duration.inDays(p.trained, day).days > $training_period_days)
OPTIONAL MATCH (p)-[:KNOWS]->()-[:STEP_OF]->(t:Technology)
WHERE size(coalesce(t.grading, [])) > 0
WITH day, p, t ORDER BY t.id
WITH day, p, collect(DISTINCT t) AS techs
OPTIONAL MATCH (p)-[x:CAN_ACCESS]->(a)
WHERE (x.granted IS NULL OR x.granted <= day) AND (x.revoked IS NULL OR x.revoked > day)
  AND coalesce(a.secrecy, '') <> 'public'
WITH day, p, techs, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS atechs
WITH day, p, techs, a, atechs,
     a IS NOT NULL
       AND (a.secrecy IN ['top_secret', 'department_only']
            OR any(t IN atechs WHERE size(coalesce(t.grading, [])) > 0)) AS sensitive
ORDER BY a.id
WITH day, p, techs,
     collect(DISTINCT CASE WHEN sensitive THEN a.id END) AS assets,
     max(CASE WHEN sensitive
                   AND (a.secrecy = 'top_secret'
                        OR any(t IN atechs WHERE any(g IN coalesce(t.grading, []) WHERE g IN ['core', 'security'])))
              THEN 1 ELSE 0 END) AS top_asset
WHERE size(techs) > 0 OR size(assets) > 0
WITH p, techs, assets,
     top_asset = 1
       OR any(t IN techs WHERE any(g IN coalesce(t.grading, []) WHERE g IN ['core', 'security'])) AS top,
     CASE WHEN p.trained IS NULL THEN null ELSE duration.inDays(p.trained, day).days END AS age
WITH p, techs, assets, age,
     CASE WHEN age IS NULL THEN (CASE WHEN top THEN 'high' ELSE 'medium' END)
          ELSE (CASE WHEN top THEN 'medium' ELSE 'low' END) END AS severity,
     CASE WHEN age IS NULL THEN (CASE WHEN top THEN 70.0 ELSE 50.0 END)
          ELSE (CASE WHEN top THEN 40 ELSE 20 END) + (age - $training_period_days) / 30.0 END AS raw
RETURN [p.id] AS subjects, 'periodic' AS discriminator, severity,
       CASE WHEN raw > 65.0 AND age IS NOT NULL THEN 65.0 ELSE raw END AS score,
       p.id AS person, p.trained AS trained, age AS days_since_training,
       [t IN techs | t.id] AS technologies, assets
UNION ALL
// exhibition: own staff employed on the reference date who gave out
// information at an exhibition (a disclosure with a recipient, channel
// exhibition, the person its first sender by id) with no exhibition /
// travel training on record.
WITH date($as_of) AS day
MATCH (snd)-[:DISCLOSED]->(d:Disclosure)
WHERE d.channel = 'exhibition' AND EXISTS { MATCH (d)-[:DISCLOSED_TO]->() }
WITH day, d, snd ORDER BY snd.id
WITH day, d, collect(snd)[0] AS p
WHERE p:Person
  AND NOT (p.left IS NOT NULL AND p.left <= day)
  AND (NOT coalesce(p.status, 'active') IN ['left', 'retired'] OR (p.left IS NOT NULL AND p.left > day))
  AND (NOT EXISTS { MATCH (p)-[:EMPLOYED_BY]->() }
       OR EXISTS { MATCH (p)-[:EMPLOYED_BY]->(o) WHERE o.kind = 'self' }
       OR EXISTS { MATCH (p)-[:MOVED_TO]->() })
  AND p.special_training IS NULL
OPTIONAL MATCH (d)-[:USED]->(a)
WITH p, d, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS atechs
WITH p, d, a,
     a IS NOT NULL AND coalesce(a.secrecy, '') <> 'public'
       AND (a.secrecy IN ['top_secret', 'department_only']
            OR any(t IN atechs WHERE size(coalesce(t.grading, [])) > 0)) AS sensitive
ORDER BY a.id
WITH p, collect(DISTINCT a.id) AS assets, collect(DISTINCT CASE WHEN sensitive THEN a.id END) AS graded
RETURN [p.id] AS subjects, 'exhibition' AS discriminator,
       CASE WHEN size(graded) > 0 THEN 'high' ELSE 'medium' END AS severity,
       CASE WHEN size(graded) > 0 THEN 70 ELSE 45 END AS score,
       p.id AS person, p.trained AS trained, null AS days_since_training,
       [] AS technologies, assets

// ---
// id: broad_access
// title:
//   ja: 必要以上に広い格付け資産へのアクセス
//   en: Graded assets reachable by too many, or by outsiders
// family: access
// kind: exposure
// twin: broad_access
// checklist:
// - P3
// description:
//   ja: 重要な情報に触れられる人が多いほど、また所管部署や社外の人が触れられるほど、漏えいの経路が増え、漏れたときに誰からかを特定できなくなります。
//   en: The more people, and the more people outside the owning unit or the company, can reach important
//     information, the more ways it can leak and the harder a leak is to trace.
// parameters:
// - name: as_of
//   type: date
//   default: today
//   description:
//     ja: 基準日（既定は今日）
//     en: reference date (default today)
// - name: max_readers
//   type: integer
//   default: 15
//   description:
//     ja: 1つの格付け資産にアクセスできる人数の上限
//     en: most people who may reach one graded asset
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
// - name: asset
//   ja: 情報資産
//   en: asset
// - name: people
//   ja: アクセスできる人
//   en: people
// - name: owner_units
//   ja: 所管部署
//   en: owner units
// - name: outside_company
//   ja: 社外の人
//   en: outside the company
// - name: outside_unit
//   ja: 所管部署外の人
//   en: outside the owning unit
// references:
// - document: guidance
//   pages:
//   - 85
// revision: 1
// ---
// Sensitive assets (not public; 極秘/部外秘 or describing a graded technology,
// directly or through a process step) with access in force.  Owning units:
// the OWNED_BY_UNIT of the asset, else those of the technologies it describes.
// Outsiders are employed, and by no organisation of kind self; a member of a
// unit at or below an owning unit (PART_OF*0..) is inside; staff with no
// unit on record are not flagged.
WITH date($as_of) AS day
MATCH (p)-[x:CAN_ACCESS]->(a)
WHERE (x.granted IS NULL OR x.granted <= day) AND (x.revoked IS NULL OR x.revoked > day)
  AND coalesce(a.secrecy, '') <> 'public'
WITH a, p, x,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WHERE a.secrecy IN ['top_secret', 'department_only']
   OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0)
WITH a, p, x, techs, [(a)-[:OWNED_BY_UNIT]->(w) | w.id] AS own
WITH a, p, x,
     a.secrecy = 'top_secret'
       OR any(t IN techs WHERE any(g IN coalesce(t.grading, []) WHERE g IN ['core', 'security'])) AS top,
     CASE WHEN size(own) > 0 THEN own
          ELSE reduce(acc = [], t IN techs | acc + [(t)-[:OWNED_BY_UNIT]->(w) | w.id]) END AS owners
WITH a, p, x, top, owners,
     EXISTS { MATCH (p)-[:EMPLOYED_BY]->() }
       AND NOT EXISTS { MATCH (p)-[:EMPLOYED_BY]->(o) WHERE o.kind = 'self' } AS outsider
WITH a, p, x, top, owners, outsider,
     NOT outsider AND size(owners) > 0
       AND EXISTS { MATCH (p)-[:MEMBER_OF]->() }
       AND NOT EXISTS { MATCH (p)-[:MEMBER_OF]->()-[:PART_OF*0..]->(w) WHERE w.id IN owners } AS other
ORDER BY p.id
WITH a, top, owners,
     collect(p.id) AS people,
     collect(CASE WHEN outsider THEN p.id END) AS outsiders,
     collect(CASE WHEN other THEN p.id END) AS other_unit,
     max(CASE WHEN outsider AND x.level IN ['download', 'edit'] THEN 1 ELSE 0 END) = 1 AS writes
WITH a, top, owners, people, outsiders, other_unit, writes,
     size(people) - $max_readers AS excess,
     size(outsiders) + size(other_unit) AS flagged,
     CASE WHEN size(outsiders) > 0 AND top AND writes THEN 'critical'
          WHEN size(outsiders) > 0 OR a.secrecy = 'department_only' THEN 'high'
          ELSE 'medium' END AS unit_severity
UNWIND [
  CASE WHEN excess > 0
       THEN ['too_many', CASE WHEN top THEN 'high' ELSE 'medium' END,
             CASE WHEN (CASE WHEN top THEN 60 ELSE 40 END) + 2 * excess > 90 THEN 90
                  ELSE (CASE WHEN top THEN 60 ELSE 40 END) + 2 * excess END] END,
  CASE WHEN flagged > 0
       THEN ['outside_unit', unit_severity,
             CASE unit_severity WHEN 'critical' THEN 85 WHEN 'high' THEN 65 ELSE 45 END
               + (CASE WHEN flagged > 10 THEN 10 ELSE flagged END)] END
] AS f
WITH a, people, owners, outsiders, other_unit, f
WHERE f IS NOT NULL
RETURN [a.id] AS subjects, f[0] AS discriminator, f[1] AS severity, f[2] AS score,
       a.id AS asset, people, owners AS owner_units, outsiders AS outside_company,
       other_unit AS outside_unit
ORDER BY asset, discriminator

// ---
// id: access_after_departure
// title: {ja: 退職後・共同研究終了後も残るアクセス権, en: Access that survives departure or the end of a project}
// family: access
// kind: exposure
// twin: access_after_departure
// checklist: [P3, J8]
// description:
//   ja: >-
//     基準日に有効なアクセス権のうち、退職者が持つもの（departed）と、終了した共同研究の社外参加者が
//     その研究の情報資産に持ち、継続中の研究では説明できないもの（project_ended）。
//   en: >-
//     Access in force on the reference date held by people who have left (departed), or by
//     outside participants of an ended joint project to that project's assets when no running
//     project of theirs justifies it (project_ended).
// parameters:
//   - name: as_of
//     type: date
//     default: today
//     description: {ja: 基準日（既定は今日）, en: reference date (default today)}
// columns:
//   - {name: subjects, ja: 対象, en: subjects}
//   - {name: discriminator, ja: 区分, en: kind}
//   - {name: severity, ja: 重大度, en: severity}
//   - {name: score, ja: スコア, en: score}
//   - {name: person, ja: 人員, en: person}
//   - {name: project, ja: 共同研究, en: project}
//   - {name: assets, ja: 情報資産, en: assets}
//   - {name: checklist, ja: チェックリスト項目, en: checklist items}
// references:
//   - {document: guidance, pages: [85, 146]}
// revision: 1
// ---
// Access in force: granted (or no date) and not revoked on the day.  A
// sensitive asset is not public and is 極秘/部外秘 or describes a graded
// technology (directly or through a process step).
WITH date($as_of) AS day
MATCH (p:Person)-[x:CAN_ACCESS]->(a:InformationAsset)
WHERE (x.granted IS NULL OR x.granted <= day) AND (x.revoked IS NULL OR x.revoked > day)
  AND ((p.left IS NOT NULL AND p.left <= day)
       OR (coalesce(p.status, 'active') IN ['left', 'retired'] AND NOT (p.left IS NOT NULL AND p.left > day)))
WITH p, a, x,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH p, a, x,
     a.secrecy <> 'public'
       AND (a.secrecy IN ['top_secret', 'department_only']
            OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0)) AS sensitive
ORDER BY a.id
WITH p,
     collect(a.id) AS assets,
     max(CASE WHEN sensitive AND x.level IN ['download', 'edit'] THEN 1 ELSE 0 END) AS graded_write,
     max(CASE WHEN sensitive THEN 1 ELSE 0 END) AS graded,
     max(CASE WHEN a.secrecy <> 'public' THEN 1 ELSE 0 END) AS internal
WITH p, assets, graded_write, graded, internal,
     EXISTS { MATCH (p)-[:MOVED_TO]->(o) WHERE o.kind = 'competitor' } AS to_competitor
WITH p, assets,
     CASE WHEN graded_write = 1 OR (to_competitor AND graded = 1) THEN 'critical'
          WHEN graded = 1 THEN 'high'
          WHEN internal = 1 THEN 'medium'
          ELSE 'low' END AS severity
RETURN [p.id] AS subjects, 'departed' AS discriminator, severity,
       CASE severity WHEN 'critical' THEN 85 WHEN 'high' THEN 65 WHEN 'medium' THEN 45 ELSE 20 END
         + CASE WHEN size(assets) > 10 THEN 10 ELSE size(assets) END AS score,
       p.id AS person, null AS project, assets, ['P3'] AS checklist
UNION ALL
// Outside participants still employed, with access in force to assets of a
// project that ended (disclosed in it, or describing one of its themes)
// that no running project of theirs also covers.
WITH date($as_of) AS day
MATCH (p:Person)-[x:CAN_ACCESS]->(a:InformationAsset)
WHERE (x.granted IS NULL OR x.granted <= day) AND (x.revoked IS NULL OR x.revoked > day)
  AND NOT ((p.left IS NOT NULL AND p.left <= day)
           OR (coalesce(p.status, 'active') IN ['left', 'retired'] AND NOT (p.left IS NOT NULL AND p.left > day)))
  AND EXISTS { MATCH (p)-[:EMPLOYED_BY]->() }
  AND NOT EXISTS { MATCH (p)-[:EMPLOYED_BY]->(o) WHERE o.kind = 'self' }
MATCH (p)-[:PARTICIPATES_IN]->(pr:Project)
WITH day, p, a, x, pr,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1.id]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2.id] AS tech_ids,
     [(pr)-[:THEME]->(th:Technology) | th.id] AS themes
WITH day, p, a, x, pr,
     pr.phase = 'ended' OR (pr.end IS NOT NULL AND pr.end < day) AS ended,
     any(i IN tech_ids WHERE i IN themes)
       OR EXISTS {
         MATCH (:Person|Organisation)-[:DISCLOSED]->(d:Disclosure)-[:IN_PROJECT]->(pr)
         MATCH (d)-[:DISCLOSED_TO]->(:Person|Organisation)
         MATCH (d)-[:USED]->(a)
       } AS belongs
WHERE belongs
WITH p, a, x,
     collect(CASE WHEN ended THEN pr.id END) AS ended_projects,
     max(CASE WHEN ended THEN 0 ELSE 1 END) AS live
WHERE live = 0
UNWIND ended_projects AS project
WITH p, project, a, x,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH p, project, a, x,
     a.secrecy <> 'public'
       AND (a.secrecy IN ['top_secret', 'department_only']
            OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0)) AS sensitive
ORDER BY a.id
WITH p, project,
     collect(a.id) AS assets,
     max(CASE WHEN sensitive AND x.level IN ['download', 'edit'] THEN 1 ELSE 0 END) AS graded_write,
     max(CASE WHEN sensitive THEN 1 ELSE 0 END) AS graded,
     max(CASE WHEN a.secrecy <> 'public' THEN 1 ELSE 0 END) AS internal
WITH p, project, assets,
     CASE WHEN graded_write = 1 THEN 'critical'
          WHEN graded = 1 THEN 'high'
          WHEN internal = 1 THEN 'medium'
          ELSE 'low' END AS severity
RETURN [p.id, project] AS subjects, 'project_ended' AS discriminator, severity,
       CASE severity WHEN 'critical' THEN 85 WHEN 'high' THEN 65 WHEN 'medium' THEN 45 ELSE 20 END
         + CASE WHEN size(assets) > 10 THEN 10 ELSE size(assets) END AS score,
       p.id AS person, project, assets, ['J8'] AS checklist

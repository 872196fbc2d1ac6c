// ---
// id: full_process_knowers
// title: {ja: 全工程を知る人の集中・過多, en: People who know the whole process}
// family: knowledge
// kind: exposure
// twin: full_process_knowers
// checklist: [P4]
// description:
//   ja: >-
//     格付け技術の全工程を知っている在籍者が1人だけ（single）、または上限を超えて多い（many）もの。
//   en: >-
//     Graded technologies whose every step is known by a single current employee (single), or by
//     more than max_full_knowers of them (many).
// parameters:
//   - name: as_of
//     type: date
//     default: today
//     description: {ja: 基準日（既定は今日）, en: reference date (default today)}
//   - name: max_full_knowers
//     type: integer
//     default: 3
//     minimum: 0
//     description: {ja: 全工程を知る人数の上限, en: most people who may know every step}
//   - name: count_partial
//     type: boolean
//     default: false
//     description: {ja: 一部のみの知識も「知っている」に数える, en: count partial knowledge of a step as knowing it}
// columns:
//   - {name: subjects, ja: 対象, en: subjects}
//   - {name: discriminator, ja: 区分, en: kind}
//   - {name: severity, ja: 重大度, en: severity}
//   - {name: score, ja: スコア, en: score}
//   - {name: technology, ja: 技術, en: technology}
//   - {name: steps, ja: 工程数, en: steps}
//   - {name: full_knowers, ja: 全工程を知る人, en: full-process knowers}
// references:
//   - {document: guidance, pages: [92]}
// revision: 1
// ---
WITH date($as_of) AS day
MATCH (s:ProcessStep)-[:STEP_OF]->(t:Technology)
WHERE size(coalesce(t.grading, [])) > 0
WITH day, t, count(DISTINCT s) AS steps
MATCH (p:Person)-[k:KNOWS]->(s:ProcessStep)-[:STEP_OF]->(t)
WHERE ($count_partial OR coalesce(k.depth, 'full') = 'full')
  AND NOT (p.left IS NOT NULL AND p.left <= day)
  AND (NOT coalesce(p.status, 'active') IN ['left', 'retired'] OR (p.left IS NOT NULL AND p.left > day))
WITH t, steps, p, count(DISTINCT s) AS known
WHERE known = steps
WITH t, steps, p ORDER BY p.id
WITH t, steps, collect(p.id) AS full
WHERE size(full) = 1 OR size(full) > $max_full_knowers
WITH t, steps, full, size(full) = 1 AS single,
     any(g IN t.grading WHERE g IN ['core', 'security']) AS top,
     'core' IN t.grading AS core
RETURN CASE WHEN single THEN [t.id, full[0]] ELSE [t.id] END AS subjects,
       CASE WHEN single THEN 'single' ELSE 'many' END AS discriminator,
       CASE WHEN single THEN (CASE WHEN top THEN 'critical' ELSE 'high' END)
            ELSE (CASE WHEN core THEN 'high' ELSE 'medium' END) END AS severity,
       CASE WHEN single THEN (CASE WHEN top THEN 90 ELSE 75 END)
            ELSE CASE WHEN (CASE WHEN core THEN 55 ELSE 40 END) + 5 * (size(full) - $max_full_knowers) > 90
                      THEN 90
                      ELSE (CASE WHEN core THEN 55 ELSE 40 END) + 5 * (size(full) - $max_full_knowers) END
       END AS score,
       t.id AS technology, steps, full AS full_knowers
ORDER BY technology

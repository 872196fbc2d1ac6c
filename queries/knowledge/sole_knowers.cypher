// ---
// id: sole_knowers
// title: {ja: 1人しか知らない工程・誰も知らない工程, en: "Process steps known by one person, or by nobody"}
// family: knowledge
// kind: exposure
// twin: sole_knowers
// checklist: [P4]
// description:
//   ja: >-
//     格付け技術の工程のうち、知っている在籍者が1人だけのもの（sole）と、在籍者の誰も知らないもの（unknown）。
//     知識がまったく記録されていない技術は対象外です。在籍の判定は基準日で行います。
//   en: >-
//     Steps of graded technologies known by exactly one current employee (sole), or by none
//     (unknown); technologies with no recorded knowledge at all are skipped. "Current" is judged
//     on the reference date.
// parameters:
//   - name: as_of
//     type: date
//     default: today
//     description: {ja: 基準日（既定は今日）, en: reference date (default today)}
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
//   - {name: step, ja: 工程, en: step}
//   - {name: knower, ja: 知っている人, en: knower}
//   - {name: mode, ja: 知識の形態, en: mode}
//   - {name: former_knowers, ja: 退職した知識保有者, en: former knowers}
// references:
//   - {document: guidance, pages: [92]}
// revision: 1
// ---
WITH date($as_of) AS day
MATCH (t:Technology)
WHERE size(coalesce(t.grading, [])) > 0
  AND EXISTS { MATCH (:Person)-[:KNOWS]->(:ProcessStep)-[:STEP_OF]->(t) }
WITH day, t, any(g IN t.grading WHERE g IN ['core', 'security']) AS top
MATCH (s:ProcessStep)-[:STEP_OF]->(t)
OPTIONAL MATCH (p:Person)-[k:KNOWS]->(s)
// employed on the reference date: no leaving date on or before it, and a
// status other than left / retired unless the leaving date is still to come
WITH day, t, top, s, p, k,
     p IS NOT NULL
       AND NOT (p.left IS NOT NULL AND p.left <= day)
       AND (NOT coalesce(p.status, 'active') IN ['left', 'retired']
            OR (p.left IS NOT NULL AND p.left > day)) AS current
WITH t, top, s, p, k, current ORDER BY p.id
WITH t, top, s,
     collect(CASE WHEN current AND ($count_partial OR coalesce(k.depth, 'full') = 'full')
                  THEN [p.id, coalesce(k.mode, 'tacit')] END) AS knowers,
     collect(CASE WHEN p IS NOT NULL AND NOT current THEN p.id END) AS former
WHERE size(knowers) <= 1
WITH t, s, knowers, former, size(knowers) = 1 AS sole,
     CASE WHEN size(knowers) = 1
          THEN (CASE WHEN top THEN 0 ELSE 1 END)
               + (CASE WHEN knowers[0][1] <> 'documented' THEN 0 ELSE 1 END)
          ELSE (CASE WHEN top THEN 1 ELSE 2 END) - (CASE WHEN size(former) > 0 THEN 1 ELSE 0 END)
     END AS rank
RETURN CASE WHEN sole THEN [s.id, knowers[0][0]] ELSE [s.id] END AS subjects,
       CASE WHEN sole THEN 'sole' ELSE 'unknown' END AS discriminator,
       CASE WHEN sole THEN ['critical', 'high', 'medium'][rank]
            ELSE ['high', 'medium', 'low'][rank] END AS severity,
       CASE WHEN sole THEN [85, 65, 45][rank] ELSE [60, 40, 25][rank] END AS score,
       t.id AS technology, s.id AS step,
       CASE WHEN sole THEN knowers[0][0] END AS knower,
       CASE WHEN sole THEN knowers[0][1] END AS mode,
       former AS former_knowers
ORDER BY technology, step

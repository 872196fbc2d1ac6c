// ---
// id: ungraded_technologies
// title:
//   ja: 格付けのない技術
//   en: Technologies with no grading
// family: access
// kind: exposure
// twin: ungraded_technologies
// checklist:
// - F2
// description:
//   ja: 守るべき技術を特定・格付けしていないと、その技術を知る人や記した資料、社外への提供に、重要度に見合った管理がかかりません。
//   en: A technology that was never graded gets no protection matched to its importance, although people
//     know it, documents carry it and it flows to others.
// parameters: []
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
// - name: technology
//   ja: 技術
//   en: technology
// - name: knowers
//   ja: 知っている人数
//   en: knowers
// - name: assets
//   ja: 情報資産
//   en: assets
// - name: disclosures
//   ja: 提供
//   en: disclosures
// references:
// - document: guidance
//   pages:
//   - 15
//   - 16
// revision: 1
// ---
// Technologies with no grading that people know (KNOWS to one of their
// steps), that assets describe (directly or through a step), or whose
// assets were disclosed (a disclosure with a sender and a recipient).
MATCH (t:Technology)
WHERE size(coalesce(t.grading, [])) = 0
OPTIONAL MATCH (p)-[:KNOWS]->(:ProcessStep)-[:STEP_OF]->(t)
WITH t, count(DISTINCT p) AS knowers
OPTIONAL MATCH (a1:InformationAsset)-[:DESCRIBES]->(t)
WITH t, knowers, collect(DISTINCT a1.id) AS direct
OPTIONAL MATCH (a2:InformationAsset)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t)
WITH t, knowers, direct, collect(DISTINCT a2.id) AS via_steps
WITH t, knowers, direct + [x IN via_steps WHERE NOT x IN direct] AS assets
OPTIONAL MATCH (d1:Disclosure)-[:USED]->()-[:DESCRIBES]->(t)
WHERE EXISTS { MATCH ()-[:DISCLOSED]->(d1) } AND EXISTS { MATCH (d1)-[:DISCLOSED_TO]->() }
WITH t, knowers, assets, collect(DISTINCT d1.id) AS direct
OPTIONAL MATCH (d2:Disclosure)-[:USED]->()-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t)
WHERE EXISTS { MATCH ()-[:DISCLOSED]->(d2) } AND EXISTS { MATCH (d2)-[:DISCLOSED_TO]->() }
WITH t, knowers, assets, direct, collect(DISTINCT d2.id) AS via_steps
WITH t, knowers, assets, direct + [x IN via_steps WHERE NOT x IN direct] AS flows
WHERE knowers > 0 OR size(assets) > 0 OR size(flows) > 0
WITH t, knowers, assets, flows,
     CASE WHEN coalesce(t.choke_point = true, false) OR coalesce(t.protection = 'trade_secret', false)
            THEN 'high'
          WHEN size(flows) > 0 THEN 'medium'
          ELSE 'low' END AS severity
WITH t, knowers, assets, flows, severity,
     CASE severity WHEN 'high' THEN 65 WHEN 'medium' THEN 45 ELSE 20 END
       + size(flows) + knowers / 5.0 AS raw
RETURN [t.id] AS subjects, '' AS discriminator, severity,
       CASE WHEN raw > 100 THEN 100.0 ELSE raw END AS score,
       t.id AS technology, knowers, assets, flows AS disclosures
ORDER BY technology

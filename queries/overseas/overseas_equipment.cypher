// ---
// id: overseas_equipment
// title:
//   ja: 海外拠点の製造設備の所有・処分・保守
//   en: Ownership, disposal and maintenance of equipment abroad
// family: overseas
// kind: exposure
// twin: overseas_equipment
// checklist:
// - O7
// - O9
// description:
//   ja: 重要技術を体化した製造設備が相手先の所有であったり、返還・廃棄の計画がなかったりすると、撤退時に設備ごと技術が残ります。カスタマイズした設備を自社やメーカー以外の第三者が保守すると、改良点がその第三者に知られます。
//   en: Equipment embodying graded technology that the partner owns, or that has no return or disposal plan,
//     stays behind with the technology when the site is left. Customised equipment serviced by a third party,
//     neither in-house nor by its maker, shows that party what was changed.
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
// - name: equipment
//   ja: 設備
//   en: equipment
// - name: site
//   ja: 拠点
//   en: site
// - name: country
//   ja: 国
//   en: country
// - name: gradings
//   ja: 格付け
//   en: gradings
// - name: checklist
//   ja: チェックリスト項目
//   en: checklist items
// references:
// - document: guidance
//   pages:
//   - 48
//   - 51
// revision: 1
// ---
// Equipment installed (first site by id) at a site or organisation whose
// country (first by id) is not Japan.  Gradings are those of the
// technologies it embodies, directly or through a process step.
MATCH (eq:Equipment)-[:INSTALLED_AT]->(site)
WITH eq, site ORDER BY site.id
WITH eq, collect(site)[0] AS site
WHERE site:Site OR site:Organisation
OPTIONAL MATCH (site)-[:LOCATED_IN]->(c)
WITH eq, site, c ORDER BY c.id
WITH eq, site, collect(c.id)[0] AS country
WHERE country IS NOT NULL AND country <> 'JP'
WITH eq, site, country,
     [(eq)-[:EMBODIES]->(t1:Technology) | t1]
       + [(eq)-[:EMBODIES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH eq, site, country, reduce(acc = [], t IN techs | acc + coalesce(t.grading, [])) AS grades
WITH eq, site, country, grades,
     size(grades) > 0 AS graded,
     'core' IN grades AS core,
     coalesce(site.stage = 'withdrawal', false) AS withdrawal,
     size([(eq)-[:OWNED_BY]->(o) WHERE coalesce(o.kind, '') <> 'self' | o]) > 0 AS partner_owned,
     coalesce(eq.disposal_plan = true, false) AS planned,
     coalesce(eq.customised = true, false)
       AND size([(eq)-[:MAINTAINED_BY]->(m)
                 WHERE coalesce(m.kind, '') <> 'self'
                   AND NOT m.id IN [(eq)-[:MADE_BY]->(mk) | mk.id] | m]) > 0 AS third_party
WITH eq, site, country, grades, graded, core, withdrawal, partner_owned, planned, third_party,
     CASE WHEN core AND withdrawal THEN 'critical' WHEN core THEN 'high' ELSE 'medium' END AS o9
UNWIND [
  CASE WHEN graded AND partner_owned
       THEN ['partner_owned', o9,
             (CASE WHEN core THEN 85 ELSE 60 END) + (CASE WHEN withdrawal THEN 10 ELSE 0 END)] END,
  CASE WHEN graded AND NOT planned
       THEN ['no_disposal_plan', o9,
             (CASE WHEN core THEN 75 ELSE 50 END) + (CASE WHEN withdrawal THEN 15 ELSE 0 END)] END,
  CASE WHEN third_party
       THEN ['third_party_maintenance',
             CASE WHEN core THEN 'high' WHEN graded THEN 'medium' ELSE 'low' END,
             CASE WHEN core THEN 80 WHEN graded THEN 55 ELSE 30 END] END
] AS f
WITH eq, site, country, grades, f
WHERE f IS NOT NULL
RETURN [eq.id] AS subjects, f[0] AS discriminator, f[1] AS severity, f[2] AS score,
       eq.id AS equipment, site.id AS site, country, grades AS gradings,
       CASE f[0] WHEN 'third_party_maintenance' THEN ['O7'] ELSE ['O9'] END AS checklist
ORDER BY equipment, discriminator

// ---
// id: trade_secret_protection_gap
// title: {ja: 営業秘密の管理の不備（秘密表示・アクセス制限）, en: Trade secrets not managed as secrets}
// family: access
// kind: exposure
// twin: trade_secret_protection_gap
// checklist: [F3]
// description:
//   ja: >-
//     営業秘密として管理する資産（trade_secret が真、または空欄で営業秘密として守る技術を記した資産）のうち、
//     秘密表示・アクセス制限がない、記録がない、または秘密区分が「公開」のもの。
//   en: >-
//     Assets declared trade secrets (trade_secret true, or blank and describing a technology
//     protected as a trade secret) that are not marked, not access-restricted, not recorded
//     as either, or classed public.
// parameters: []
// columns:
//   - {name: subjects, ja: 対象, en: subjects}
//   - {name: discriminator, ja: 区分, en: kind}
//   - {name: severity, ja: 重大度, en: severity}
//   - {name: score, ja: スコア, en: score}
//   - {name: asset, ja: 情報資産, en: asset}
//   - {name: confirmed_gaps, ja: 確認済みの不備, en: confirmed gaps}
//   - {name: unrecorded, ja: 記録のない項目, en: unrecorded}
//   - {name: core, ja: コア技術, en: core technology}
// references:
//   - {document: guidance, pages: [22, 96]}
// revision: 1
// ---
MATCH (a:InformationAsset)
WHERE a.trade_secret IS NULL OR a.trade_secret = true
OPTIONAL MATCH (a)-[:DESCRIBES]->(direct:Technology)
WITH a, collect(DISTINCT direct) AS direct
OPTIONAL MATCH (a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(viaStep:Technology)
WITH a, direct, collect(DISTINCT viaStep) AS via_steps
WITH a, direct + via_steps AS techs
WITH a,
     any(t IN techs WHERE t.protection = 'trade_secret') AS secret_technology,
     any(t IN techs WHERE 'core' IN coalesce(t.grading, [])) AS core
WHERE a.trade_secret = true OR (secret_technology AND a.secrecy <> 'public')
WITH a, core,
     (CASE WHEN a.marked = false THEN 1 ELSE 0 END)
       + (CASE WHEN a.access_restricted = false THEN 1 ELSE 0 END)
       + (CASE WHEN a.secrecy = 'public' THEN 1 ELSE 0 END) AS confirmed,
     (CASE WHEN a.marked IS NULL THEN 1 ELSE 0 END)
       + (CASE WHEN a.access_restricted IS NULL THEN 1 ELSE 0 END) AS unrecorded
WHERE confirmed + unrecorded > 0
WITH a, core, confirmed, unrecorded,
     CASE WHEN confirmed > 0 THEN (CASE WHEN core THEN 'critical' ELSE 'high' END)
          ELSE (CASE WHEN core THEN 'medium' ELSE 'low' END) END AS severity
RETURN [a.id] AS subjects, '' AS discriminator, severity,
       CASE severity WHEN 'critical' THEN 85 WHEN 'high' THEN 65 WHEN 'medium' THEN 45 ELSE 20 END
         + 5 * confirmed AS score,
       a.id AS asset, confirmed AS confirmed_gaps, unrecorded, core
ORDER BY asset

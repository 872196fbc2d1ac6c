// ---
// id: uncovered_disclosures
// title:
//   ja: 契約に裏付けられていない情報提供
//   en: Disclosures not covered by a contract
// family: flows
// kind: exposure
// twin: uncovered_disclosures
// checklist:
// - S2
// - S3
// - O4
// - J6
// parameters:
// - name: required_flow_clauses
//   type: list
//   default:
//   - confidentiality
//   - purpose_limitation
//   - subcontract_approval
//   description:
//     ja: 重要情報の提供に必要な契約条項
//     en: contract clauses a flow of graded information needs
// columns:
// - {name: subjects, ja: 対象, en: subjects}
// - {name: discriminator, ja: 区分, en: kind}
// - {name: severity, ja: 重大度, en: severity}
// - {name: score, ja: スコア, en: score}
// - {name: date, ja: 提供日, en: date}
// - {name: recipient, ja: 提供先, en: recipient}
// - {name: recipient_organisation, ja: 提供先の組織, en: recipient organisation}
// - {name: contract, ja: 契約, en: contract}
// - {name: rank, ja: 重要度, en: rank}
// - {name: clause_gaps, ja: 欠落・未記録の条項, en: clauses missing or not recorded}
// - {name: checklist, ja: チェックリスト項目, en: checklist items}
// description:
//   ja: >-
//     社内から社外へ重要情報（公開情報を除く）を渡した提供ごとに、契約の裏付けの欠落を1件ずつ挙げます。
//     契約なし・提供先が当事者でない契約（no_contract）、契約開始前（before_start）、契約終了後（not_in_force）、
//     契約の対象範囲外（out_of_scope）、必要条項の欠落・未記録（weak_contract）。
//     その日に提供先の組織と有効な契約が一つもなければ重大度を1段上げます。
//   en: >-
//     For every flow of graded, non-public information from inside the company to an outside party, one
//     row per contractual gap: no contract or one the recipient is not party to (no_contract), before the
//     contract started (before_start), after it ended (not_in_force), outside what the contract covers
//     (out_of_scope), or lacking required clauses (weak_contract). A flow with no contract in force with the
//     recipient's organisation that day is one severity step higher.
// references:
// - document: guidance
//   pages:
//   - 134
//   - 165
//   - 167
// revision: 2
// ---
// The Neo4j 5 form; it runs unchanged on ArcadeDB.  Where the Python twin
// takes "the first" of several edges (sorted by id) the Cypher takes the
// smallest id with reduce(), so both pick the same node.
//
// 1. First-hand flows: the sender is inside the company (its organisation,
//    or the person's employer with the smallest id, is of kind 'self'), the
//    recipient outside (no organisation, or one not of kind 'self'), and the
//    disclosure is not an onward flow.
MATCH (s)-[:DISCLOSED]->(d:Disclosure)-[:DISCLOSED_TO]->(r)
WHERE NOT EXISTS { (d)-[:ONWARD_OF]->() }
WITH d, s, r,
     CASE WHEN s:Organisation THEN s
          WHEN s:Person THEN reduce(m = null, x IN [(s)-[:EMPLOYED_BY]->(e) | e] |
                                    CASE WHEN m IS NULL OR x.id < m.id THEN x ELSE m END)
     END AS sorg,
     CASE WHEN r:Organisation THEN r
          WHEN r:Person THEN reduce(m = null, x IN [(r)-[:EMPLOYED_BY]->(e) | e] |
                                    CASE WHEN m IS NULL OR x.id < m.id THEN x ELSE m END)
     END AS rorg
WHERE sorg IS NOT NULL AND sorg.kind = 'self'
  AND (rorg IS NULL OR coalesce(rorg.kind, '') <> 'self')
// 2. Graded assets: not public, and classed top secret / department only or
//    describing a graded technology (directly or through a process step).
//    An asset's rank: the highest of its technologies (3 core/security,
//    2 economic security, 1 other grading), at least 2 for top secret and 1
//    for department only.
MATCH (d)-[:USED]->(a:InformationAsset)
WITH d, r, rorg, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WHERE coalesce(a.secrecy, '') <> 'public'
  AND (a.secrecy IN ['top_secret', 'department_only']
       OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0))
WITH d, r, rorg, a, techs,
     reduce(k = CASE a.secrecy WHEN 'top_secret' THEN 2 WHEN 'department_only' THEN 1 ELSE 0 END,
            t IN techs |
            CASE WHEN any(g IN coalesce(t.grading, []) WHERE g IN ['core', 'security']) THEN 3
                 WHEN 'econ_security' IN coalesce(t.grading, []) AND k < 2 THEN 2
                 WHEN size(coalesce(t.grading, [])) > 0 AND k < 1 THEN 1
                 ELSE k END) AS asset_rank
WITH d, r, rorg, max(asset_rank) AS rank,
     collect({id: a.id,
              techs: [t IN techs | t.id],
              graded_techs: [t IN techs WHERE size(coalesce(t.grading, [])) > 0 | t.id]}) AS graded
// 3. The cited contract (smallest id), its parties and what it covers; the
//    contracts of the recipient's organisation, those in force on the day
//    and those starting later.
WITH d, r, rorg, rank, graded,
     CASE WHEN rank >= 3 THEN 2 WHEN rank >= 1 THEN 1 ELSE 0 END AS base,
     reduce(m = null, x IN [(d)-[:UNDER_CONTRACT]->(k) | k] |
            CASE WHEN m IS NULL OR x.id < m.id THEN x ELSE m END) AS c,
     CASE WHEN rorg IS NULL THEN [] ELSE [(k:Contract)-[:PARTY]->(rorg) | k] END AS own
WITH d, r, rorg, rank, graded, base, c, own,
     CASE WHEN c IS NULL THEN [] ELSE [(c)-[:PARTY]->(p) | p.id] END AS parties,
     CASE WHEN c IS NULL THEN [] ELSE [(c)-[:COVERS]->(x) | x.id] END AS cov,
     [k IN own WHERE (k.start IS NULL OR k.start <= d.date) AND (k.end IS NULL OR d.date <= k.end)] AS in_force,
     [k IN own WHERE k.start IS NOT NULL AND d.date < k.start] AS later
// 4. Where the recipient is: for a person the first work site (by id) that
//    has a country, else the employer's country.  Joint research (a project,
//    or a joint-research contract) counts under J6, not abroad (O4).
WITH d, r, rorg, rank, graded, base, c, parties, cov, in_force, later,
     EXISTS { (d)-[:IN_PROJECT]->() } OR (c IS NOT NULL AND c.kind = 'joint_research') AS research,
     CASE WHEN r:Organisation
          THEN reduce(m = null, x IN [(r)-[:LOCATED_IN]->(rc) | rc.id] |
                      CASE WHEN m IS NULL OR x < m THEN x ELSE m END)
          WHEN r:Person
          THEN coalesce(
                 reduce(m = null, x IN [(r)-[:WORKS_AT]->(st:Site)-[:LOCATED_IN]->(sc) | [st.id, sc.id]] |
                        CASE WHEN m IS NULL OR x[0] < m[0] OR (x[0] = m[0] AND x[1] < m[1]) THEN x ELSE m END)[1],
                 CASE WHEN rorg IS NULL THEN null
                      ELSE reduce(m = null, x IN [(rorg)-[:LOCATED_IN]->(oc) | oc.id] |
                                  CASE WHEN m IS NULL OR x < m THEN x ELSE m END) END)
     END AS country
WITH d, r, rorg, rank, graded, base, c, parties, cov, in_force, later, research,
     country IS NOT NULL AND country <> 'JP' AND NOT research AS abroad,
     CASE WHEN size(in_force) = 0 THEN 1 ELSE 0 END AS cover,
     CASE WHEN c IS NULL THEN [] ELSE [k IN $required_flow_clauses WHERE c[k] = false] END AS missing,
     CASE WHEN c IS NULL THEN [] ELSE [k IN $required_flow_clauses WHERE c[k] IS NULL] END AS unrecorded
// 5. The gaps: no usable contract, before its start, after its end; or, under
//    a contract in force with the recipient, assets outside its scope and
//    missing (one step more severe than unrecorded) clauses.
WITH d, r, rorg, rank, c, research, abroad,
     CASE
       WHEN c IS NULL OR rorg IS NULL OR NOT rorg.id IN parties
       THEN [{kind: CASE WHEN c IS NULL AND size(later) > 0 AND size(in_force) = 0
                         THEN 'before_start' ELSE 'no_contract' END,
              step: base + cover, clauses: []}]
       WHEN c.start IS NOT NULL AND d.date < c.start
       THEN [{kind: 'before_start', step: base + cover, clauses: []}]
       WHEN c.end IS NOT NULL AND d.date > c.end
       THEN [{kind: 'not_in_force', step: base + cover, clauses: []}]
       ELSE
         CASE WHEN size(cov) > 0
                   AND any(x IN graded WHERE NOT x.id IN cov
                           AND (size(x.techs) = 0
                                OR any(t IN x.graded_techs WHERE NOT t IN cov)
                                OR none(t IN x.techs WHERE t IN cov)))
              THEN [{kind: 'out_of_scope', step: base, clauses: []}] ELSE [] END
         + CASE WHEN size(missing) + size(unrecorded) > 0
                THEN [{kind: 'weak_contract', step: base - CASE WHEN size(missing) > 0 THEN 0 ELSE 1 END,
                       clauses: missing + unrecorded}]
                ELSE [] END
     END AS gaps
UNWIND gaps AS gap
RETURN [d.id] AS subjects,
       gap.kind AS discriminator,
       ['low', 'medium', 'high', 'critical'][CASE WHEN gap.step < 0 THEN 0 WHEN gap.step > 3 THEN 3 ELSE gap.step END]
         AS severity,
       40 + 10 * rank + 8 * gap.step AS score,
       d.date AS date,
       r.id AS recipient,
       rorg.id AS recipient_organisation,
       c.id AS contract,
       rank,
       gap.clauses AS clause_gaps,
       CASE gap.kind
         WHEN 'before_start' THEN ['S2']
         WHEN 'out_of_scope' THEN CASE WHEN research THEN ['J6'] WHEN abroad THEN ['O4'] ELSE ['S3'] END
         WHEN 'weak_contract'
         THEN CASE WHEN abroad AND any(k IN gap.clauses
                                       WHERE k IN ['scope_defined', 'named_participants',
                                                   'purpose_limitation', 'subcontract_approval'])
                   THEN ['S3', 'O4'] ELSE ['S3'] END
         ELSE ['S3']
       END AS checklist

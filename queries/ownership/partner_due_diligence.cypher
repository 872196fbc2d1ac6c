// ---
// id: partner_due_diligence
// title:
//   ja: 相手先・参加者のデューデリジェンス不足
//   en: Partners and participants without due diligence
// family: ownership
// kind: exposure
// twin: partner_due_diligence
// checklist:
// - S1
// - O2
// - J3
// - J4
// description:
//   ja: 重要な情報を受け取る取引先・共同研究先・ライセンシーについて、組織としての信頼性（違反歴、情報管理体制、株主構成、実績）を確認していないと、流出の兆候に気づけません。共同研究の相手側参加者の個人としての確認や、外国政府への協力義務の把握も必要です。
//   en: Without checking a partner's track record, information management and shareholders before it receives
//     important information, warning signs go unnoticed. Joint research also needs checks on the partner's
//     individual participants, including any duty to a foreign government.
// parameters:
// - name: as_of
//   type: date
//   default: today
//   description:
//     ja: 基準日（既定は今日）
//     en: reference date (default today)
// - name: max_age_days
//   type: integer
//   default: 1095
//   description:
//     ja: デューデリジェンスの有効期間（日）
//     en: days a due-diligence review stays current
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
// - name: subject
//   ja: 対象
//   en: subject
// - name: scope
//   ja: 観点
//   en: scope
// - name: gap
//   ja: 不足
//   en: gap
// - name: graded
//   ja: 重要情報
//   en: graded
// - name: checklist
//   ja: チェックリスト項目
//   en: checklist items
// references:
// - document: guidance
//   pages:
//   - 36
//   - 122
//   - 123
//   - 124
//   - 125
//   - 126
//   - 127
//   - 128
//   - 164
// revision: 1
// ---
// organisation: outside organisations (kind other than self) that receive
// a disclosure with a sender (directly, or through a person whose first
// employer by id they are), partner in a project or are party to a
// contract, whose latest organisation-scope review dated on or before the
// reference date is missing, rejected, pending or older than $max_age_days.
// Graded: a sensitive asset disclosed to them, a project on a graded theme,
// or a contract covering a graded technology or a sensitive asset.
WITH date($as_of) AS day
MATCH (o:Organisation)
WHERE coalesce(o.kind, '') <> 'self'
OPTIONAL MATCH (s1)-[:DISCLOSED]->(d1:Disclosure)-[:DISCLOSED_TO]->(o)
WITH day, o, collect(DISTINCT d1) AS ds1
OPTIONAL MATCH (s2)-[:DISCLOSED]->(d2:Disclosure)-[:DISCLOSED_TO]->(q:Person)-[:EMPLOYED_BY]->(o)
WHERE NOT EXISTS { MATCH (q)-[:EMPLOYED_BY]->(o2) WHERE o2.id < o.id }
WITH day, o, ds1, collect(DISTINCT d2) AS ds2
WITH day, o, ds1 + [x IN ds2 WHERE NOT x IN ds1] AS ds
WITH day, o, ds,
     [(pr)-[:PARTNER]->(o) | pr] AS projects,
     [(c)-[:PARTY]->(o) | c] AS contracts
WHERE size(ds) + size(projects) + size(contracts) > 0
UNWIND (CASE WHEN size(ds) = 0 THEN [null] ELSE ds END) AS d
OPTIONAL MATCH (d)-[:USED]->(a)
WITH day, o, projects, contracts, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH day, o, projects, contracts,
     max(CASE WHEN a IS NOT NULL AND coalesce(a.secrecy, '') <> 'public'
                   AND (a.secrecy IN ['top_secret', 'department_only']
                        OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0))
              THEN 1 ELSE 0 END) AS disclosed_graded
UNWIND (CASE WHEN size(contracts) = 0 THEN [null] ELSE contracts END) AS c
OPTIONAL MATCH (c)-[:COVERS]->(x)
WITH day, o, projects, disclosed_graded, x,
     [(x)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(x)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH day, o, projects, disclosed_graded,
     max(CASE WHEN 'Technology' IN labels(x) AND size(coalesce(x.grading, [])) > 0 THEN 1
              WHEN 'InformationAsset' IN labels(x) AND coalesce(x.secrecy, '') <> 'public'
                   AND (x.secrecy IN ['top_secret', 'department_only']
                        OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0)) THEN 1
              ELSE 0 END) AS contract_graded
WITH day, o,
     disclosed_graded = 1 OR contract_graded = 1
       OR any(pr IN projects WHERE size([(pr)-[:THEME]->(th) WHERE size(coalesce(th.grading, [])) > 0 | th]) > 0)
       AS graded
OPTIONAL MATCH (dd)-[:ASSESSES]->(o)
WHERE coalesce(dd.scope, '') = 'organisation' AND (dd.date IS NULL OR dd.date <= day)
WITH day, o, graded, dd ORDER BY CASE WHEN dd.date IS NULL THEN 0 ELSE 1 END, dd.date, dd.id
WITH day, o, graded, collect(dd) AS reviews
WITH day, o, graded, CASE WHEN size(reviews) = 0 THEN null ELSE reviews[size(reviews) - 1] END AS dd
WITH o, graded,
     CASE WHEN dd IS NULL THEN 'missing'
          WHEN coalesce(dd.outcome, 'cleared') IN ['rejected', 'pending'] THEN dd.outcome
          WHEN dd.date IS NULL OR duration.inDays(dd.date, day).days > $max_age_days THEN 'stale'
          ELSE coalesce(dd.outcome, 'cleared') END AS status
WHERE status IN ['missing', 'stale', 'rejected', 'pending']
// checklist route of o (dd_item): J3 joint research (a project partner,
// or a university / lab / research institute); O2 a production transfer
// abroad (licensee, JV partner, subsidiary; abroad and party to a licence,
// JV or manufacturing contract; operator of a site abroad or maintainer or
// owner of equipment there) or an organisation abroad that is not of a
// supply-chain kind receiving from one; S1 the rest.
OPTIONAL MATCH (rs:Site)-[:LOCATED_IN]->(rsc)
WITH o, graded, status, rs, rsc ORDER BY rsc.id
WITH o, graded, status, rs, collect(rsc.id)[0] AS rs_country
WITH o, graded, status, collect(CASE WHEN rs_country IS NOT NULL AND rs_country <> 'JP' THEN rs.id END) AS abroad_sites
OPTIONAL MATCH (tr:Organisation)
WHERE coalesce(tr.kind, '') <> 'self'
WITH o, graded, status, abroad_sites, tr,
     reduce(m = null, x IN [(tr)-[:LOCATED_IN]->(tc) | tc.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END) AS tr_country
WITH o, graded, status,
     collect(CASE WHEN coalesce(tr.kind, '') IN ['licensee', 'jv_partner', 'subsidiary']
                       OR (tr_country IS NOT NULL AND tr_country <> 'JP'
                           AND size([(tk)-[:PARTY]->(tr) WHERE tk.kind IN ['licence', 'jv', 'manufacturing'] | tk]) > 0)
                       OR size([(ts:Site)-[:OPERATED_BY]->(tr) WHERE ts.id IN abroad_sites | ts]) > 0
                       OR size([(tr)<-[:MAINTAINED_BY]-(te)-[:INSTALLED_AT]->(ts2:Site) WHERE ts2.id IN abroad_sites | te]) > 0
                       OR size([(tr)<-[:OWNED_BY]-(te2)-[:INSTALLED_AT]->(ts3:Site) WHERE ts3.id IN abroad_sites | te2]) > 0
                  THEN tr.id END) AS transfer
OPTIONAL MATCH (rsnd)-[:DISCLOSED]->(rd:Disclosure)
WITH o, graded, status, transfer, rd, rsnd ORDER BY rsnd.id
WITH o, graded, status, transfer, rd, collect(rsnd)[0] AS rsnd
WITH o, graded, status, transfer, rsnd,
     reduce(m = null, x IN [(rd)-[:DISCLOSED_TO]->(rr) | rr] | CASE WHEN m IS NULL OR x.id < m.id THEN x ELSE m END) AS rrcp
WITH o, graded, status, transfer,
     CASE WHEN rsnd IS NULL THEN null
          WHEN 'Organisation' IN labels(rsnd) THEN rsnd.id
          WHEN 'Person' IN labels(rsnd)
          THEN reduce(m = null, x IN [(rsnd)-[:EMPLOYED_BY]->(re) | re.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END)
          END AS by_org,
     CASE WHEN rrcp IS NULL THEN null
          WHEN 'Organisation' IN labels(rrcp) THEN rrcp.id
          WHEN 'Person' IN labels(rrcp)
          THEN reduce(m = null, x IN [(rrcp)-[:EMPLOYED_BY]->(re2) | re2.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END)
          END AS to_org
WITH o, graded, status, transfer,
     max(CASE WHEN to_org = o.id AND by_org IS NOT NULL AND by_org <> o.id AND by_org IN transfer
              THEN 1 ELSE 0 END) AS onward
WITH o, graded, status,
     reduce(m = null, x IN [(o)-[:LOCATED_IN]->(oc) | oc.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END) AS org_country,
     transfer, onward
WITH o, graded, status,
     CASE WHEN EXISTS { MATCH ()-[:PARTNER]->(o) }
               OR coalesce(o.kind, '') IN ['university', 'lab', 'research_institute'] THEN 'J3'
          WHEN o.id IN transfer THEN 'O2'
          WHEN coalesce(o.kind, '') IN ['supplier', 'customer', 'equipment_maker']
               OR org_country IS NULL OR org_country = 'JP' THEN 'S1'
          WHEN onward = 1 THEN 'O2'
          ELSE 'S1' END AS route
RETURN [o.id] AS subjects, 'organisation:' + status AS discriminator,
       CASE WHEN graded
            THEN (CASE status WHEN 'rejected' THEN 'critical' WHEN 'stale' THEN 'medium' ELSE 'high' END)
            ELSE (CASE status WHEN 'rejected' THEN 'high' WHEN 'stale' THEN 'low' ELSE 'medium' END) END
         AS severity,
       CASE status WHEN 'rejected' THEN 90 WHEN 'missing' THEN 70 WHEN 'pending' THEN 60 ELSE 40 END
         + (CASE WHEN graded THEN 10 ELSE 0 END) AS score,
       o.id AS subject, 'organisation' AS scope, status AS gap, graded, [route] AS checklist
UNION ALL
// individual: people taking part in a project who are outside the company
// (no employer, or a first employer by id of a kind other than self) with
// no current individual-scope review.  Graded: a project on a graded theme.
WITH date($as_of) AS day
MATCH (p:Person)-[:PARTICIPATES_IN]->(pr)
WITH day, p, collect(DISTINCT pr) AS projects
OPTIONAL MATCH (p)-[:EMPLOYED_BY]->(e)
WITH day, p, projects, e ORDER BY e.id
WITH day, p, projects, collect(e) AS employers
WHERE size(employers) = 0 OR coalesce(employers[0].kind, '') <> 'self'
WITH day, p,
     any(pr IN projects WHERE size([(pr)-[:THEME]->(th) WHERE size(coalesce(th.grading, [])) > 0 | th]) > 0)
       AS graded
OPTIONAL MATCH (dd)-[:ASSESSES]->(p)
WHERE coalesce(dd.scope, '') = 'individual' AND (dd.date IS NULL OR dd.date <= day)
WITH day, p, graded, dd ORDER BY CASE WHEN dd.date IS NULL THEN 0 ELSE 1 END, dd.date, dd.id
WITH day, p, graded, collect(dd) AS reviews
WITH day, p, graded, CASE WHEN size(reviews) = 0 THEN null ELSE reviews[size(reviews) - 1] END AS dd
WITH p, graded,
     CASE WHEN dd IS NULL THEN 'missing'
          WHEN coalesce(dd.outcome, 'cleared') IN ['rejected', 'pending'] THEN dd.outcome
          WHEN dd.date IS NULL OR duration.inDays(dd.date, day).days > $max_age_days THEN 'stale'
          ELSE coalesce(dd.outcome, 'cleared') END AS status
WHERE status IN ['missing', 'stale', 'rejected', 'pending']
RETURN [p.id] AS subjects, 'individual:' + status AS discriminator,
       CASE WHEN graded
            THEN (CASE status WHEN 'rejected' THEN 'critical' WHEN 'stale' THEN 'medium' ELSE 'high' END)
            ELSE (CASE status WHEN 'rejected' THEN 'high' WHEN 'stale' THEN 'low' ELSE 'medium' END) END
         AS severity,
       CASE status WHEN 'rejected' THEN 90 WHEN 'missing' THEN 70 WHEN 'pending' THEN 60 ELSE 40 END
         - 10 + (CASE WHEN graded THEN 10 ELSE 0 END) AS score,
       p.id AS subject, 'individual' AS scope, status AS gap, graded, ['J4'] AS checklist
UNION ALL
// foreign_obligation: people with an obligation to a foreign government
// employed by an outside organisation that is a counterparty (as above);
// one row per such organisation.  Exposed: an outside project participant,
// the recipient of a disclosure, or holding access in force to a sensitive
// asset.
WITH date($as_of) AS day
MATCH (p)-[:EMPLOYED_BY]->(o:Organisation)
WHERE p.foreign_gov_obligation = true AND coalesce(o.kind, '') <> 'self'
  AND (EXISTS { MATCH ()-[:DISCLOSED]->(:Disclosure)-[:DISCLOSED_TO]->(o) }
       OR EXISTS { MATCH ()-[:PARTNER]->(o) }
       OR EXISTS { MATCH ()-[:PARTY]->(o) }
       OR EXISTS {
         MATCH ()-[:DISCLOSED]->(:Disclosure)-[:DISCLOSED_TO]->(q:Person)-[:EMPLOYED_BY]->(o)
         WHERE NOT EXISTS { MATCH (q)-[:EMPLOYED_BY]->(o2) WHERE o2.id < o.id }
       })
OPTIONAL MATCH (p)-[:EMPLOYED_BY]->(e)
WITH day, p, o, e ORDER BY e.id
WITH day, p, o, collect(e) AS employers
WITH day, p, o,
     p:Person AND EXISTS { MATCH (p)-[:PARTICIPATES_IN]->() }
       AND coalesce(employers[0].kind, '') <> 'self' AS participant,
     EXISTS { MATCH ()-[:DISCLOSED]->(:Disclosure)-[:DISCLOSED_TO]->(p) } AS recipient
OPTIONAL MATCH (p)-[x:CAN_ACCESS]->(a)
WHERE (x.granted IS NULL OR x.granted <= day) AND (x.revoked IS NULL OR x.revoked > day)
  AND coalesce(a.secrecy, '') <> 'public'
WITH p, o, participant, recipient, a,
     [(a)-[:DESCRIBES]->(t1:Technology) | t1]
       + [(a)-[:DESCRIBES]->(:ProcessStep)-[:STEP_OF]->(t2:Technology) | t2] AS techs
WITH p, o, participant, recipient,
     max(CASE WHEN a IS NOT NULL
                   AND (a.secrecy IN ['top_secret', 'department_only']
                        OR any(t IN techs WHERE size(coalesce(t.grading, [])) > 0))
              THEN 1 ELSE 0 END) = 1 AS has_access
WITH p, o, participant, participant OR recipient OR has_access AS exposed
// checklist route of o (dd_item): J3 joint research (a project partner,
// or a university / lab / research institute); O2 a production transfer
// abroad (licensee, JV partner, subsidiary; abroad and party to a licence,
// JV or manufacturing contract; operator of a site abroad or maintainer or
// owner of equipment there) or an organisation abroad that is not of a
// supply-chain kind receiving from one; S1 the rest.
OPTIONAL MATCH (rs:Site)-[:LOCATED_IN]->(rsc)
WITH p, o, participant, exposed, rs, rsc ORDER BY rsc.id
WITH p, o, participant, exposed, rs, collect(rsc.id)[0] AS rs_country
WITH p, o, participant, exposed, collect(CASE WHEN rs_country IS NOT NULL AND rs_country <> 'JP' THEN rs.id END) AS abroad_sites
OPTIONAL MATCH (tr:Organisation)
WHERE coalesce(tr.kind, '') <> 'self'
WITH p, o, participant, exposed, abroad_sites, tr,
     reduce(m = null, x IN [(tr)-[:LOCATED_IN]->(tc) | tc.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END) AS tr_country
WITH p, o, participant, exposed,
     collect(CASE WHEN coalesce(tr.kind, '') IN ['licensee', 'jv_partner', 'subsidiary']
                       OR (tr_country IS NOT NULL AND tr_country <> 'JP'
                           AND size([(tk)-[:PARTY]->(tr) WHERE tk.kind IN ['licence', 'jv', 'manufacturing'] | tk]) > 0)
                       OR size([(ts:Site)-[:OPERATED_BY]->(tr) WHERE ts.id IN abroad_sites | ts]) > 0
                       OR size([(tr)<-[:MAINTAINED_BY]-(te)-[:INSTALLED_AT]->(ts2:Site) WHERE ts2.id IN abroad_sites | te]) > 0
                       OR size([(tr)<-[:OWNED_BY]-(te2)-[:INSTALLED_AT]->(ts3:Site) WHERE ts3.id IN abroad_sites | te2]) > 0
                  THEN tr.id END) AS transfer
OPTIONAL MATCH (rsnd)-[:DISCLOSED]->(rd:Disclosure)
WITH p, o, participant, exposed, transfer, rd, rsnd ORDER BY rsnd.id
WITH p, o, participant, exposed, transfer, rd, collect(rsnd)[0] AS rsnd
WITH p, o, participant, exposed, transfer, rsnd,
     reduce(m = null, x IN [(rd)-[:DISCLOSED_TO]->(rr) | rr] | CASE WHEN m IS NULL OR x.id < m.id THEN x ELSE m END) AS rrcp
WITH p, o, participant, exposed, transfer,
     CASE WHEN rsnd IS NULL THEN null
          WHEN 'Organisation' IN labels(rsnd) THEN rsnd.id
          WHEN 'Person' IN labels(rsnd)
          THEN reduce(m = null, x IN [(rsnd)-[:EMPLOYED_BY]->(re) | re.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END)
          END AS by_org,
     CASE WHEN rrcp IS NULL THEN null
          WHEN 'Organisation' IN labels(rrcp) THEN rrcp.id
          WHEN 'Person' IN labels(rrcp)
          THEN reduce(m = null, x IN [(rrcp)-[:EMPLOYED_BY]->(re2) | re2.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END)
          END AS to_org
WITH p, o, participant, exposed, transfer,
     max(CASE WHEN to_org = o.id AND by_org IS NOT NULL AND by_org <> o.id AND by_org IN transfer
              THEN 1 ELSE 0 END) AS onward
WITH p, o, participant, exposed,
     reduce(m = null, x IN [(o)-[:LOCATED_IN]->(oc) | oc.id] | CASE WHEN m IS NULL OR x < m THEN x ELSE m END) AS org_country,
     transfer, onward
WITH p, o, participant, exposed,
     CASE WHEN EXISTS { MATCH ()-[:PARTNER]->(o) }
               OR coalesce(o.kind, '') IN ['university', 'lab', 'research_institute'] THEN 'J3'
          WHEN o.id IN transfer THEN 'O2'
          WHEN coalesce(o.kind, '') IN ['supplier', 'customer', 'equipment_maker']
               OR org_country IS NULL OR org_country = 'JP' THEN 'S1'
          WHEN onward = 1 THEN 'O2'
          ELSE 'S1' END AS route
RETURN [p.id] AS subjects, 'individual:foreign_obligation' AS discriminator,
       CASE WHEN exposed THEN 'high' ELSE 'medium' END AS severity,
       CASE WHEN exposed THEN 80 ELSE 55 END AS score,
       p.id AS subject, 'individual' AS scope, 'foreign_obligation' AS gap, exposed AS graded,
       CASE WHEN participant OR route = 'J3' THEN ['J4'] ELSE [route] END AS checklist

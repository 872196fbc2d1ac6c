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
RETURN [o.id] AS subjects, 'organisation:' + status AS discriminator,
       CASE WHEN graded
            THEN (CASE status WHEN 'rejected' THEN 'critical' WHEN 'stale' THEN 'medium' ELSE 'high' END)
            ELSE (CASE status WHEN 'rejected' THEN 'high' WHEN 'stale' THEN 'low' ELSE 'medium' END) END
         AS severity,
       CASE status WHEN 'rejected' THEN 90 WHEN 'missing' THEN 70 WHEN 'pending' THEN 60 ELSE 40 END
         + (CASE WHEN graded THEN 10 ELSE 0 END) AS score,
       o.id AS subject, 'organisation' AS scope, status AS gap, graded
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
       p.id AS subject, 'individual' AS scope, status AS gap, graded
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
WITH p, o, participant OR recipient OR has_access AS exposed
RETURN [p.id] AS subjects, 'individual:foreign_obligation' AS discriminator,
       CASE WHEN exposed THEN 'high' ELSE 'medium' END AS severity,
       CASE WHEN exposed THEN 80 ELSE 55 END AS score,
       p.id AS subject, 'individual' AS scope, 'foreign_obligation' AS gap, exposed AS graded

// ---
// id: flows_into_country
// title: {ja: 国への情報の流れ, en: All flows into a country}
// family: explore
// kind: exploratory
// checklist: [O6, S5, S7]
// description:
//   ja: >-
//     提供先がその国にある情報提供を一覧にします。提供先が組織ならその所在国、人員なら勤務拠点の国
//     （なければ所属組織の国）で判定します。
//   en: >-
//     Every disclosure whose recipient is in the country: an organisation located there, or a
//     person whose work site (failing that, employer) is there; one row per disclosure and asset.
// parameters:
//   - name: country
//     type: string
//     required: true
//     description: {ja: 国コード（ISO 3166 2文字）, en: ISO 3166 two-letter country code}
// columns:
//   - {name: disclosure, ja: 情報提供, en: disclosure}
//   - {name: date, ja: 提供日, en: date}
//   - {name: sender, ja: 提供元, en: from}
//   - {name: recipient, ja: 提供先, en: to}
//   - {name: recipient_kind, ja: 提供先の種類, en: recipient kind}
//   - {name: asset, ja: 情報資産, en: asset}
//   - {name: secrecy, ja: 秘密区分, en: secrecy}
//   - {name: channel, ja: 手段, en: channel}
//   - {name: contract, ja: 契約, en: contract}
// references:
//   - {document: guidance, pages: [46, 171]}
// revision: 1
// ---
MATCH (d:Disclosure)-[:DISCLOSED_TO]->(r)
OPTIONAL MATCH (r)-[:LOCATED_IN]->(oc:Country)
OPTIONAL MATCH (r)-[:WORKS_AT]->(:Site)-[:LOCATED_IN]->(sc:Country)
OPTIONAL MATCH (r)-[:EMPLOYED_BY]->(:Organisation)-[:LOCATED_IN]->(ec:Country)
WITH d, r,
     CASE WHEN r:Organisation THEN oc.id WHEN r:Person THEN coalesce(sc.id, ec.id) END AS country,
     CASE WHEN r:Organisation THEN 'Organisation' ELSE 'Person' END AS recipient_kind
WHERE country = toUpper(trim($country))
MATCH (d)-[:USED]->(a:InformationAsset)
OPTIONAL MATCH (sender)-[:DISCLOSED]->(d)
OPTIONAL MATCH (d)-[:UNDER_CONTRACT]->(c:Contract)
RETURN d.id AS disclosure, d.date AS date, sender.id AS sender, r.id AS recipient,
       recipient_kind, a.id AS asset, a.secrecy AS secrecy, d.channel AS channel,
       c.id AS contract
ORDER BY date, disclosure, asset

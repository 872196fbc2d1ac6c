// ---
// id: organisation_received
// title: {ja: 組織が受け取った情報, en: Everything an organisation received}
// family: explore
// kind: exploratory
// checklist: [S2, S3]
// description:
//   ja: >-
//     組織そのもの、またはその組織に所属する人員に提供された情報資産を、提供ごと・資産ごとに
//     一覧にします（提供日、秘密区分、提供元、手段、契約、返却状況）。
//   en: >-
//     Every information asset disclosed to an organisation or to one of its people, one row
//     per disclosure and asset: date, secrecy class, sender, channel, contract, return status.
// parameters:
//   - name: organisation
//     type: string
//     required: true
//     description: {ja: 組織のID, en: id of the organisation}
// columns:
//   - {name: disclosure, ja: 情報提供, en: disclosure}
//   - {name: date, ja: 提供日, en: date}
//   - {name: asset, ja: 情報資産, en: asset}
//   - {name: asset_name, ja: 資産名, en: asset name}
//   - {name: secrecy, ja: 秘密区分, en: secrecy}
//   - {name: sender, ja: 提供元, en: from}
//   - {name: recipient, ja: 提供先, en: to}
//   - {name: channel, ja: 手段, en: channel}
//   - {name: contract, ja: 契約, en: contract}
//   - {name: return_status, ja: 返却状況, en: return status}
// references:
//   - {document: guidance, pages: [165, 167]}
// revision: 1
// ---
MATCH (o:Organisation {id: $organisation})
MATCH (d:Disclosure)-[:DISCLOSED_TO]->(r)
WHERE r = o OR (r:Person AND EXISTS { MATCH (r)-[:EMPLOYED_BY]->(o) })
MATCH (d)-[:USED]->(a:InformationAsset)
OPTIONAL MATCH (sender)-[:DISCLOSED]->(d)
OPTIONAL MATCH (d)-[:UNDER_CONTRACT]->(c:Contract)
RETURN d.id AS disclosure, d.date AS date, a.id AS asset, a.name AS asset_name,
       a.secrecy AS secrecy, sender.id AS sender, r.id AS recipient, d.channel AS channel,
       c.id AS contract, d.return_status AS return_status
ORDER BY date, disclosure, asset

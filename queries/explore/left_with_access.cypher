// ---
// id: left_with_access
// title: {ja: アクセス権が残っている退職者, en: People who left with access}
// family: explore
// kind: exploratory
// checklist: [P3, P5]
// description:
//   ja: >-
//     基準日までに退職した人員（退職日が基準日以前、または退職日の記録がなく在籍状況が退職・定年退職）で、
//     基準日に剥奪されていない情報資産へのアクセス権を持つものを一覧にします。
//   en: >-
//     People who had left by the reference date (a leaving date on or before it, or no date and
//     a status of left or retired) and still hold access to an information asset on that date.
// parameters:
//   - name: as_of
//     type: date
//     default: today
//     description: {ja: 基準日（既定は今日）, en: reference date (default today)}
// columns:
//   - {name: person, ja: 人員, en: person}
//   - {name: name, ja: 氏名, en: name}
//   - {name: status, ja: 在籍状況, en: status}
//   - {name: left, ja: 退職日, en: left}
//   - {name: asset, ja: 情報資産, en: asset}
//   - {name: asset_name, ja: 資産名, en: asset name}
//   - {name: secrecy, ja: 秘密区分, en: secrecy}
//   - {name: level, ja: 権限, en: level}
//   - {name: granted, ja: 付与日, en: granted}
// references:
//   - {document: guidance, pages: [85, 100]}
// revision: 1
// ---
MATCH (p:Person)-[x:CAN_ACCESS]->(a:InformationAsset)
WHERE (CASE WHEN p.left IS NOT NULL THEN p.left <= date($as_of)
            ELSE p.status IN ['left', 'retired'] END)
  AND (x.revoked IS NULL OR x.revoked > date($as_of))
RETURN p.id AS person, p.name AS name, p.status AS status, p.left AS left,
       a.id AS asset, a.name AS asset_name, a.secrecy AS secrecy, x.level AS level,
       x.granted AS granted
ORDER BY person, asset

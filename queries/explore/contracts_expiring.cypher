// ---
// id: contracts_expiring
// title: {ja: 今四半期に終了する契約, en: Contracts expiring this quarter}
// family: explore
// kind: exploratory
// checklist: [S3, O5]
// description:
//   ja: >-
//     基準日を含む四半期（暦四半期）に終了日が来る契約を、相手方と残り日数とともに一覧にします。
//     終了時の返還・廃棄や存続条項の確認に使います。
//   en: >-
//     Contracts whose end date falls in the calendar quarter of the reference date, with their
//     counterparties and the days left: time to check return-or-destroy and survival clauses.
// parameters:
//   - name: as_of
//     type: date
//     default: today
//     description: {ja: 基準日（既定は今日）, en: reference date (default today)}
// columns:
//   - {name: contract, ja: 契約, en: contract}
//   - {name: title, ja: 契約名, en: title}
//   - {name: kind, ja: 種別, en: kind}
//   - {name: end_date, ja: 終了日, en: end}
//   - {name: days_left, ja: 残り日数, en: days left}
//   - {name: parties, ja: 相手方, en: counterparties}
// references:
//   - {document: guidance, pages: [42, 167]}
// revision: 1
// ---
WITH date.truncate('quarter', date($as_of)) AS first_day
WITH first_day, first_day + duration({months: 3}) AS next_first_day
MATCH (c:Contract)
WHERE c.end >= first_day AND c.end < next_first_day
OPTIONAL MATCH (c)-[:PARTY]->(o:Organisation)
WITH c, o ORDER BY o.id
WITH c, collect(o.id) AS parties
RETURN c.id AS contract, c.title AS title, c.kind AS kind, c.end AS end_date,
       duration.inDays(date($as_of), c.end).days AS days_left, parties
ORDER BY end_date, contract

// ---
// id: who_knows_step
// title: {ja: 工程を知っている人, en: Who knows a process step}
// family: explore
// kind: exploratory
// checklist: [P4, P5]
// description:
//   ja: >-
//     工程（ProcessStep）を知っている人員を、知識の深さ・形態、在籍状況、所属組織とともに
//     一覧にします。退職者も含みます。
//   en: >-
//     Everyone recorded as knowing a process step, with the depth and mode of their
//     knowledge, their employment status and employer; former staff included.
// parameters:
//   - name: step
//     type: string
//     required: true
//     description: {ja: 工程のID, en: id of the process step}
//   - name: include_partial
//     type: boolean
//     default: true
//     description: {ja: 一部だけ知っている人も含める, en: include people who know part of the step}
// columns:
//   - {name: person, ja: 人員, en: person}
//   - {name: name, ja: 氏名, en: name}
//   - {name: status, ja: 在籍状況, en: status}
//   - {name: left, ja: 退職日, en: left}
//   - {name: depth, ja: 深さ, en: depth}
//   - {name: mode, ja: 知識の形態, en: mode}
//   - {name: employer, ja: 所属組織, en: employer}
// references:
//   - {document: guidance, pages: [92, 100]}
// revision: 1
// ---
MATCH (p:Person)-[k:KNOWS]->(s:ProcessStep {id: $step})
WHERE $include_partial OR coalesce(k.depth, 'full') = 'full'
OPTIONAL MATCH (p)-[:EMPLOYED_BY]->(o:Organisation)
RETURN p.id AS person, p.name AS name, p.status AS status, p.left AS left,
       k.depth AS depth, k.mode AS mode, o.id AS employer
ORDER BY person

// ---
// id: paths_between
// title: {ja: 2つのノードを結ぶ経路, en: Paths between two nodes}
// family: explore
// kind: exploratory
// checklist: [S1, S3, P5]
// description:
//   ja: >-
//     2つのノード（人員・組織・技術・情報資産など）を結ぶ最短経路を、向きを問わずすべて示します
//     （最大 max_hops 本のリレーション、上限10）。同じ2点を2種類の関係が結ぶ場合は別の経路です。
//   en: >-
//     Every shortest path between two nodes (people, organisations, technologies, assets ...)
//     whatever the direction of its relationships, of at most max_hops relationships (10 at most);
//     two relationships between the same pair give two paths.
// parameters:
//   - name: source
//     type: string
//     required: true
//     description: {ja: 始点のID, en: id of one end}
//   - name: target
//     type: string
//     required: true
//     description: {ja: 終点のID, en: id of the other end}
//   - name: max_hops
//     type: integer
//     default: 6
//     minimum: 1
//     maximum: 10
//     description: {ja: 経路の最大の長さ, en: "longest path, in relationships"}
// columns:
//   - {name: hops, ja: 長さ, en: hops}
//   - {name: nodes, ja: ノード, en: nodes}
//   - {name: types, ja: 関係, en: relationships}
// references: []
// revision: 1
// ---
// Cypher does not take the bound of a variable-length pattern as a
// parameter, so the pattern is bounded at 10 and $max_hops filters.
MATCH (a {id: $source}), (b {id: $target})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..10]-(b))
WHERE length(p) <= $max_hops
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS nodes,
       [r IN relationships(p) | type(r)] AS types
ORDER BY nodes, types

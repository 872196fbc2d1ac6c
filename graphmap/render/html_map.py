"""The interactive exposure map: one self-contained, offline HTML file.

:func:`render_html` turns a :class:`~graphmap.render.views.MapView`, the
graph and the findings into a page; :func:`write_map` writes it
atomically.  The page draws with vis-network (inlined from the copy pyvis
ships), with positions computed in Python and physics off.

Encoding (all computed here from the findings passed in, no analysis):

* shape and colour by node label (:data:`NODE_STYLES`), a legend on the
  page that doubles as the type filter;
* size by exposure: the sum of the scores of the findings whose subjects
  include the node (a folded group: of its members);
* a marker in the colour of the most severe finding on the node, with the
  number of findings;
* edges of disclosures coloured by contract coverage: *uncovered* when the
  disclosure is a subject of an ``uncovered_disclosures`` or
  ``onward_flows`` finding, *covered* when it cites a contract and has no
  such finding, *unknown* otherwise;
* dashed edges for what has ended: access revoked, people who left,
  contracts and projects past their end, assets returned or destroyed;
* arrows in the direction information flows (an asset flows to the person
  who can access it, a step to the person who knows it); structural links
  (membership, location, contract parties) have no arrow.

Safety: every name reaches the page as JSON inside a
``<script type="application/json">`` element with ``<``, ``>``, ``&`` and
U+2028/2029 escaped, and is shown with ``textContent`` or drawn on the
canvas; a Content-Security-Policy forbids every network load.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from graphmap import model as m
from graphmap.analyses.base import SEVERITY_LABELS, SEVERITY_RANK, Finding, Severity
from graphmap.i18n import MESSAGES, t
from graphmap.render.layout import disc_radius, folded_position, layout
from graphmap.render.views import MapView, country_of_node, node_name

__all__ = [
    "COVERAGE_COLOURS",
    "CSP",
    "FLOW_EDGES",
    "NODE_STYLES",
    "SEVERITY_COLOURS",
    "UNCOVERED_ANALYSES",
    "disclosure_coverage",
    "json_for_html",
    "map_payload",
    "node_exposure",
    "render_html",
    "vis_assets",
    "write_map",
]

#: Shape and colour of each node label (vis-network shapes drawn with the
#: label below).
NODE_STYLES: dict[str, tuple[str, str]] = {
    "Technology": ("star", "#7b1fa2"),
    "ProcessStep": ("diamond", "#ba68c8"),
    "InformationAsset": ("square", "#00897b"),
    "Person": ("dot", "#1e88e5"),
    "Organisation": ("hexagon", "#2e7d32"),
    "Disclosure": ("dot", "#90a4ae"),
    "Equipment": ("triangle", "#6d4c41"),
    "Site": ("triangleDown", "#00acc1"),
    "Country": ("diamond", "#455a64"),
    "Unit": ("triangleDown", "#a1887f"),
    "Contract": ("square", "#3949ab"),
    "Project": ("star", "#d81b60"),
    "DueDiligence": ("triangle", "#9e9d24"),
    "Policy": ("square", "#9e9e9e"),
}

#: Marker colour of each severity.
SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.critical: "#b71c1c",
    Severity.high: "#ef6c00",
    Severity.medium: "#f9a825",
    Severity.low: "#78909c",
}

#: Colour of disclosure edges by contract coverage, and of other edges.
COVERAGE_COLOURS: dict[str, str] = {
    "covered": "#43a047",
    "uncovered": "#d32f2f",
    "unknown": "#ffa000",
    "other": "#b0bec5",
}
_COVERAGE_CODE = {"covered": 1, "uncovered": 2, "unknown": 3}

#: Analyses whose subjects are disclosures not covered by a contract.
UNCOVERED_ANALYSES: frozenset[str] = frozenset({"uncovered_disclosures", "onward_flows"})

#: Edge types along which information flows, with True when it flows
#: against the edge's direction in the graph (e.g. ``KNOWS`` is person ->
#: step, the know-how flows step -> person).  Other edge types are drawn
#: without arrows.
FLOW_EDGES: dict[str, bool] = {
    "DISCLOSED": False,
    "DISCLOSED_TO": False,
    "USED": True,
    "ONWARD_OF": True,
    "DESCRIBES": True,
    "KNOWS": True,
    "CAN_ACCESS": True,
    "EMBODIES": True,
    "STEP_OF": True,
    "EMPLOYED_BY": False,
    "MOVED_TO": False,
    "MADE_BY": False,
    "MAINTAINED_BY": False,
    "OWNED_BY": False,
    "KEPT_AT": False,
    "PARTNER": False,
    "THEME": True,
    "OWNS": True,
}

_DISCLOSURE_EDGES = frozenset({"DISCLOSED", "DISCLOSED_TO", "USED"})

#: Content-Security-Policy of the page: inline code only, no loads at all.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)

_VIS_VERSION = "vis-9.1.2"
_LINK_RECORDS: dict[str, type[m.Record]] = {
    c.link[2]: c for c in m.RECORD_TYPES if c.link is not None
}
_MAX_ATTRS = 14


# ------------------------------------------------------------- findings


def node_exposure(findings: Iterable[Finding]) -> dict[str, tuple[float, int, list[str]]]:
    """Per node: the summed score, the highest severity rank and the ids of
    the findings whose subjects include it.

    >>> node_exposure([])
    {}
    """
    score: dict[str, float] = defaultdict(float)
    rank: dict[str, int] = defaultdict(int)
    ids: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        for s in dict.fromkeys(f.subjects):
            score[s] += f.score
            rank[s] = max(rank[s], SEVERITY_RANK[f.severity])
            ids[s].append(f.id)
    return {n: (round(score[n], 2), rank[n], ids[n]) for n in score}


def disclosure_coverage(
    g: nx.MultiDiGraph, findings: Iterable[Finding], nodes: Iterable[str] | None = None
) -> dict[str, str]:
    """Coverage of every disclosure (of those among ``nodes`` when given):
    ``uncovered`` when it is a subject of a finding of
    :data:`UNCOVERED_ANALYSES`, ``covered`` when it cites a contract and has
    no such finding, ``unknown`` otherwise.

    Complexity: O(F + disclosures looked at); a map passes its own nodes, so
    it does not pay for every disclosure of a large company."""
    flagged = {s for f in findings if f.analysis in UNCOVERED_ANALYSES for s in f.subjects}
    attrs = g.nodes
    out: dict[str, str] = {}
    for n in g if nodes is None else nodes:
        if n not in g or attrs[n].get("label") != "Disclosure":
            continue
        if n in flagged:
            out[n] = "uncovered"
        elif any(k == "UNDER_CONTRACT" for _, _, k in g.out_edges(n, keys=True)):
            out[n] = "covered"
        else:
            out[n] = "unknown"
    return out


# ---------------------------------------------------------------- ended


def _before(value: Any, day: dt.date) -> bool:
    return isinstance(value, dt.date) and value <= day


def _person_left(d: Mapping[str, Any], day: dt.date) -> bool:
    return d.get("status") in ("left", "retired") or _before(d.get("left"), day)


def _ended_node(d: Mapping[str, Any], day: dt.date) -> bool:
    label = d.get("label")
    if label == "Person":
        return _person_left(d, day)
    if label == "Contract":
        return isinstance(d.get("end"), dt.date) and d["end"] < day
    if label == "Project":
        return d.get("phase") == "ended" or (isinstance(d.get("end"), dt.date) and d["end"] < day)
    return False


def _ended_edge(g: nx.MultiDiGraph, u: str, v: str, k: str, day: dt.date) -> bool:
    """True when the relation an edge draws has ended by ``day``."""
    data = g.get_edge_data(u, v, k) or {}
    if k == "CAN_ACCESS":
        return _before(data.get("revoked"), day)
    du, dv = g.nodes[u], g.nodes[v]
    if k in ("EMPLOYED_BY", "MEMBER_OF", "WORKS_AT"):
        return _person_left(du, day)
    if k in ("PARTY", "COVERS"):
        return _ended_node(du, day)
    if k == "UNDER_CONTRACT" and dv.get("label") == "Contract":
        return _ended_node(dv, day)
    if k in ("PARTNER", "THEME"):
        return _ended_node(du, day)
    if k == "PARTICIPATES_IN":
        return _ended_node(dv, day)
    if k == "USED":
        return du.get("return_status") in ("returned", "destroyed")
    return False


# -------------------------------------------------------------- values


def _fmt(value: Any, info: m.FieldInfo | None, lang: str) -> str:
    if isinstance(value, bool):
        return t("map.ui.yes" if value else "map.ui.no", lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(_fmt(v, info, lang) for v in value)
    if info is not None and info.enum is not None:
        return m.enum_label(str(value), lang, info.enum)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@cache
def _fields(label: str) -> dict[str, m.FieldInfo]:
    try:
        cls = m.record_type(label)
    except KeyError:
        return {}
    return {f.name: f for f in cls.fields()}


def _attributes(
    g: nx.MultiDiGraph, node: str, label: str, lang: str, country: str | None
) -> list[list[str]]:
    """Key attributes of a node for its tooltip: plain fields (personal
    data left out) and, where it has one, its country."""
    fields = _fields(label)
    out: list[list[str]] = []
    for name, value in g.nodes[node].items():
        if name in ("label", "name", "title") or value is None or value == []:
            continue
        info = fields.get(name)
        if info is not None and info.personal:
            continue
        caption = (info.en if lang == "en" else info.ja) if info else name
        out.append([caption, _fmt(value, info, lang)])
    if country and label != "Country" and country in g:
        out.append([t("map.ui.country", lang), node_name(g, country, lang)])
    return out[:_MAX_ATTRS]


def _edge_attributes(data: Mapping[str, Any], etype: str, lang: str) -> list[list[str]]:
    cls = _LINK_RECORDS.get(etype)
    fields = {f.name: f for f in cls.fields()} if cls else {}
    out = []
    for name, value in data.items():
        if name == "type" or value is None:
            continue
        info = fields.get(name)
        if info is not None and info.personal:
            continue
        caption = (info.en if lang == "en" else info.ja) if info else name
        out.append([caption, _fmt(value, info, lang)])
    return out


def _edge_type_name(etype: str, lang: str) -> str:
    key = f"map.edge.{etype}"
    return t(key, lang) if key in MESSAGES else etype


def _label_name(label: str, lang: str) -> str:
    key = f"map.label.{label}"
    return t(key, lang) if key in MESSAGES else label


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# -------------------------------------------------------------- payload


def _title(g: nx.MultiDiGraph, view: MapView, findings: Mapping[str, Finding], lang: str) -> str:
    focus = view.focus[0] if view.focus else None
    if view.kind == "company":
        selves = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "self")
        if selves:
            return t("map.title.company", lang, name=node_name(g, selves[0], lang))
        return t("map.title.company_plain", lang)
    if view.kind == "finding" and view.findings:
        f = findings.get(view.findings[0])
        name = _analysis_title(f, lang) if f else view.findings[0]
        return t("map.title.finding", lang, name=name)
    name = node_name(g, focus, lang) if focus and focus in g else (focus or "")
    return t(f"map.title.{view.kind}", lang, name=name)


def _analysis_title(f: Finding | None, lang: str) -> str:
    if f is None:
        return ""
    try:
        from graphmap.analyses import find_analysis

        return find_analysis(f.analysis).meta.title(lang)
    except KeyError:
        return f.analysis


def _story(view: MapView, findings: Mapping[str, Finding], lang: str) -> dict[str, Any] | None:
    """The finding a finding or path view is about, for the side panel."""
    if not view.findings or view.findings[0] not in findings:
        return None
    f = findings[view.findings[0]]
    out: dict[str, Any] = {
        "title": _analysis_title(f, lang),
        "message": f.message(lang),
        "severity": SEVERITY_RANK[f.severity],
        "score": f.score,
        "checklist": list(f.checklist),
        "id": f.id,
        "hops": [],
    }
    facts = f.evidence.facts
    if "probability" in facts:
        out["probability"] = t(
            "map.ui.probability", lang, value=f"{float(facts['probability']) * 100:.1f}%"
        )
    for hop in facts.get("hops", []):
        reason = hop.get("reason_en" if lang == "en" else "reason_ja") or hop.get("reason", "")
        out["hops"].append(
            [str(hop.get("from", "")), str(hop.get("to", "")), str(reason), float(hop.get("p", 0))]
        )
    return out


def map_payload(
    g: nx.MultiDiGraph,
    view: MapView,
    findings: Sequence[Finding],
    *,
    lang: str = "ja",
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-ready data."""
    day = as_of or dt.date.today()
    exposure = node_exposure(findings)
    coverage = disclosure_coverage(g, findings, view.nodes)
    priority = {n: e[0] for n, e in exposure.items()}
    pos = layout(view, priority)
    by_id = {f.id: f for f in findings}
    index = {n: i for i, n in enumerate(view.nodes)}

    # findings shown: those on a node of the view, plus the view's own
    used_findings: dict[str, int] = {}
    for fid in view.findings:
        if fid in by_id:
            used_findings.setdefault(fid, len(used_findings))
    for n in view.nodes:
        for fid in exposure.get(n, (0, 0, []))[2]:
            used_findings.setdefault(fid, len(used_findings))

    labels_present = [
        lab for lab in NODE_STYLES if any(g.nodes[n].get("label") == lab for n in view.nodes)
    ]
    for n in view.nodes:
        lab = str(g.nodes[n].get("label", ""))
        if lab not in labels_present:
            labels_present.append(lab)
    type_index = {lab: i for i, lab in enumerate(labels_present)}

    highlight = set(view.highlight_nodes)
    path_order = {n: i for i, n in enumerate(view.path)}
    countries: dict[str, str] = {}
    nodes_out: list[dict[str, Any]] = []
    for n in view.nodes:
        d = g.nodes[n]
        label = str(d.get("label", ""))
        country = country_of_node(g, n)
        if country:
            countries.setdefault(country, node_name(g, country, lang) if country in g else country)
        score, rank, fids = exposure.get(n, (0.0, 0, []))
        name = node_name(g, n, lang)
        if n in path_order:
            i = path_order[n]
            name = f"{_CIRCLED[i] if i < len(_CIRCLED) else f'({i + 1})'} {name}"
        x, y = pos.get(n, (0.0, 0.0))
        item: dict[str, Any] = {
            "id": n,
            "t": type_index[label],
            "n": name,
            "x": round(x, 1),
            "y": round(y, 1),
        }
        if score:
            item["s"] = score
        if rank:
            item["v"] = rank
        if fids:
            item["f"] = [used_findings[f] for f in fids]
        if country:
            item["c"] = country
        if n in highlight:
            item["h"] = 1
        if n in path_order:
            item["p"] = path_order[n] + 1
        if _ended_node(d, day):
            item["e"] = 1
        if n in view.focus:
            item["o"] = 1
        item["a"] = _attributes(g, n, label, lang, country)
        nodes_out.append(item)

    groups_out: list[dict[str, Any]] = []
    group_index = {gid: i for i, gid in enumerate(view.groups)}
    for gid, grp in view.groups.items():
        x, y = pos.get(gid, (0.0, 0.0))
        centred = gid in view.centres
        fx, fy = folded_position(view, pos, gid)
        groups_out.append(
            {
                "id": gid,
                "t": type_index[grp.label],
                "n": grp.name(lang),
                "x": round(x, 1),
                "y": round(y, 1),
                "fx": round(fx, 1),
                "fy": round(fy, 1),
                "r": round(disc_radius(len(grp.members) + (1 if centred else 0)), 1),
                "m": [index[mm] for mm in grp.members],
                "open": gid not in view.collapsed,
            }
        )
    for gid, grp in view.groups.items():
        for mm in grp.members:
            nodes_out[index[mm]]["g"] = group_index[gid]

    etypes: list[str] = []
    etype_index: dict[str, int] = {}
    highlight_edges = set(view.highlight_edges)
    edges_out: list[list[Any]] = []
    for u, v, k in view.edges:
        if k not in etype_index:
            etype_index[k] = len(etypes)
            etypes.append(k)
        src, dst = (v, u) if FLOW_EDGES.get(k, False) else (u, v)
        cov = 0
        if k in _DISCLOSURE_EDGES:
            disclosure = u if g.nodes[u].get("label") == "Disclosure" else v
            cov = _COVERAGE_CODE.get(coverage.get(disclosure, "unknown"), 3)
        attrs = _edge_attributes(g.get_edge_data(u, v, k) or {}, k, lang)
        implied = view.implied.get((u, v, k))
        edges_out.append(
            [
                index[src],
                index[dst],
                etype_index[k],
                cov,
                1 if _ended_edge(g, u, v, k, day) else 0,
                1 if (u, v, k) in highlight_edges else 0,
                group_index[implied] if implied is not None else -1,
                attrs or 0,
            ]
        )

    findings_out = []
    for fid in used_findings:
        f = by_id[fid]
        findings_out.append(
            {
                "id": f.id,
                "v": SEVERITY_RANK[f.severity],
                "s": f.score,
                "a": _analysis_title(f, lang),
                "m": f.message(lang),
                "k": list(f.checklist),
                "o": [index[n] for n in dict.fromkeys(f.subjects) if n in index],
            }
        )

    ui = {key[len("map.ui.") :]: t(key, lang) for key in MESSAGES if key.startswith("map.ui.")}
    # templates keep their {placeholders} for the page to fill
    ui.update(
        {
            key[len("map.ui.") :]: MESSAGES[key][1 if lang == "en" else 0]
            for key in MESSAGES
            if key.startswith("map.ui.") and "{" in MESSAGES[key][0]
        }
    )
    visible_nodes = view.visible_nodes()
    visible_edges = view.visible_edges()
    notice = ""
    if view.collapsed:
        notice = t("map.aggregated", lang, max_nodes=view.max_nodes)
    return {
        "lang": lang,
        "kind": view.kind,
        "title": _title(g, view, by_id, lang),
        "subtitle": t(
            "map.subtitle",
            lang,
            nodes=len(view.nodes),
            edges=len(view.edges),
            findings=len(findings_out),
            as_of=day.isoformat(),
        ),
        "notice": notice,
        "ui": ui,
        "types": [
            {
                "label": lab,
                "name": _label_name(lab, lang),
                "shape": NODE_STYLES.get(lab, ("dot", "#9e9e9e"))[0],
                "color": NODE_STYLES.get(lab, ("dot", "#9e9e9e"))[1],
            }
            for lab in labels_present
        ],
        "severities": [
            {
                "rank": SEVERITY_RANK[s],
                "name": SEVERITY_LABELS[s][1 if lang == "en" else 0],
                "color": SEVERITY_COLOURS[s],
            }
            for s in (Severity.critical, Severity.high, Severity.medium, Severity.low)
        ],
        "coverage": {
            "covered": {"name": t("map.ui.covered", lang), "color": COVERAGE_COLOURS["covered"]},
            "uncovered": {
                "name": t("map.ui.uncovered", lang),
                "color": COVERAGE_COLOURS["uncovered"],
            },
            "unknown": {"name": t("map.ui.unknown", lang), "color": COVERAGE_COLOURS["unknown"]},
            "other": {"name": t("map.ui.other_edge", lang), "color": COVERAGE_COLOURS["other"]},
        },
        "countries": sorted(countries.items(), key=lambda kv: kv[0]),
        "etypes": [
            {"code": k, "name": _edge_type_name(k, lang), "flow": k in FLOW_EDGES} for k in etypes
        ],
        "nodes": nodes_out,
        "groups": groups_out,
        "edges": edges_out,
        "findings": findings_out,
        "story": _story(view, by_id, lang),
        "expected": {"nodes": len(visible_nodes), "edges": len(visible_edges)},
    }


# ----------------------------------------------------------------- HTML


def json_for_html(data: Any) -> str:
    """JSON safe to place inside a ``<script type="application/json">``
    element: ``<``, ``>``, ``&`` and the JavaScript line separators are
    escaped, so no text can close the element or start markup.

    >>> json_for_html({"n": "</script><b>"})
    '{"n":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's standalone JavaScript and CSS, read from the copy
    bundled with pyvis.  The package is located, not imported: importing
    pyvis loads IPython, half a second of every map command."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis", name="pyvis")
    base = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / _VIS_VERSION
    js = (base / "vis-network.min.js").read_text("utf-8")
    css = (base / "vis-network.css").read_text("utf-8")
    return js, css


@cache
def _own_assets() -> tuple[str, str]:
    pkg = resources.files("graphmap.render")
    return (
        (pkg / "assets" / "map.js").read_text("utf-8"),
        (pkg / "assets" / "map.css").read_text("utf-8"),
    )


def _inline_script(code: str) -> str:
    # a literal "</script" inside inlined code would end the element early
    return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def _inline_style(code: str) -> str:
    return code.replace("</style", "<\\/style").replace("</STYLE", "<\\/STYLE")


def render_html(
    g: nx.MultiDiGraph,
    view: MapView,
    findings: Sequence[Finding],
    *,
    lang: str = "ja",
    as_of: dt.date | None = None,
) -> str:
    """The map page for ``view`` as one HTML string, every script and style
    inline and no external URL."""
    lang = "en" if lang == "en" else "ja"
    payload = map_payload(g, view, findings, lang=lang, as_of=as_of)
    vis_js, vis_css = vis_assets()
    own_js, own_css = _own_assets()
    e = html.escape

    def ui(key: str) -> str:
        return e(t(f"map.ui.{key}", lang))

    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(payload["title"])}</title>
<style>{_inline_style(vis_css)}</style>
<style>{_inline_style(own_css)}</style>
</head>
<body>
<header id="gm-bar">
  <div id="gm-heading"><h1 id="gm-title">{e(payload["title"])}</h1>
  <div id="gm-subtitle">{e(payload["subtitle"])}</div></div>
  <div id="gm-controls">
    <input id="gm-search" type="search" placeholder="{ui("search")}"
      aria-label="{ui("search")}" autocomplete="off">
    <span id="gm-search-status" aria-live="polite"></span>
    <label class="gm-field">{ui("severity")}
      <select id="gm-severity"></select></label>
    <label class="gm-field">{ui("country")}
      <select id="gm-country"></select></label>
    <button id="gm-freeze" type="button" aria-pressed="true">{ui("unfreeze")}</button>
    <button id="gm-fit" type="button">{ui("fit")}</button>
    <button id="gm-reset" type="button">{ui("reset")}</button>
  </div>
</header>
<div id="gm-notice"{"" if payload["notice"] else " hidden"}>{e(payload["notice"])}</div>
<main id="gm-main">
  <div id="gm-network" role="application" aria-label="{e(payload["title"])}"></div>
  <aside id="gm-panel">
    <div id="gm-details" aria-live="polite"></div>
    <section id="gm-legend" aria-label="{ui("legend")}"></section>
  </aside>
  <div id="gm-tooltip" role="tooltip" hidden></div>
</main>
<footer id="gm-hint">{ui("hint")}</footer>
<script type="application/json" id="gm-data">{json_for_html(payload)}</script>
<script>{_inline_script(vis_js)}</script>
<script>{_inline_script(own_js)}</script>
</body>
</html>
"""


def write_map(
    path: str | os.PathLike[str],
    g: nx.MultiDiGraph,
    view: MapView,
    findings: Sequence[Finding],
    *,
    lang: str = "ja",
    as_of: dt.date | None = None,
) -> None:
    """Render ``view`` and write it to ``path`` atomically."""
    from graphmap.fileio import atomic_write_text

    atomic_write_text(path, render_html(g, view, findings, lang=lang, as_of=as_of))

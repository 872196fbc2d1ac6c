/* graphmap exposure map: draws the data embedded in #gm-data with vis-network.
 *
 * Every name and attribute is shown with textContent or drawn on the
 * canvas: nothing from the data is ever parsed as HTML.  Positions come
 * precomputed from Python; physics stays off unless the user unfreezes.
 */
(function () {
  "use strict";

  var T0 = performance.now();
  var DATA = JSON.parse(document.getElementById("gm-data").textContent);
  var T_PARSED = performance.now();
  var UI = DATA.ui;
  var TYPES = DATA.types;
  var NODES = DATA.nodes;
  var GROUPS = DATA.groups;
  var EDGES = DATA.edges;
  var FINDINGS = DATA.findings;
  var ETYPES = DATA.etypes;
  var BIG = NODES.length > 800;
  var FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, sans-serif";

  var SEV_COLOR = {};
  var SEV_NAME = {};
  DATA.severities.forEach(function (s) {
    SEV_COLOR[s.rank] = s.color;
    SEV_NAME[s.rank] = s.name;
  });
  // edge coverage codes: 0 other, 1 covered, 2 uncovered, 3 unknown
  var COV_COLOR = [
    DATA.coverage.other.color,
    DATA.coverage.covered.color,
    DATA.coverage.uncovered.color,
    DATA.coverage.unknown.color
  ];
  var COV_NAME = [
    DATA.coverage.other.name,
    DATA.coverage.covered.name,
    DATA.coverage.uncovered.name,
    DATA.coverage.unknown.name
  ];
  var COV_WORST = [0, 1, 3, 2]; // rank used when merging edges into a group
  var HIGHLIGHT_MODE = NODES.some(function (n) { return n.h; });

  function fmt(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function rgba(hex, alpha) {
    var h = hex.replace("#", "");
    var r = parseInt(h.substring(0, 2), 16);
    var g = parseInt(h.substring(2, 4), 16);
    var b = parseInt(h.substring(4, 6), 16);
    return "rgba(" + r + "," + g + "," + b + "," + alpha + ")";
  }

  function mix(hex, other, t) {
    var a = hex.replace("#", ""), b = other.replace("#", ""), out = "#";
    for (var i = 0; i < 6; i += 2) {
      var v = Math.round(parseInt(a.substring(i, i + 2), 16) * (1 - t) + parseInt(b.substring(i, i + 2), 16) * t);
      out += (v < 16 ? "0" : "") + v.toString(16);
    }
    return out;
  }

  // shorten to about ``limit`` columns: CJK and other wide characters count two
  function shortLabel(text, limit) {
    var chars = Array.from(String(text));
    var width = 0;
    for (var i = 0; i < chars.length; i++) {
      width += chars[i].codePointAt(0) >= 0x2e80 ? 2 : 1;
      if (width > limit) return chars.slice(0, i).join("") + "\u2026";
    }
    return chars.join("");
  }

  function norm(text) {
    return String(text).normalize("NFKC").toLowerCase();
  }

  // ------------------------------------------------------------ state

  var open = GROUPS.map(function (g) { return !!g.open; });
  var hiddenTypes = {};
  var minSeverity = 0;
  var country = "";
  var query = "";
  var matches = null; // Set of vis ids, or null when no search
  var frozen = true;
  var selected = null;

  // per-group summaries
  GROUPS.forEach(function (g) {
    var score = 0, sev = 0, nf = 0, countries = {};
    g.m.forEach(function (i) {
      var n = NODES[i];
      score += n.s || 0;
      sev = Math.max(sev, n.v || 0);
      nf += n.f ? n.f.length : 0;
      if (n.c) countries[n.c] = true;
      if (n.h) g.h = 1;
    });
    g.s = Math.round(score * 100) / 100;
    g.v = sev;
    g.nf = nf;
    g.countries = countries;
    g.hay = norm(g.n + " " + g.m.map(function (i) { return NODES[i].n + " " + NODES[i].id; }).join(" "));
  });
  NODES.forEach(function (n) {
    n.hay = norm(n.n + " " + n.id + " " + TYPES[n.t].name);
  });

  function repOf(i) {
    var g = NODES[i].g;
    return g !== undefined && !open[g] ? "g" + g : "n" + i;
  }

  function parseId(vid) {
    return { group: vid.charAt(0) === "g", index: parseInt(vid.substring(1), 10) };
  }

  // ------------------------------------------------------------ vis items

  function nodeSize(n, type) {
    var base = type.label === "Disclosure" ? 6 : 10;
    if (n.o) base += 8;
    if (HIGHLIGHT_MODE && !n.h) return base;
    return base + Math.min(20, 8 * Math.sqrt((n.s || 0) / 50));
  }

  function visNode(i) {
    var n = NODES[i];
    var type = TYPES[n.t];
    var dim = HIGHLIGHT_MODE && !n.h;
    var bg = dim ? rgba(mix(type.color, "#ffffff", 0.55), 0.55) : type.color;
    var border = n.v ? SEV_COLOR[n.v] : mix(type.color, "#000000", 0.35);
    var label = shortLabel(n.n, n.p || n.o ? 36 : 22);
    return {
      id: "n" + i,
      label: label,
      shape: type.shape,
      size: nodeSize(n, type),
      x: n.x,
      y: n.y,
      borderWidth: n.v ? 3 : 1.5,
      borderWidthSelected: 4,
      shapeProperties: { borderDashes: n.e ? [4, 3] : false },
      color: {
        background: bg,
        border: dim ? rgba(border, 0.5) : border,
        highlight: { background: type.color, border: "#111111" },
        hover: { background: mix(type.color, "#ffffff", 0.25), border: "#111111" }
      },
      font: {
        size: n.o || n.p ? 15 : 12,
        face: FONT,
        color: dim ? "rgba(38,50,56,0.45)" : "#263238",
        strokeWidth: 3,
        strokeColor: "#ffffff",
        bold: { face: FONT }
      },
      hidden: false
    };
  }

  function visGroup(j) {
    var g = GROUPS[j];
    var type = TYPES[g.t];
    var border = g.v ? SEV_COLOR[g.v] : type.color;
    return {
      id: "g" + j,
      label: shortLabel(g.n, 30) + " (" + g.m.length + ")",
      shape: type.shape,
      size: Math.min(42, 14 + 2 * Math.sqrt(g.m.length) + Math.min(12, 4 * Math.sqrt(g.s / 100))),
      x: g.fx,
      y: g.fy,
      borderWidth: 4,
      borderWidthSelected: 5,
      color: {
        background: mix(type.color, "#ffffff", 0.35),
        border: border,
        highlight: { background: mix(type.color, "#ffffff", 0.2), border: "#111111" },
        hover: { background: mix(type.color, "#ffffff", 0.2), border: "#111111" }
      },
      font: { size: 14, face: FONT, color: "#1b2a30", strokeWidth: 4, strokeColor: "#ffffff" },
      hidden: false
    };
  }

  function currentNodeIds() {
    var ids = [];
    NODES.forEach(function (n, i) {
      if (n.g === undefined || open[n.g]) ids.push("n" + i);
    });
    GROUPS.forEach(function (g, j) {
      if (!open[j]) ids.push("g" + j);
    });
    return ids;
  }

  function visItem(vid) {
    var p = parseId(vid);
    return p.group ? visGroup(p.index) : visNode(p.index);
  }

  function buildEdges() {
    var merged = new Map();
    for (var k = 0; k < EDGES.length; k++) {
      var e = EDGES[k];
      if (e[6] >= 0 && open[e[6]]) continue; // said by the disc: member inside its unit
      var a = repOf(e[0]), b = repOf(e[1]);
      if (a === b) continue;
      var key = a + ">" + b + ">" + e[2];
      var m = merged.get(key);
      if (!m) {
        merged.set(key, { id: key, from: a, to: b, t: e[2], cov: e[3], dash: e[4], hl: e[5], count: 1, raw: [k] });
      } else {
        if (COV_WORST[e[3]] > COV_WORST[m.cov]) m.cov = e[3];
        m.dash = m.dash && e[4];
        m.hl = m.hl || e[5];
        m.count += 1;
        if (m.raw.length < 30) m.raw.push(k);
      }
    }
    var pairs = {};
    var out = [];
    merged.forEach(function (m) {
      var pair = m.from < m.to ? m.from + "|" + m.to : m.to + "|" + m.from;
      var nth = pairs[pair] || 0;
      pairs[pair] = nth + 1;
      out.push(visEdge(m, nth));
    });
    return out;
  }

  function visEdge(m, nth) {
    var type = ETYPES[m.t];
    var colour = m.hl && !m.cov ? "#37474f" : COV_COLOR[m.cov];
    var dim = HIGHLIGHT_MODE && !m.hl;
    var width = (m.cov ? 1.6 : type.flow ? 1 : 0.7) * (1 + Math.log2(m.count) * 0.8);
    if (m.hl) width += 2.5;
    var alpha = dim ? 0.2 : [type.flow ? 0.45 : 0.3, 0.5, 0.9, 0.7][m.cov];
    if (m.hl) alpha = 0.95;
    return {
      id: m.id,
      from: m.from,
      to: m.to,
      arrows: { to: { enabled: !!type.flow, scaleFactor: 0.55 } },
      color: { color: colour, highlight: "#37474f", hover: "#37474f", opacity: alpha },
      width: width,
      dashes: m.dash ? [6, 4] : false,
      smooth: nth > 0 ? { enabled: true, type: nth % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(nth / 2) } : false,
      meta: { t: m.t, cov: m.cov, count: m.count, raw: m.raw }
    };
  }

  // ------------------------------------------------------------ network

  var container = document.getElementById("gm-network");
  var T_ITEMS0 = performance.now();
  var nodesDS = new vis.DataSet(currentNodeIds().map(visItem));
  var edgesDS = new vis.DataSet(buildEdges());
  var options = {
    autoResize: true,
    physics: {
      enabled: false,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 80, avoidOverlap: 0.4 },
      stabilization: false
    },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: {
      hover: true,
      hoverConnectedEdges: !BIG,
      tooltipDelay: 120,
      hideEdgesOnDrag: BIG,
      hideEdgesOnZoom: BIG,
      multiselect: true,
      keyboard: false,
      navigationButtons: false
    },
    nodes: { scaling: { label: { enabled: false, drawThreshold: 7 } } },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 1.5 }
  };
  var T_ITEMS = performance.now();
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, options);
  var T_NETWORK = performance.now();

  var api = {
    ready: false,
    readyMs: null,
    expected: DATA.expected,
    network: network,
    nodes: nodesDS,
    edges: edgesDS
  };
  window.__graphmap = api;

  network.once("afterDrawing", function () {
    api.readyMs = performance.now();
    api.timings = {
      script: Math.round(T0),
      parse: Math.round(T_PARSED - T0),
      items: Math.round(T_ITEMS - T_ITEMS0),
      network: Math.round(T_NETWORK - T_ITEMS),
      setup: Math.round(T_SETUP - T_NETWORK),
      draw: Math.round(api.readyMs - T_SETUP)
    };
    api.ready = true;
    document.documentElement.setAttribute("data-ready", "1");
  });

  // group discs (company view) and finding markers
  var discLabels = []; // screen boxes of the group names drawn this frame
  network.on("beforeDrawing", function (ctx) {
    discLabels = [];
    if (DATA.kind !== "company") return;
    var scale = network.getScale();
    GROUPS.forEach(function (g, j) {
      if (!open[j] || hiddenTypes[g.t]) return;
      var colour = TYPES[g.t].color;
      ctx.beginPath();
      ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI);
      ctx.fillStyle = rgba(colour, 0.06);
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = rgba(colour, 0.35);
      ctx.setLineDash([6, 6]);
      ctx.stroke();
      ctx.setLineDash([]);
      if (g.r * scale < 22) return;
      var px = Math.max(13, 13 / scale);
      ctx.font = "bold " + px + "px " + FONT;
      ctx.textAlign = "center";
      ctx.lineWidth = px / 3.5;
      ctx.strokeStyle = "#ffffff";
      var w = ctx.measureText(g.n).width;
      discLabels.push([g.x - w / 2, g.y - g.r - px * 1.3, g.x + w / 2, g.y - g.r]);
      ctx.strokeText(g.n, g.x, g.y - g.r - px * 0.5);
      ctx.fillStyle = mix(colour, "#000000", 0.3);
      ctx.fillText(g.n, g.x, g.y - g.r - px * 0.5);
    });
  });

  // labels that stay readable when the map is zoomed out too far for vis
  // to draw node labels: groups, technologies, the focus, the path and the
  // most exposed nodes
  var landmarks = [];
  function computeLandmarks() {
    var ids = [];
    nodesDS.forEach(function (item) {
      var p = parseId(item.id);
      if (p.group) { ids.push([item.id, 1e9]); return; }
      var n = NODES[p.index];
      var label = TYPES[n.t].label;
      if (n.o || n.p || label === "Technology") ids.push([item.id, 1e8 + (n.s || 0)]);
      else if (n.v >= 3 && n.s && label !== "Disclosure") ids.push([item.id, n.s]);
    });
    ids.sort(function (a, b) { return b[1] - a[1]; });
    landmarks = ids.slice(0, 80).map(function (x) { return x[0]; });
  }

  function drawLandmarks(ctx, body) {
    var scale = network.getScale();
    if (12 * scale >= 7) return;
    var px = 12 / scale;
    ctx.font = px + "px " + FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = px / 4;
    ctx.strokeStyle = "#ffffff";
    ctx.fillStyle = "#263238";
    var taken = discLabels.slice();
    landmarks.forEach(function (vid) {
      var drawn = body[vid];
      if (!drawn || drawn.options.hidden) return;
      var p = parseId(vid);
      var text = shortLabel(p.group ? GROUPS[p.index].n : NODES[p.index].n, 24);
      var y = drawn.y + (drawn.options.size || 10) + px * 0.2;
      var w = ctx.measureText(text).width;
      var box = [drawn.x - w / 2, y, drawn.x + w / 2, y + px * 1.2];
      for (var k = 0; k < taken.length; k++) {
        var o = taken[k];
        if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return;
      }
      taken.push(box);
      ctx.strokeText(text, drawn.x, y);
      ctx.fillText(text, drawn.x, y);
    });
  }

  network.on("afterDrawing", function (ctx) {
    var body = network.body.nodes;
    drawLandmarks(ctx, body);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    nodesDS.forEach(function (item) {
      if (item.hidden) return;
      var p = parseId(item.id);
      var src = p.group ? GROUPS[p.index] : NODES[p.index];
      var sev = src.v;
      if (!sev) return;
      ctx.globalAlpha = HIGHLIGHT_MODE && !src.h ? 0.45 : 1;
      var count = p.group ? src.nf : (src.f ? src.f.length : 0);
      var drawn = body[item.id];
      if (!drawn) return;
      var size = drawn.options.size || 10;
      var x = drawn.x + size * 0.8, y = drawn.y - size * 0.8;
      var r = count > 9 ? 8 : 6.5;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = SEV_COLOR[sev];
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "#ffffff";
      ctx.stroke();
      ctx.fillStyle = sev === 2 ? "#263238" : "#ffffff";
      ctx.font = "bold 9px " + FONT;
      ctx.fillText(String(count), x, y + 0.5);
    });
    ctx.globalAlpha = 1;
    ctx.textBaseline = "alphabetic";
  });

  // ------------------------------------------------------------ filters

  function nodeVisible(vid) {
    var p = parseId(vid);
    var src = p.group ? GROUPS[p.index] : NODES[p.index];
    if (hiddenTypes[src.t]) return false;
    if (minSeverity && (src.v || 0) < minSeverity) return false;
    if (country) {
      if (p.group ? !src.countries[country] : src.c !== country) return false;
    }
    if (matches && !matches.has(vid)) return false;
    return true;
  }

  function applyFilters() {
    if (query) {
      var hits = new Set();
      nodesDS.getIds().forEach(function (vid) {
        var p = parseId(vid);
        var src = p.group ? GROUPS[p.index] : NODES[p.index];
        if (src.hay.indexOf(query) >= 0) hits.add(vid);
      });
      var shown = new Set(hits);
      hits.forEach(function (vid) {
        network.getConnectedNodes(vid).forEach(function (other) { shown.add(other); });
      });
      matches = shown;
      api.hits = Array.from(hits);
      setStatus(hits.size ? fmt(UI.matches, { count: hits.size }) : UI.no_match);
    } else {
      matches = null;
      api.hits = [];
      setStatus("");
    }
    var nodeUpdates = [];
    nodesDS.forEach(function (item) {
      var show = nodeVisible(item.id);
      if (item.hidden === show) nodeUpdates.push({ id: item.id, hidden: !show });
    });
    // vis-network leaves out the edges of hidden nodes by itself
    if (nodeUpdates.length) nodesDS.update(nodeUpdates);
    if (query && api.hits.length) {
      network.selectNodes(api.hits.slice(0, 200));
    }
    updateLegendCounts();
  }

  function setStatus(text) {
    document.getElementById("gm-search-status").textContent = text;
  }

  // ------------------------------------------------------------ groups

  function refreshGraph() {
    hideTooltip();
    var wanted = currentNodeIds();
    var keep = new Set(wanted);
    var removeNodes = nodesDS.getIds().filter(function (id) { return !keep.has(id); });
    var have = new Set(nodesDS.getIds());
    var addNodes = wanted.filter(function (id) { return !have.has(id); }).map(visItem);
    var newEdges = buildEdges();
    var edgeIds = new Set(newEdges.map(function (e) { return e.id; }));
    var removeEdges = edgesDS.getIds().filter(function (id) { return !edgeIds.has(id); });
    edgesDS.remove(removeEdges);
    nodesDS.remove(removeNodes);
    nodesDS.add(addNodes);
    edgesDS.update(newEdges);
    computeLandmarks();
    applyFilters();
  }

  function expandGroup(j) {
    if (open[j]) return;
    open[j] = true;
    refreshGraph();
  }

  function collapseGroup(j) {
    if (!open[j]) return;
    open[j] = false;
    refreshGraph();
  }

  // ------------------------------------------------------------ tooltip and panel

  var tooltip = document.getElementById("gm-tooltip");

  function severityChip(rank) {
    var chip = el("span", "gm-chip", SEV_NAME[rank]);
    chip.style.background = SEV_COLOR[rank];
    if (rank === 2) chip.style.color = "#263238";
    return chip;
  }

  function attrTable(rows, limit) {
    var table = el("table", "gm-attrs");
    rows.slice(0, limit).forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", null, row[0]));
      tr.appendChild(el("td", null, row[1]));
      table.appendChild(tr);
    });
    return table;
  }

  function findingList(indexes, limit, full) {
    var list = el("ul", "gm-findings");
    var sorted = indexes.slice().sort(function (a, b) {
      return (FINDINGS[b].v - FINDINGS[a].v) || (FINDINGS[b].s - FINDINGS[a].s);
    });
    sorted.slice(0, limit).forEach(function (fi) {
      var f = FINDINGS[fi];
      var li = el("li");
      li.appendChild(severityChip(f.v));
      li.appendChild(el("strong", null, " " + f.a));
      li.appendChild(el("span", "gm-score", " " + UI.score + " " + f.s));
      li.appendChild(el("div", "gm-message", f.m));
      if (full) {
        li.appendChild(el("div", "gm-fid", f.id + (f.k.length ? "  [" + f.k.join(", ") + "]" : "")));
      }
      list.appendChild(li);
    });
    if (sorted.length > limit) list.appendChild(el("li", "gm-more", fmt(UI.more, { count: sorted.length - limit })));
    return list;
  }

  function describeNode(vid, full) {
    var p = parseId(vid);
    var box = el("div", "gm-detail");
    if (p.group) {
      var g = GROUPS[p.index];
      box.appendChild(el("h2", null, g.n));
      box.appendChild(el("div", "gm-type", TYPES[g.t].name + " \u00b7 " + fmt(UI.members, { count: g.m.length })));
      if (g.s) box.appendChild(el("div", "gm-type", UI.score + " " + g.s));
      if (full) {
        var button = el("button", "gm-action", UI.expand);
        button.type = "button";
        button.addEventListener("click", function () { expandGroup(p.index); showDefaultPanel(); });
        box.appendChild(button);
        var members = el("ul", "gm-members");
        g.m.slice(0, 60).forEach(function (i) { members.appendChild(el("li", null, NODES[i].n)); });
        if (g.m.length > 60) members.appendChild(el("li", "gm-more", fmt(UI.more, { count: g.m.length - 60 })));
        box.appendChild(members);
      }
      var fis = [];
      g.m.forEach(function (i) { (NODES[i].f || []).forEach(function (f) { fis.push(f); }); });
      if (fis.length) {
        box.appendChild(el("h3", null, UI.findings));
        box.appendChild(findingList(Array.from(new Set(fis)), full ? 20 : 3, full));
      }
      return box;
    }
    var n = NODES[p.index];
    box.appendChild(el("h2", null, n.n));
    box.appendChild(el("div", "gm-type", TYPES[n.t].name + " \u00b7 " + UI.id + " " + n.id));
    if (n.s) box.appendChild(el("div", "gm-type", UI.score + " " + n.s));
    if (full && n.g !== undefined && GROUPS[n.g].m.length > 1) {
      var fold = el("button", "gm-action", UI.collapse + ": " + GROUPS[n.g].n);
      fold.type = "button";
      fold.addEventListener("click", function () { collapseGroup(n.g); showDefaultPanel(); });
      box.appendChild(fold);
    }
    if (n.a && n.a.length) box.appendChild(attrTable(n.a, full ? 40 : 8));
    if (n.f && n.f.length) {
      box.appendChild(el("h3", null, UI.findings));
      box.appendChild(findingList(n.f, full ? 30 : 3, full));
    } else if (full) {
      box.appendChild(el("p", "gm-none", UI.no_findings));
    }
    return box;
  }

  function nameOfVis(vid) {
    var p = parseId(vid);
    return p.group ? GROUPS[p.index].n : NODES[p.index].n;
  }

  function describeEdge(eid) {
    var item = edgesDS.get(eid);
    var box = el("div", "gm-detail");
    if (!item) return box;
    var meta = item.meta;
    box.appendChild(el("h2", null, ETYPES[meta.t].name));
    box.appendChild(el("div", "gm-type", nameOfVis(item.from) + (ETYPES[meta.t].flow ? " \u2192 " : " \u2014 ") + nameOfVis(item.to)));
    if (meta.cov) box.appendChild(el("div", "gm-type", UI.coverage + ": " + COV_NAME[meta.cov]));
    if (meta.count > 1) box.appendChild(el("div", "gm-type", fmt(UI.count, { count: meta.count })));
    if (meta.count === 1) {
      var raw = EDGES[meta.raw[0]];
      if (raw[7]) box.appendChild(attrTable(raw[7], 12));
    }
    return box;
  }

  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, rect.left + pointer.x - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, rect.top + pointer.y - h - 14);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  network.on("hoverNode", function (params) { showTooltip(describeNode(params.node, false), params.pointer.DOM); });
  network.on("hoverEdge", function (params) { showTooltip(describeEdge(params.edge), params.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  var details = document.getElementById("gm-details");
  function showPanel(content) {
    details.replaceChildren(content);
    details.scrollTop = 0;
  }

  function showDefaultPanel() {
    var box = el("div", "gm-detail");
    var story = DATA.story;
    if (story) {
      box.appendChild(el("h2", null, story.title));
      var line = el("div", "gm-type");
      line.appendChild(severityChip(story.severity));
      line.appendChild(document.createTextNode(" " + UI.score + " " + story.score + (story.checklist.length ? "  [" + story.checklist.join(", ") + "]" : "")));
      box.appendChild(line);
      box.appendChild(el("p", "gm-message", story.message));
      if (story.probability) box.appendChild(el("p", "gm-type", story.probability));
      if (story.hops.length) {
        box.appendChild(el("h3", null, UI.path));
        var names = {};
        NODES.forEach(function (n) { names[n.id] = n.n; });
        var ol = el("ol", "gm-hops");
        story.hops.forEach(function (h) {
          var li = el("li");
          li.appendChild(el("div", null, (names[h[0]] || h[0]) + " \u2192 " + (names[h[1]] || h[1])));
          li.appendChild(el("div", "gm-type", h[2] + " (p = " + h[3] + ")"));
          ol.appendChild(li);
        });
        box.appendChild(ol);
      }
      box.appendChild(el("div", "gm-fid", story.id));
    } else {
      box.appendChild(el("h2", null, DATA.title));
      box.appendChild(el("p", "gm-type", DATA.subtitle));
      box.appendChild(el("p", "gm-type", UI.hint));
      var top = FINDINGS.map(function (f, i) { return i; }).filter(function (i) {
        return FINDINGS[i].o.length > 0;
      });
      top.sort(function (a, b) {
        return (FINDINGS[b].v - FINDINGS[a].v) || (FINDINGS[b].s - FINDINGS[a].s);
      });
      if (top.length) {
        box.appendChild(el("h3", null, UI.top_findings));
        var list = el("ul", "gm-findings gm-clickable");
        top.slice(0, 12).forEach(function (fi) {
          var f = FINDINGS[fi];
          var li = el("li");
          li.tabIndex = 0;
          li.appendChild(severityChip(f.v));
          li.appendChild(el("strong", null, " " + f.a));
          li.appendChild(el("div", "gm-message", f.m));
          function show() { focusNode(f.o[0]); }
          li.addEventListener("click", show);
          li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") show(); });
          list.appendChild(li);
        });
        box.appendChild(list);
      }
    }
    showPanel(box);
  }

  // select a node (its group when folded), centre it and show its details
  function focusNode(i) {
    var vid = repOf(i);
    network.selectNodes([vid]);
    network.focus(vid, { scale: Math.max(network.getScale(), 0.9), animation: false });
    selected = vid;
    showPanel(describeNode(vid, true));
    return vid;
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      selected = params.nodes[0];
      showPanel(describeNode(selected, true));
    } else if (params.edges.length) {
      showPanel(describeEdge(params.edges[0]));
    } else {
      selected = null;
      showDefaultPanel();
    }
  });

  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    var p = parseId(params.nodes[0]);
    if (p.group) {
      expandGroup(p.index);
      showDefaultPanel();
    }
  });

  // ------------------------------------------------------------ controls

  var search = document.getElementById("gm-search");
  var searchTimer = null;
  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { setQuery(search.value); }, 180);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      clearTimeout(searchTimer);
      setQuery(search.value);
      if (api.hits.length) network.fit({ nodes: api.hits.slice(0, 500), animation: false });
    } else if (ev.key === "Escape") {
      search.value = "";
      setQuery("");
    }
  });

  function setQuery(text) {
    query = norm(text).trim();
    if (!query) network.unselectAll();
    applyFilters();
  }

  var severity = document.getElementById("gm-severity");
  severity.appendChild(new Option(UI.severity_all, "0"));
  DATA.severities.forEach(function (s) {
    severity.appendChild(new Option(fmt(UI.severity_min, { label: s.name }), String(s.rank)));
  });
  severity.addEventListener("change", function () {
    minSeverity = parseInt(severity.value, 10) || 0;
    applyFilters();
  });

  var countrySelect = document.getElementById("gm-country");
  countrySelect.appendChild(new Option(UI.country_all, ""));
  DATA.countries.forEach(function (c) {
    countrySelect.appendChild(new Option(c[1] + " (" + c[0] + ")", c[0]));
  });
  countrySelect.addEventListener("change", function () {
    country = countrySelect.value;
    applyFilters();
  });

  var freeze = document.getElementById("gm-freeze");
  function setFrozen(value) {
    frozen = value;
    network.setOptions({ physics: { enabled: !frozen } });
    freeze.textContent = frozen ? UI.unfreeze : UI.freeze;
    freeze.setAttribute("aria-pressed", frozen ? "true" : "false");
    api.frozen = frozen;
  }
  freeze.addEventListener("click", function () { setFrozen(!frozen); });

  // fit, then leave a margin so labels at the edges are not cut off
  function fitAll() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.92, animation: false });
  }
  document.getElementById("gm-fit").addEventListener("click", fitAll);
  document.getElementById("gm-reset").addEventListener("click", function () {
    search.value = "";
    query = "";
    severity.value = "0";
    minSeverity = 0;
    countrySelect.value = "";
    country = "";
    hiddenTypes = {};
    legendBoxes.forEach(function (box) { box.checked = true; });
    network.unselectAll();
    applyFilters();
    showDefaultPanel();
    fitAll();
  });

  // ------------------------------------------------------------ legend

  function glyph(shape, colour) {
    var g = el("span", "gm-glyph gm-shape-" + shape);
    g.style.background = colour;
    return g;
  }

  var legend = document.getElementById("gm-legend");
  var legendBoxes = [];
  var legendCounts = [];
  function buildLegend() {
    var head = el("button", "gm-legend-head", UI.legend);
    head.type = "button";
    head.setAttribute("aria-expanded", "true");
    var body = el("div", "gm-legend-body");
    head.addEventListener("click", function () {
      var hidden = body.hidden = !body.hidden;
      head.setAttribute("aria-expanded", hidden ? "false" : "true");
    });
    legend.appendChild(head);
    body.appendChild(el("div", "gm-legend-title", UI.legend_nodes));
    TYPES.forEach(function (type, ti) {
      var row = el("label", "gm-legend-row");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.label = type.label;
      box.addEventListener("change", function () {
        if (box.checked) delete hiddenTypes[ti]; else hiddenTypes[ti] = true;
        applyFilters();
      });
      legendBoxes.push(box);
      row.appendChild(box);
      row.appendChild(glyph(type.shape, type.color));
      row.appendChild(el("span", null, type.name));
      var count = el("span", "gm-count", "");
      legendCounts.push(count);
      row.appendChild(count);
      body.appendChild(row);
    });
    if (GROUPS.length) {
      var grp = el("div", "gm-legend-row");
      grp.appendChild(el("span", "gm-group-swatch"));
      grp.appendChild(el("span", null, UI.group));
      body.appendChild(grp);
    }
    body.appendChild(el("div", "gm-legend-title", UI.legend_edges));
    [1, 2, 3, 0].forEach(function (code) {
      var row = el("div", "gm-legend-row");
      var line = el("span", "gm-line");
      line.style.borderTopColor = COV_COLOR[code];
      row.appendChild(line);
      row.appendChild(el("span", null, COV_NAME[code]));
      body.appendChild(row);
    });
    var ended = el("div", "gm-legend-row");
    var dash = el("span", "gm-line gm-dashed");
    ended.appendChild(dash);
    ended.appendChild(el("span", null, UI.ended));
    body.appendChild(ended);
    body.appendChild(el("div", "gm-legend-note", UI.legend_arrow));
    body.appendChild(el("div", "gm-legend-title", UI.legend_markers));
    var sevRow = el("div", "gm-legend-row gm-wrap");
    DATA.severities.forEach(function (s) {
      var dot = el("span", "gm-dot");
      dot.style.background = s.color;
      sevRow.appendChild(dot);
      sevRow.appendChild(el("span", "gm-sevname", s.name));
    });
    body.appendChild(sevRow);
    body.appendChild(el("div", "gm-legend-note", UI.legend_size));
    legend.appendChild(body);
  }

  function updateLegendCounts() {
    var counts = TYPES.map(function () { return 0; });
    nodesDS.forEach(function (item) {
      if (item.hidden) return;
      var p = parseId(item.id);
      counts[p.group ? GROUPS[p.index].t : NODES[p.index].t] += p.group ? GROUPS[p.index].m.length : 1;
    });
    counts.forEach(function (c, i) { legendCounts[i].textContent = String(c); });
    api.shown = { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }

  // ------------------------------------------------------------ test and automation hooks

  api.counts = function () { return { nodes: nodesDS.length, edges: edgesDS.length }; };
  api.visibleIds = function () {
    return nodesDS.get({ filter: function (item) { return !item.hidden; } }).map(function (item) {
      var p = parseId(item.id);
      return p.group ? GROUPS[p.index].id : NODES[p.index].id;
    });
  };
  api.search = function (text) { search.value = text; setQuery(text); return api.hits.length; };
  api.setSeverity = function (rank) { severity.value = String(rank); minSeverity = rank; applyFilters(); };
  api.setCountry = function (code) { countrySelect.value = code; country = code; applyFilters(); };
  api.groupIndex = function (gid) {
    for (var j = 0; j < GROUPS.length; j++) if (GROUPS[j].id === gid) return j;
    return -1;
  };
  api.expand = function (gid) { expandGroup(api.groupIndex(gid)); };
  api.collapse = function (gid) { collapseGroup(api.groupIndex(gid)); };
  api.select = function (nodeId) {
    for (var i = 0; i < NODES.length; i++) {
      if (NODES[i].id === nodeId) return focusNode(i);
    }
    return null;
  };
  api.setFrozen = setFrozen;

  buildLegend();
  computeLandmarks();
  applyFilters();
  showDefaultPanel();
  fitAll();
  var T_SETUP = performance.now();
})();

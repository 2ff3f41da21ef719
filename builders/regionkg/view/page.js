// RegionKG network page. Every string here came from report text: it is only ever
// shown through textContent (or drawn as canvas and SVG text), never parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("rkg-data").textContent);
  const el = RK.el;
  const PAGE = 10;                 // evidence items per page
  const RELATIONS_SHOWN = 20;      // relations of one kind listed before "more"
  const RESULTS_SHOWN = 200;       // search matches listed
  const HUB_PX = 13;               // on-screen size of a region hub's label
  const NODE_PX = 14, EDGE_PX = 10; // label font sizes (the options' nodes.font and edges.font)
  const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
  const CLUSTER = "cluster:";

  const byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  const around = new Map(data.nodes.map(function (n) { return [n.id, []]; }));
  data.edges.forEach(function (e, i) {
    e.id = "e" + i;
    around.get(e.from).push(e);
    if (e.to !== e.from) around.get(e.to).push(e);
  });
  const edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  const reportsOf = new Map(data.nodes.map(function (n) {
    return [n.id, new Set(n.ev.map(function (i) { return data.sentences[i][1]; }))];
  }));
  // Linked to nothing but reports: left out until "isolated" is ticked.
  const lonely = new Set(data.nodes.filter(function (n) {
    return n.kind !== "Report" && around.get(n.id).every(function (e) {
      const other = byId.get(e.from === n.id ? e.to : e.from);
      return other.kind === "Report" || other.id === n.id;
    });
  }).map(function (n) { return n.id; }));
  const provinces = Array.from(new Set(data.nodes.map(function (n) { return n.province; }).filter(function (p) {
    return p && byId.has(p);
  }))).sort();

  function kindLabel(kind) { return data.kindLabels[kind] || kind; }
  function names(n) { return [n.label].concat(n.names); }
  function reportLabel(i) { return i >= 0 ? RK.cite(data.reports[i]).slice(2) : "来源未详 source unknown"; }

  // ---- Which nodes are shown: classes, year or report, isolated --------------------------
  const state = {
    kinds: new Set(data.legend.filter(function (l) { return !l.hidden; }).map(function (l) { return l.kind; })),
    year: "", report: "", isolated: false,
  };
  function reportMatches(i) {
    if (i < 0) return false;
    if (state.report !== "") return i === Number(state.report);
    return data.reports[i].year === state.year;
  }
  function shownSet() {
    const filtered = state.year !== "" || state.report !== "";
    const shown = new Set();
    data.nodes.forEach(function (n) {
      if (!state.kinds.has(n.kind)) return;
      if (!state.isolated && lonely.has(n.id)) return;
      if (filtered && n.kind !== "Region" && !Array.from(reportsOf.get(n.id)).some(reportMatches)) return;
      shown.add(n.id);
    });
    if (filtered) {       // regions: where the report's nodes are, and the regions above them
      const regions = new Set();
      const climb = function (id) {
        if (regions.has(id)) return;
        regions.add(id);
        around.get(id).forEach(function (e) { if (e.from === id && e.relation === "partOf") climb(e.to); });
      };
      data.nodes.forEach(function (n) {
        if (n.kind === "Region" && shown.has(n.id) && Array.from(reportsOf.get(n.id)).some(reportMatches)) climb(n.id);
      });
      shown.forEach(function (id) {
        if (byId.get(id).kind === "Region") return;
        around.get(id).forEach(function (e) {
          const other = byId.get(e.from === id ? e.to : e.from);
          if (other.kind === "Region") climb(other.id);
        });
      });
      data.nodes.forEach(function (n) { if (n.kind === "Region" && !regions.has(n.id)) shown.delete(n.id); });
    }
    return shown;
  }
  function edgeShown(e) {
    if (state.year === "" && state.report === "") return true;
    if (!e.ev.length) return true;
    return e.ev.some(function (i) { return reportMatches(data.sentences[i][1]); });
  }

  let shown = shownSet();
  // vis-network copies every field it is given into every node: it gets only what it draws.
  // A large graph's labels are given when zoomed in far enough to read them, and only those
  // in the window: measuring thousands of labels would hold up the first drawing.
  const DRAWN = ["id", "shape", "color", "size", "x", "y", "level", "font"];
  const nodes = new vis.DataSet(data.nodes.map(function (n) {
    const item = { hidden: !shown.has(n.id) };
    DRAWN.forEach(function (k) { if (n[k] !== undefined) item[k] = n[k]; });
    if (!data.lazyLabels) item.label = n.label;
    return item;
  }));
  const edges = new vis.DataSet(data.edges.map(function (e) {
    const item = { id: e.id, from: e.from, to: e.to, hidden: !edgeShown(e) };
    if (!data.lazyLabels) item.label = e.label;
    return item;
  }));
  const container = document.getElementById("rkg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  const labelled = new Set();      // ids of nodes and edges whose labels vis-network has
  function labelsInView() {
    const scale = network.getScale();
    if (!data.lazyLabels || NODE_PX * scale < data.labelThreshold) return;
    const view = container.getBoundingClientRect();
    const a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: view.width, y: view.height });
    const at = network.getPositions();
    const inside = function (id) {
      const p = at[id];
      return p !== undefined && p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y;
    };
    const fresh = function (x) { return !labelled.has(x.id); };
    const nodesIn = data.nodes.filter(function (n) { return fresh(n) && inside(n.id); });
    const edgesIn = EDGE_PX * scale < data.labelThreshold ? [] :
      data.edges.filter(function (e) { return fresh(e) && (inside(e.from) || inside(e.to)); });
    nodesIn.concat(edgesIn).forEach(function (x) { labelled.add(x.id); });
    if (nodesIn.length) nodes.update(nodesIn.map(function (n) { return { id: n.id, label: n.label }; }));
    if (edgesIn.length) edges.update(edgesIn.map(function (e) { return { id: e.id, label: e.label }; }));
  }
  ["zoom", "dragEnd", "animationFinished"].forEach(function (name) { network.on(name, labelsInView); });
  const collapsed = new Set();     // provinces folded into one node

  function applyFilters() {
    const folded = Array.from(collapsed);
    unfoldAll(folded, true);
    shown = shownSet();
    nodes.update(data.nodes.filter(function (n) { return nodes.get(n.id).hidden === shown.has(n.id); })
      .map(function (n) { return { id: n.id, hidden: !shown.has(n.id) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !edgeShown(e) }; }));
    foldAll(folded);
  }

  // ---- Provinces folded into one node ------------------------------------------------------
  // A folded province's nodes are hidden and one node stands in for them, linked once to each
  // node (or folded province) that any of them is linked to.
  const membersOf = new Map(provinces.map(function (p) { return [p, []]; }));
  data.nodes.forEach(function (n) { if (membersOf.has(n.province)) membersOf.get(n.province).push(n.id); });
  const foldEdges = new Map();     // "from\nto" → id of the edge standing in for those links
  let foldEdgeCount = 0;
  function syncFoldEdges() {
    const want = new Map();
    data.edges.forEach(function (e) {
      const a = drawnId(e.from), b = drawnId(e.to);
      if ((a === e.from && b === e.to) || a === b) return;
      if (!shown.has(e.from) || !shown.has(e.to) || !edgeShown(e)) return;
      const key = a + "\n" + b;
      want.set(key, (want.get(key) || 0) + 1);
    });
    const gone = [];
    foldEdges.forEach(function (id, key) { if (!want.has(key)) { gone.push(id); foldEdges.delete(key); } });
    const added = [];
    want.forEach(function (count, key) {
      if (foldEdges.has(key)) return;
      const id = "fold" + (++foldEdgeCount), ends = key.split("\n");
      foldEdges.set(key, id);
      added.push({ id: id, from: ends[0], to: ends[1], width: Math.min(6, 1 + Math.log2(count)) });
    });
    edges.remove(gone);
    edges.add(added);
  }
  function foldAll(list) {
    const hide = [], stand = [];
    list.forEach(function (p) {
      const hub = byId.get(p);
      if (!hub || collapsed.has(p) || !membersOf.has(p)) return;
      const members = membersOf.get(p).filter(function (id) { return shown.has(id); });
      if (!members.length) return;
      const at = network.getPositions([p])[p] || { x: hub.x || 0, y: hub.y || 0 };
      collapsed.add(p);
      members.forEach(function (id) { hide.push({ id: id, hidden: true }); });
      stand.push({ id: CLUSTER + p, label: hub.label + "（" + members.length + "）", shape: "diamond",
        color: hub.color, size: 40, x: at.x, y: at.y, font: { size: 16 }, borderWidth: 2 });
    });
    if (!stand.length) return;
    nodes.update(hide);
    nodes.add(stand);
    syncFoldEdges();
    updateStats();
  }
  function unfoldAll(list, quiet) {
    const open = list.filter(function (p) { return collapsed.has(p); });
    if (!open.length) return;
    open.forEach(function (p) { collapsed.delete(p); });
    nodes.remove(open.map(function (p) { return CLUSTER + p; }));
    const show = [];
    open.forEach(function (p) {
      membersOf.get(p).forEach(function (id) { if (shown.has(id)) show.push({ id: id, hidden: false }); });
    });
    nodes.update(show);
    if (!quiet) { syncFoldEdges(); updateStats(); }
  }
  function fold(p) { foldAll([p]); }
  function unfold(p) { unfoldAll([p]); }
  function drawnId(id) {
    const n = byId.get(id);
    return n && collapsed.has(n.province) ? CLUSTER + n.province : id;
  }

  // ---- Labels of region hubs, drawn at every zoom ------------------------------------------
  let drawnLabels = [];
  const widths = new Map();        // on-screen width of a hub label: the same at every zoom
  const hubs = data.nodes.filter(function (n) { return n.hub !== undefined; })
    .sort(function (a, b) { return a.hub - b.hub || b.size - a.size || (a.id < b.id ? -1 : 1); });
  network.on("afterDrawing", function (ctx) {
    drawnLabels = [];
    const scale = network.getScale();
    if (NODE_PX * scale >= data.labelThreshold) return;  // vis-network draws every label itself
    const list = [];
    collapsed.forEach(function (p) { list.push({ id: CLUSTER + p, text: byId.get(p).label, rank: 0 }); });
    hubs.forEach(function (n) {
      if (shown.has(n.id) && !collapsed.has(n.province)) list.push({ id: n.id, text: n.label, rank: n.hub });
    });
    if (!list.length) return;
    const at = network.getPositions(list.map(function (x) { return x.id; }));
    const view = container.getBoundingClientRect();
    const taken = [];
    ctx.save();
    ctx.font = (HUB_PX / scale) + "px " + FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4 / scale;
    list.forEach(function (x) {
      const p = at[x.id];
      if (!p) return;
      const size = (nodes.get(x.id) || { size: 40 }).size || 20;
      const dom = network.canvasToDOM({ x: p.x, y: p.y + size + 2 / scale });
      if (!widths.has(x.text)) widths.set(x.text, ctx.measureText(x.text).width * scale);
      const w = widths.get(x.text);
      const box = { l: dom.x - w / 2, r: dom.x + w / 2, t: dom.y, b: dom.y + HUB_PX + 2 };
      if (box.r < 0 || box.l > view.width || box.b < 0 || box.t > view.height) return;
      if (x.rank > 0 && taken.some(function (o) { return box.l < o.r && o.l < box.r && box.t < o.b && o.t < box.b; })) return;
      taken.push(box);
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(x.text, p.x, p.y + size + 2 / scale);
      ctx.fillStyle = x.rank === 0 ? "#15304f" : "#2a4a6e";
      ctx.fillText(x.text, p.x, p.y + size + 2 / scale);
      drawnLabels.push({ id: x.id, text: x.text, x: dom.x, y: dom.y + HUB_PX / 2, width: w, px: HUB_PX });
    });
    ctx.restore();
  });

  // ---- Ready -------------------------------------------------------------------------------
  const loading = document.getElementById("rkg-loading");
  function ready() {
    network.setOptions({ physics: { enabled: false } });
    loading.hidden = true;
    labelsInView();
    document.body.dataset.ready = "true";
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", ready);
    network.on("stabilizationProgress", function (p) {
      loading.textContent = "布局中… laying out " + Math.round(100 * p.iterations / p.total) + "%";
    });
  } else {
    network.once("afterDrawing", function () { requestAnimationFrame(ready); });
  }

  // ---- Tooltip (made when the pointer is on a node, not before) ---------------------------
  const tip = document.getElementById("rkg-tip");
  function tipEvidence(box, items) {
    items.slice(0, 2).forEach(function (i) {
      const ev = el("div", data.sentences[i][0], "tip-evidence");
      ev.appendChild(el("div", RK.cite(data.reports[data.sentences[i][1]]), "tip-kind"));
      box.appendChild(ev);
    });
    if (items.length > 2) box.appendChild(el("div", "共 " + items.length + " 条证据，点击查看 click for all", "tip-kind"));
  }
  function showTip(params, fill) {
    tip.replaceChildren();
    fill(tip);
    tip.hidden = false;
    const x = params.pointer.DOM.x, y = params.pointer.DOM.y;
    const w = container.clientWidth;
    tip.style.left = Math.max(0, Math.min(x + 14, w - tip.offsetWidth - 4)) + "px";
    tip.style.top = (y + 14) + "px";
  }
  network.on("hoverNode", function (params) {
    const id = String(params.node);
    showTip(params, function (box) {
      if (id.startsWith(CLUSTER)) {
        const p = byId.get(id.slice(CLUSTER.length));
        box.appendChild(el("div", "折叠的省份 folded province", "tip-kind"));
        box.appendChild(el("strong", p.label));
        box.appendChild(el("div", "双击展开 double-click to unfold"));
        return;
      }
      const n = byId.get(id);
      box.appendChild(el("div", kindLabel(n.kind), "tip-kind"));
      box.appendChild(el("strong", n.label));
      if (n.names.length) box.appendChild(el("div", "又名：" + n.names.join("、")));
      n.facts.forEach(function (f) { box.appendChild(el("div", f)); });
      n.stages.forEach(function (s) { box.appendChild(el("div", stageText(s))); });
      if (n.chains.length) box.appendChild(el("div", "产业链：" + n.chains.join("、")));
      tipEvidence(box, n.ev);
    });
  });
  network.on("hoverEdge", function (params) {
    const e = edgeById.get(params.edge);
    if (!e) return;
    showTip(params, function (box) {
      box.appendChild(el("strong", byId.get(e.from).label + " —" + e.label + "→ " + byId.get(e.to).label));
      tipEvidence(box, e.ev);
    });
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) {
    network.on(name, function () { tip.hidden = true; });
  });

  // ---- Side panel, with back and forward ----------------------------------------------------
  const panel = document.getElementById("rkg-panel");
  const back = document.getElementById("rkg-back"), forward = document.getElementById("rkg-forward");
  const trail = { stack: [], at: -1 };
  function stageText(s) {
    return "阶段 stage：" + s[0] + (s[1] ? " · " + s[1] + "年" : "") + (s[2] ? " · " + s[2] : "") +
      (s[3] >= 0 ? "（" + reportLabel(s[3]) + "）" : "");
  }
  // A project's stages year by year, as the timeline page draws them (done filled, target
  // hatched); a year's button narrows the evidence to the sentences of that year's reports.
  function timelineStrip(n, showEvidence) {
    const years = new Map();
    n.stages.forEach(function (s) {
      if (!s[1]) return;
      if (!years.has(s[1])) years.set(s[1], []);
      years.get(s[1]).push(s);
    });
    if (!years.size) return null;
    const box = el("section", null, "timeline");
    box.appendChild(el("h3", "历程 timeline（" + years.size + " 年 years）"));
    const row = el("div", null, "years");
    const cells = [];
    const all = el("button", "全部 all", "year all");
    all.type = "button";
    const choose = function (cell, items) {
      cells.concat([all]).forEach(function (c) { c.setAttribute("aria-pressed", String(c === cell)); });
      showEvidence(items);
    };
    all.addEventListener("click", function () { choose(all, n.ev); });
    Array.from(years.keys()).sort().forEach(function (year) {
      const stages = years.get(year);
      const done = stages.some(function (s) { return s[4] === true; });
      const aimed = stages.every(function (s) { return s[4] === false; });
      const cell = el("button", null, "year " + (done ? "done" : aimed ? "target" : "stated"));
      cell.type = "button";
      cell.append(el("b", year), el("span", stages.map(function (s) { return s[0] + (s[4] === false ? "（目标）" : ""); }).join(" · ")));
      cell.title = stages.map(stageText).join("\n");
      const reports = new Set(stages.map(function (s) { return s[3]; }));
      const items = n.ev.filter(function (i) {
        const r = data.reports[data.sentences[i][1]];
        return reports.has(data.sentences[i][1]) || (r && String(r.year) === String(year));
      });
      cell.addEventListener("click", function () { choose(cell, items); });
      cells.push(cell);
      row.appendChild(cell);
    });
    row.appendChild(all);
    all.setAttribute("aria-pressed", "true");
    box.append(row, el("div", "实心 filled：已完成 done · 斜纹 hatched：目标 target · 点击年份看当年证据 click a year for its evidence", "hint"));
    return box;
  }
  function nodeButton(id) {
    const n = byId.get(id);
    const b = el("button", n.label, "link");
    b.type = "button";
    b.title = kindLabel(n.kind);
    b.addEventListener("click", function () { go({ type: "node", id: id }); });
    return b;
  }
  function relationRow(e, id) {
    const row = el("div", null, "relation");
    const end = function (x) { return x === id ? el("span", byId.get(x).label, "this") : nodeButton(x); };
    row.append(end(e.from), el("span", "—" + e.label + "→", "arrow"), end(e.to));
    const ev = el("button", "证据 " + e.ev.length, "ev");
    ev.type = "button";
    ev.title = "evidence of this relation";
    ev.addEventListener("click", function () { go({ type: "edge", id: e.id }); });
    row.appendChild(ev);
    return row;
  }
  function relationGroups(id) {
    const groups = new Map();
    around.get(id).forEach(function (e) {
      const out = e.from === id;
      const key = (out ? "out " : "in ") + e.label;
      if (!groups.has(key)) groups.set(key, { out: out, label: e.label, edges: [] });
      groups.get(key).edges.push(e);
    });
    const box = el("section", null, "relations");
    if (!groups.size) return box;
    box.appendChild(el("h3", "关系 relations（" + around.get(id).length + "）"));
    Array.from(groups.values()).sort(function (a, b) { return (a.out === b.out ? 0 : a.out ? -1 : 1) || (a.label < b.label ? -1 : 1); })
      .forEach(function (g) {
        g.edges.sort(function (a, b) {
          const x = byId.get(g.out ? a.to : a.from).label, y = byId.get(g.out ? b.to : b.from).label;
          return x < y ? -1 : x > y ? 1 : 0;
        });
        box.appendChild(el("h4", (g.out ? "本节点 —" + g.label + "→ this → …" : "… —" + g.label + "→ 本节点 this") +
          "（" + g.edges.length + "）"));
        const list = el("div");
        let n = 0;
        const more = el("button", "", "more");
        more.type = "button";
        const grow = function () {
          g.edges.slice(n, n + RELATIONS_SHOWN).forEach(function (e) { list.appendChild(relationRow(e, id)); });
          n = Math.min(g.edges.length, n + RELATIONS_SHOWN);
          more.hidden = n >= g.edges.length;
          more.textContent = "更多 more（" + (g.edges.length - n) + "）";
        };
        more.addEventListener("click", grow);
        grow();
        box.append(list, more);
      });
    return box;
  }
  function showNode(id) {
    if (id.startsWith(CLUSTER)) return showProvince(id.slice(CLUSTER.length));
    const n = byId.get(id);
    panel.replaceChildren();
    panel.appendChild(el("div", kindLabel(n.kind), "kind"));
    panel.appendChild(el("h2", n.label));
    const list = el("ul");
    if (n.names.length) list.appendChild(el("li", "又名：" + n.names.join("、")));
    n.facts.forEach(function (f) { list.appendChild(el("li", f)); });
    n.stages.forEach(function (s) { if (!s[1]) list.appendChild(el("li", stageText(s))); });   // dated: the timeline
    if (n.chains.length) list.appendChild(el("li", "产业链：" + n.chains.join("、")));
    if (n.province && byId.has(n.province)) {
      const li = el("li", "省份 province：");
      li.appendChild(n.province === id ? el("span", n.label) : nodeButton(n.province));
      const b = el("button", "折叠 fold", "ev");
      b.type = "button";
      b.addEventListener("click", function () { fold(n.province); showProvince(n.province); });
      li.appendChild(b);
      list.appendChild(li);
    }
    list.appendChild(el("li", "IRI：" + n.id));
    panel.appendChild(list);
    const evidence = el("div");
    const showEvidence = function (items) {
      evidence.replaceChildren();
      if (items.length) evidence.appendChild(RK.evidence(items, names(n), data.sentences, data.reports, PAGE));
    };
    const strip = timelineStrip(n, showEvidence);
    if (strip) panel.appendChild(strip);
    showEvidence(n.ev);
    panel.appendChild(evidence);
    panel.appendChild(relationGroups(id));
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    panel.replaceChildren();
    panel.appendChild(el("div", "关系 relation", "kind"));
    const h = el("h2");
    h.append(nodeButton(e.from), el("span", " —" + e.label + "→ ", "arrow"), nodeButton(e.to));
    panel.appendChild(h);
    const mentions = names(byId.get(e.from)).concat(names(byId.get(e.to)));
    if (e.ev.length) panel.appendChild(RK.evidence(e.ev, mentions, data.sentences, data.reports, PAGE));
    else panel.appendChild(el("p", "这条关系没有原文句子（来自区划表或产业链模型）。No sentence: from the division table or the chain model.", "hint"));
  }
  function showProvince(p) {
    const n = byId.get(p);
    panel.replaceChildren();
    panel.appendChild(el("div", "折叠的省份 folded province", "kind"));
    panel.appendChild(el("h2", n.label));
    const count = data.nodes.filter(function (x) { return x.province === p && shown.has(x.id); }).length;
    panel.appendChild(el("p", count + " 个节点 nodes"));
    const b = el("button", collapsed.has(p) ? "展开 unfold" : "折叠 fold");
    b.type = "button";
    b.addEventListener("click", function () {
      if (collapsed.has(p)) unfold(p); else fold(p);
      showProvince(p);
    });
    panel.appendChild(b);
    panel.appendChild(el("p", null)).appendChild(nodeButton(p));
  }
  function render(entry) {
    if (entry.type === "edge") {
      network.selectEdges([entry.id]);
      showEdge(entry.id);
    } else if (entry.type === "province") {
      showProvince(entry.id);
    } else {
      reveal(entry.id);
      network.selectNodes([drawnId(entry.id)]);
      showNode(entry.id);
    }
    back.disabled = trail.at <= 0;
    forward.disabled = trail.at >= trail.stack.length - 1;
    document.body.dataset.selected = entry.id;
  }
  // A node asked for is shown: its province unfolded, its class or filter set aside for it.
  function reveal(id) {
    const n = byId.get(id);
    if (collapsed.has(n.province)) unfold(n.province);
    if (!shown.has(id)) {
      shown.add(id);
      nodes.update({ id: id, hidden: false });
      updateStats();
    }
    const at = network.getPositions([id])[id];
    const box = at && network.canvasToDOM(at);
    if (!box || box.x < 0 || box.y < 0 || box.x > container.clientWidth || box.y > container.clientHeight ||
        network.getScale() < 0.6) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
      labelsInView();
    }
  }
  function go(entry) {
    trail.stack = trail.stack.slice(0, trail.at + 1);
    trail.stack.push(entry);
    trail.at = trail.stack.length - 1;
    render(entry);
  }
  back.addEventListener("click", function () { if (trail.at > 0) render(trail.stack[--trail.at]); });
  forward.addEventListener("click", function () {
    if (trail.at < trail.stack.length - 1) render(trail.stack[++trail.at]);
  });
  network.on("click", function (params) {
    if (params.nodes.length) {
      const id = String(params.nodes[0]);
      if (id.startsWith(CLUSTER)) go({ type: "province", id: id.slice(CLUSTER.length) });
      else go({ type: "node", id: id });
    } else if (params.edges.length) {
      const e = edgeById.get(params.edges[0]);
      if (e) go({ type: "edge", id: e.id });
    }
  });
  network.on("doubleClick", function (params) {
    const id = params.nodes.length ? String(params.nodes[0]) : "";
    if (id.startsWith(CLUSTER)) unfold(id.slice(CLUSTER.length));
  });

  // ---- Legend: a checkbox per class ------------------------------------------------------
  const legend = document.getElementById("rkg-legend");
  data.legend.forEach(function (item) {
    const li = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = state.kinds.has(item.kind);
    box.dataset.kind = item.kind;
    box.addEventListener("change", function () {
      if (box.checked) state.kinds.add(item.kind); else state.kinds.delete(item.kind);
      applyFilters();
    });
    const swatch = el("span", null, "swatch");
    swatch.style.background = item.colour;
    label.append(box, swatch, document.createTextNode(item.label + " " + item.count));
    li.appendChild(label);
    legend.appendChild(li);
  });

  // ---- Year and report filters, isolated nodes --------------------------------------------
  const yearSelect = document.getElementById("rkg-year"), reportSelect = document.getElementById("rkg-report");
  Array.from(new Set(data.reports.map(function (r) { return r.year; }).filter(Boolean))).sort().reverse()
    .forEach(function (y) {
      const o = el("option", y + "年");
      o.value = y;
      yearSelect.appendChild(o);
    });
  data.reports.forEach(function (r, i) {
    const o = el("option", reportLabel(i));
    o.value = String(i);
    reportSelect.appendChild(o);
  });
  yearSelect.addEventListener("change", function () {
    state.year = yearSelect.value;
    state.report = "";
    reportSelect.value = "";
    applyFilters();
  });
  reportSelect.addEventListener("change", function () {
    state.report = reportSelect.value;
    state.year = "";
    yearSelect.value = "";
    applyFilters();
  });
  const isolated = document.getElementById("rkg-isolated");
  isolated.addEventListener("change", function () { state.isolated = isolated.checked; applyFilters(); });

  const stats = document.getElementById("rkg-stats");
  function updateStats() {
    stats.textContent = "显示 shown " + shown.size + " / " + data.nodes.length + " 节点 nodes · " +
      data.edges.length + " 连线 edges" + (collapsed.size ? " · " + collapsed.size + " 省折叠 folded" : "") +
      (lonely.size && !state.isolated ? " · " + lonely.size + " 孤立隐藏 isolated hidden" : "");
  }
  updateStats();
  document.getElementById("rkg-collapse").addEventListener("click", function () { foldAll(provinces); });
  document.getElementById("rkg-expand").addEventListener("click", function () { unfoldAll(Array.from(collapsed)); });
  // A graph too big to draw node by node at interactive rates opens folded by province.
  if (shown.size > data.foldAbove) foldAll(provinces);
  document.getElementById("rkg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  // ---- Search: every match listed, the best one shown --------------------------------------
  const datalist = document.getElementById("rkg-names");
  const seen = new Set();
  data.nodes.forEach(function (n) {
    names(n).forEach(function (name) {
      if (seen.has(name)) return;
      seen.add(name);
      const option = el("option");
      option.value = name;
      datalist.appendChild(option);
    });
  });
  function findAll(text) {
    text = text.trim();
    if (!text) return [];
    const score = function (n) {
      const all = names(n);
      if (all.indexOf(text) >= 0) return 0;
      if (all.some(function (s) { return s.startsWith(text); })) return 1;
      return all.some(function (s) { return s.indexOf(text) >= 0; }) ? 2 : -1;
    };
    return data.nodes.map(function (n) { return [score(n), n]; }).filter(function (x) { return x[0] >= 0; })
      .sort(function (a, b) {
        return a[0] - b[0] || a[1].label.length - b[1].label.length || (a[1].label < b[1].label ? -1 : a[1].label > b[1].label ? 1 : 0);
      }).map(function (x) { return x[1]; });
  }
  function find(text) { return findAll(text)[0] || null; }
  const results = document.getElementById("rkg-results");
  const status = document.getElementById("rkg-search-status");
  function listResults(found) {
    results.replaceChildren();
    const close = el("button", "×", "close");
    close.type = "button";
    close.title = "close";
    close.addEventListener("click", function () { results.hidden = true; });
    results.appendChild(close);
    found.slice(0, RESULTS_SHOWN).forEach(function (n, i) {
      const li = el("li", null, i === 0 ? "current" : "");
      const b = nodeButton(n.id);
      b.addEventListener("click", function () {
        results.querySelectorAll("li.current").forEach(function (x) { x.classList.remove("current"); });
        li.classList.add("current");
        status.textContent = found.length + " 个匹配 matches · 第 " + (i + 1) + " 个 showing " + (i + 1);
      });
      li.append(b, document.createTextNode(" · " + kindLabel(n.kind) +
        (n.province && byId.has(n.province) && n.province !== n.id ? " · " + byId.get(n.province).label : "")));
      results.appendChild(li);
    });
    results.hidden = found.length < 2;
  }
  document.getElementById("rkg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    const found = findAll(document.getElementById("rkg-search-input").value);
    status.classList.toggle("none", !found.length);
    if (!found.length) {
      status.textContent = "未找到 not found";
      results.hidden = true;
      return;
    }
    status.textContent = found.length === 1 ? "1 个匹配 match" : found.length + " 个匹配 matches · 第 1 个 showing 1" +
      (found.length > RESULTS_SHOWN ? "（列出前 " + RESULTS_SHOWN + " listed）" : "");
    listResults(found);
    go({ type: "node", id: found[0].id });
  });

  // ---- Export of the current view -----------------------------------------------------------
  const stem = RK.stem([data.title]);
  document.getElementById("rkg-png").addEventListener("click", function () {
    const source = container.querySelector("canvas");
    const out = el("canvas");
    out.width = source.width;
    out.height = source.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    out.toBlob(function (blob) { RK.download(blob, stem + ".png"); }, "image/png");
  });
  document.getElementById("rkg-svg").addEventListener("click", function () {
    RK.download(new Blob([svgOfView()], { type: "image/svg+xml" }), stem + ".svg");
  });
  const SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function shapePoints(shape, x, y, r) {
    const corners = { diamond: [4, Math.PI / 2], triangle: [3, -Math.PI / 2], hexagon: [6, 0], square: [4, Math.PI / 4] }[shape];
    const pts = [];
    if (shape === "star") {
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + i * Math.PI / 5, d = i % 2 ? r * 0.45 : r;
        pts.push((x + d * Math.cos(a)).toFixed(1) + "," + (y + d * Math.sin(a)).toFixed(1));
      }
    } else if (corners) {
      const k = shape === "square" ? Math.SQRT2 : 1;
      for (let i = 0; i < corners[0]; i++) {
        const a = corners[1] + i * 2 * Math.PI / corners[0];
        pts.push((x + k * r * Math.cos(a)).toFixed(1) + "," + (y + k * r * Math.sin(a)).toFixed(1));
      }
    }
    return pts.join(" ");
  }
  // The view as drawn now: what lies in the window, edges, node labels and hub labels.
  function svgOfView() {
    const w = container.clientWidth, h = container.clientHeight, scale = network.getScale();
    const root = svgEl("svg", { xmlns: SVG, width: w, height: h, viewBox: "0 0 " + w + " " + h,
      "font-family": FONT });
    root.appendChild(svgEl("rect", { x: 0, y: 0, width: w, height: h, fill: "#fff" }));
    const ids = [];
    collapsed.forEach(function (p) { ids.push(CLUSTER + p); });
    shown.forEach(function (id) { if (!collapsed.has(byId.get(id).province)) ids.push(id); });
    const at = network.getPositions(ids);
    const dom = {};
    ids.forEach(function (id) { if (at[id]) dom[id] = network.canvasToDOM(at[id]); });
    const inside = function (p) { return p && p.x >= -50 && p.y >= -50 && p.x <= w + 50 && p.y <= h + 50; };
    const lines = svgEl("g", { stroke: "#b8b8b8", "stroke-width": 1 });
    const drawn = new Set();
    data.edges.forEach(function (e) {
      if (!edgeShown(e)) return;
      const a = drawnId(e.from), b = drawnId(e.to);
      const key = a + " " + b;
      if (a === b || drawn.has(key) || !dom[a] || !dom[b] || (!inside(dom[a]) && !inside(dom[b]))) return;
      drawn.add(key);
      lines.appendChild(svgEl("line", { x1: dom[a].x.toFixed(1), y1: dom[a].y.toFixed(1), x2: dom[b].x.toFixed(1),
        y2: dom[b].y.toFixed(1) }));
    });
    root.appendChild(lines);
    const shapes = svgEl("g", { stroke: "#fff", "stroke-width": 0.5 });
    const labels = svgEl("g", { "font-size": 12, fill: "#222", "text-anchor": "middle" });
    const big = NODE_PX * scale >= data.labelThreshold;
    ids.forEach(function (id) {
      const p = dom[id];
      if (!inside(p)) return;
      const n = nodes.get(id) || {};
      const r = Math.max(1.5, (n.size || 20) * scale);
      const shape = n.shape || "dot";
      const colour = typeof n.color === "string" ? n.color : "#4e79a7";
      if (shape === "dot") shapes.appendChild(svgEl("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1), fill: colour }));
      else shapes.appendChild(svgEl("polygon", { points: shapePoints(shape, p.x, p.y, r), fill: colour }));
      const label = byId.has(id) ? byId.get(id).label : n.label;
      if (big && label) labels.appendChild(svgEl("text", { x: p.x.toFixed(1), y: (p.y + r + 13).toFixed(1) }, label));
    });
    if (!big) {
      drawnLabels.forEach(function (l) {
        labels.appendChild(svgEl("text", { x: l.x.toFixed(1), y: (l.y + 4).toFixed(1), "font-size": l.px,
          fill: "#15304f", stroke: "#fff", "stroke-width": 3, "paint-order": "stroke" }, l.text));
      });
    }
    root.append(shapes, labels);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root);
  }

  window.regionkgView = {
    network: network, nodes: nodes, edges: edges, data: data, find: find, findAll: findAll, go: go,
    fold: fold, unfold: unfold, foldAll: foldAll, unfoldAll: unfoldAll, svg: svgOfView, shown: function () { return shown; },
    drawnLabels: function () { return drawnLabels; }, collapsed: collapsed, lonely: lonely,
  };
})();

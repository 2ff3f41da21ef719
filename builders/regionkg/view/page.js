// RegionKG network page. Every string here came from report text: it is only ever
// shown through textContent, never parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("rkg-data").textContent);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function kindLabel(kind) {
    return data.kindLabels[kind] || kind;
  }

  function evidenceBlock(item) {
    const quote = el("blockquote", item.text);
    if (item.report) quote.appendChild(el("cite", "— " + item.report));
    return quote;
  }

  // Hover tooltip: a DOM element, so vis-network shows it as given.
  function nodeTooltip(node) {
    const box = el("div");
    box.appendChild(el("div", kindLabel(node.kind), "tip-kind"));
    box.appendChild(el("strong", node.label));
    if (node.names.length) box.appendChild(el("div", "又名：" + node.names.join("、")));
    node.facts.forEach(function (f) { box.appendChild(el("div", f)); });
    if (node.chains.length) box.appendChild(el("div", "产业链：" + node.chains.join("、")));
    node.evidence.slice(0, 2).forEach(function (item) {
      const ev = el("div", item.text, "tip-evidence");
      if (item.report) ev.appendChild(el("div", "— " + item.report, "tip-kind"));
      box.appendChild(ev);
    });
    if (node.evidenceCount > 2) box.appendChild(el("div", "共 " + node.evidenceCount + " 条证据，点击查看", "tip-kind"));
    return box;
  }

  function edgeTooltip(edge) {
    const box = el("div");
    box.appendChild(el("strong", edge.label));
    edge.evidence.slice(0, 2).forEach(function (item) {
      const ev = el("div", item.text, "tip-evidence");
      if (item.report) ev.appendChild(el("div", "— " + item.report, "tip-kind"));
      box.appendChild(ev);
    });
    return box;
  }

  const byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  const nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: nodeTooltip(n) });
  }));
  const edges = new vis.DataSet(data.edges.map(function (e, i) {
    return Object.assign({ id: "e" + i }, e, { title: edgeTooltip(e) });
  }));
  const container = document.getElementById("rkg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  const loading = document.getElementById("rkg-loading");

  function ready() {
    network.setOptions({ physics: { enabled: false } });
    loading.hidden = true;
    document.body.dataset.ready = "true";
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", ready);
    network.on("stabilizationProgress", function (p) {
      loading.textContent = "布局中… laying out " + Math.round(100 * p.iterations / p.total) + "%";
    });
  } else {
    network.once("afterDrawing", ready);
  }

  // Details panel
  const details = document.getElementById("rkg-details");
  function showNode(id) {
    const node = byId.get(id);
    if (!node) return;
    details.replaceChildren();
    details.appendChild(el("div", kindLabel(node.kind), "kind"));
    details.appendChild(el("h2", node.label));
    const list = el("ul");
    if (node.names.length) list.appendChild(el("li", "又名：" + node.names.join("、")));
    node.facts.forEach(function (f) { list.appendChild(el("li", f)); });
    if (node.chains.length) list.appendChild(el("li", "产业链：" + node.chains.join("、")));
    list.appendChild(el("li", "IRI：" + node.id));
    details.appendChild(list);
    if (node.evidence.length) {
      details.appendChild(el("h2", "证据 evidence（" + node.evidenceCount + "）"));
      node.evidence.forEach(function (item) { details.appendChild(evidenceBlock(item)); });
    }
    const around = el("ul");
    network.getConnectedEdges(id).forEach(function (eid) {
      const e = edges.get(eid);
      const other = byId.get(e.from === id ? e.to : e.from);
      if (!other) return;
      around.appendChild(el("li", e.from === id ? e.label + " → " + other.label : other.label + " → " + e.label));
    });
    if (around.childNodes.length) {
      details.appendChild(el("h2", "关系 relations"));
      details.appendChild(around);
    }
  }
  function showEdge(id) {
    const e = edges.get(id);
    if (!e) return;
    details.replaceChildren();
    details.appendChild(el("div", "关系 relation", "kind"));
    const from = byId.get(e.from), to = byId.get(e.to);
    details.appendChild(el("h2", (from ? from.label : e.from) + " —" + e.label + "→ " + (to ? to.label : e.to)));
    e.evidence.forEach(function (item) { details.appendChild(evidenceBlock(item)); });
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // Legend: a checkbox per class shows or hides its nodes.
  const legend = document.getElementById("rkg-legend");
  data.legend.forEach(function (item) {
    const li = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = !item.hidden;
    box.dataset.kind = item.kind;
    box.addEventListener("change", function () {
      nodes.update(data.nodes.filter(function (n) { return n.kind === item.kind; })
        .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
    });
    const swatch = el("span", null, "swatch");
    swatch.style.background = item.colour;
    label.append(box, swatch, document.createTextNode(item.label + " " + item.count));
    li.appendChild(label);
    legend.appendChild(li);
  });
  document.getElementById("rkg-stats").textContent =
    data.nodes.length + " 节点 nodes · " + data.edges.length + " 连线 edges";

  // Search: exact name first, then the first name that contains the text.
  const names = document.getElementById("rkg-names");
  const seen = new Set();
  data.nodes.forEach(function (n) {
    [n.label].concat(n.names).forEach(function (name) {
      if (seen.has(name)) return;
      seen.add(name);
      const option = el("option");
      option.value = name;
      names.appendChild(option);
    });
  });
  function find(text) {
    text = text.trim();
    if (!text) return null;
    const has = function (n, f) { return f(n.label) || n.names.some(f); };
    return data.nodes.find(function (n) { return has(n, function (s) { return s === text; }); }) ||
      data.nodes.find(function (n) { return has(n, function (s) { return s.indexOf(text) >= 0; }); }) || null;
  }
  document.getElementById("rkg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    const status = document.getElementById("rkg-search-status");
    const node = find(document.getElementById("rkg-search-input").value);
    if (!node) {
      status.textContent = "未找到 not found";
      return;
    }
    status.textContent = "";
    if (nodes.get(node.id).hidden) nodes.update({ id: node.id, hidden: false });
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: 1.2, animation: false });
    showNode(node.id);
  });

  window.regionkgView = { network: network, nodes: nodes, edges: edges, data: data, find: find };
})();

// RegionKG chain dashboard. Every string here came from report text: it is only ever
// shown through textContent or SVG text nodes, never parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("ch-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const SIZE = { head: 13, link: 14, name: 12, meta: 11.5 };
  const INK = { text: "#222", muted: "#666", gap: "#777", enterprise: "#b3343a", line: "#9aa5b1" };
  const PAGE = 10;
  const ROOMY = { column: 172, gutter: 36 }, TIGHT = { column: 150, gutter: 22 };   // px
  const links = new Map(data.links.map(function (l) { return [l.id, l]; }));
  const board = document.getElementById("ch-board");
  const measure = document.createElement("canvas").getContext("2d");
  let selected = null;           // {type, id}

  const el = RK.el;
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function width(text, size, bold) {
    measure.font = (bold ? "bold " : "") + size + "px " + FONT;
    return measure.measureText(text).width;
  }
  // Lines of at most `max` px, broken between characters; the last one ends in … if cut.
  function wrap(text, size, max, lines, bold) {
    const out = [];
    let line = "";
    for (const ch of String(text)) {
      if (line && width(line + ch, size, bold) > max) {
        out.push(line);
        line = "";
        if (out.length === lines) break;
      }
      line += ch;
    }
    if (out.length < lines && line) out.push(line);
    else if (out.length === lines && out.join("").length < String(text).length) {
      let last = out[lines - 1];
      while (last && width(last + "…", size, bold) > max) last = last.slice(0, -1);
      out[lines - 1] = last + "…";
    }
    return out;
  }
  function label(text, x, y, size, fill, bold) {
    return svg("text", { x: x, y: y, "font-size": size, "font-family": FONT, fill: fill,
      "font-weight": bold ? "bold" : "normal" }, text);
  }
  function names(ids, table) { return ids.map(function (i) { return table.get ? table.get(i).label : table[i].label; }); }
  function projectMeta(p) {
    return [p.capacity, [p.stage, p.year].filter(Boolean).join(" ")].filter(Boolean).join(" · ") || "产能、阶段未详 n/a";
  }

  // ---- The drawing: columns of link cards, project boxes grouped by enterprise ---------
  function focusable(g, text, onSelect) {
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", text);
    g.appendChild(svg("title", {}, text));
    g.addEventListener("click", function (e) { e.stopPropagation(); onSelect(); });
    g.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onSelect(); }
    });
    return g;
  }

  function projectBox(p, id, link, x, y, w) {
    const lines = wrap(p.label, SIZE.name, w - 14, 3);
    const extra = p.weight === null ? 0 : Math.round(30 * p.weight);
    const h = 10 + lines.length * 16 + 17 + extra;
    const g = svg("g", { "data-project": id, "data-link": link.id, class: "project" });
    g.appendChild(svg("rect", { x: x, y: y, width: w, height: h, rx: 3, fill: "#fde7cc", stroke: "#e07b12", "stroke-width": 1 }));
    if (p.weight !== null) {
      g.appendChild(svg("rect", { x: x + 1, y: y + h - 4 - extra, width: 4, height: extra + 3, fill: "#e07b12" }));
    }
    lines.forEach(function (line, i) { g.appendChild(label(line, x + 8, y + 18 + 16 * i, SIZE.name, INK.text)); });
    g.appendChild(label(wrap(projectMeta(p), SIZE.meta, w - 14, 1)[0], x + 8, y + 18 + 16 * lines.length + 2, SIZE.meta, INK.muted));
    focusable(g, p.label + "：" + projectMeta(p), function () { select("project", id); });
    return { node: g, height: h };
  }

  function noteLines(g, text, x, y, w, fill) {
    wrap(text, SIZE.meta, w, 3).forEach(function (line) {
      g.appendChild(label(line, x, y + 12, SIZE.meta, fill));
      y += 16;
    });
    return y;
  }

  function linkCard(link, x, y, w) {
    const g = svg("g", { "data-link": link.id, class: link.gap ? "link gap" : "link present" });
    const frame = svg("rect", { x: x, y: y, width: w, rx: 5, fill: link.gap ? "#efefef" : "#fff",
      stroke: link.gap ? "#999" : "#7b5a92", "stroke-width": link.gap ? 1.5 : 2,
      "stroke-dasharray": link.gap ? "6 4" : "none" });
    g.appendChild(frame);
    const head = svg("g", { class: "link-head" });
    const count = link.projects.length;
    const tag = link.gap ? "缺失 gap" : count ? count + " 项目" : "";
    const tagW = tag ? width(tag, SIZE.meta) + 12 : 0;
    head.appendChild(label(wrap(link.label, SIZE.link, w - tagW - 18, 1, true)[0], x + 9, y + 20, SIZE.link,
      link.gap ? INK.gap : INK.text, true));
    if (link.gap) {
      head.appendChild(svg("rect", { x: x + w - tagW - 6, y: y + 6, width: tagW, height: 18, rx: 9,
        fill: "#fff", stroke: INK.enterprise, "stroke-width": 1.2, class: "gap-marker" }));
      head.appendChild(label(tag, x + w - tagW, y + 19, SIZE.meta, INK.enterprise));
    } else if (tag) {
      head.appendChild(label(tag, x + w - tagW, y + 19, SIZE.meta, INK.muted));
    }
    g.appendChild(head);
    let cy = y + 30;
    if (link.gap) {
      const supplies = link.suppliesText || names(link.supplies, links).join("、");
      if (supplies) cy = noteLines(g, "供应 supplies → " + supplies, x + 9, cy, w - 18, INK.gap);
      if (link.planned) cy = noteLines(g, "已规划 planned", x + 9, cy, w - 18, "#2b6a4f");
    } else {
      let owner;
      link.projects.forEach(function (pid) {
        const p = data.projects[pid];
        const first = p.owners.length ? p.owners[0] : null;
        if (first !== owner) {
          owner = first;
          const who = first === null ? "未注明企业 no enterprise named" : "● " + names(p.owners, data.enterprises).join("、");
          const eg = svg("g", { "data-enterprise": first || "", class: "enterprise" });
          eg.appendChild(svg("rect", { x: x + 6, y: cy + 1, width: w - 12, height: 18, fill: "#fff", stroke: "none" }));
          eg.appendChild(label(wrap(who, SIZE.name, w - 20, 1)[0], x + 9, cy + 14, SIZE.name, INK.enterprise, true));
          if (first !== null) focusable(eg, "企业 " + who, function () { select("enterprise", first); });
          g.appendChild(eg);
          cy += 20;
        }
        const box = projectBox(p, pid, link, x + 9, cy, w - 18);
        g.appendChild(box.node);
        cy += box.height + 5;
      });
      link.enterprises.forEach(function (eid) {
        const eg = svg("g", { "data-enterprise": eid, class: "enterprise" });
        eg.appendChild(label(wrap("● " + data.enterprises[eid].label + "（无本环节项目 no project）", SIZE.name, w - 20, 1)[0],
          x + 9, cy + 14, SIZE.name, INK.enterprise, true));
        focusable(eg, "企业 " + data.enterprises[eid].label, function () { select("enterprise", eid); });
        g.appendChild(eg);
        cy += 20;
      });
      if (link.via.length) cy = noteLines(g, "经下位环节 via " + names(link.via, links).join("、"), x + 9, cy, w - 18, INK.muted);
      if (link.others.length) cy = noteLines(g, "另有 also " + link.others.join("、"), x + 9, cy, w - 18, INK.muted);
    }
    const h = Math.max(cy - y + 6, 40);
    frame.setAttribute("height", h);
    focusable(head, "环节 " + link.label + (link.gap ? "：缺失 gap" : ""), function () { select("link", link.id); });
    frame.addEventListener("click", function () { select("link", link.id); });
    return { node: g, height: h };
  }

  function draw() {
    const n = data.columns.length;
    const pad = 12;
    const available = Math.max(board.clientWidth - 2 * pad - 2, 400);
    // roomy columns where they fit; otherwise narrower ones and gutters, so that a long chain
    // still fits the window before it has to scroll
    const fit = n * ROOMY.column + (n - 1) * ROOMY.gutter <= available ? ROOMY : TIGHT;
    const gutter = fit.gutter;
    const colW = Math.max(fit.column, Math.min(320, Math.floor((available - gutter * (n - 1)) / Math.max(n, 1))));
    const root = svg("svg", { xmlns: SVG, "font-family": FONT, role: "img", id: "ch-svg-root",
      "aria-label": data.title });
    root.appendChild(svg("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#fff" }));
    const defs = svg("defs");
    const marker = svg("marker", { id: "ch-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: INK.line }));
    defs.appendChild(marker);
    root.appendChild(defs);
    const edges = svg("g", { class: "edges" });
    root.appendChild(edges);
    const anchors = new Map();
    const headH = data.columns.every(function (col) {
      return width(col.label, SIZE.head, true) + width("9 环节 · 9 缺失", SIZE.meta) + 26 <= colW;
    }) ? 30 : 46;
    let bottom = 0;
    data.columns.forEach(function (col, i) {
      const x = pad + i * (colW + gutter);
      const head = svg("g", { class: "column-head" });
      const gaps = col.links.filter(function (id) { return links.get(id).gap; }).length;
      const summary = col.links.length + " 环节" + (gaps ? " · " + gaps + " 缺失" : "");
      const oneLine = headH === 30;
      head.appendChild(svg("rect", { x: x, y: 8, width: colW, height: headH, rx: 4, fill: "#e9edf3" }));
      head.appendChild(label(col.label, x + 9, 28, SIZE.head, INK.text, true));
      head.appendChild(oneLine ? label(summary, x + colW - width(summary, SIZE.meta) - 8, 28, SIZE.meta, INK.muted)
        : label(summary, x + 9, 45, SIZE.meta, INK.muted));
      root.appendChild(head);
      let y = headH + 18;
      col.links.forEach(function (id) {
        const link = links.get(id);
        const indent = Math.min(link.depth, 3) * 10;
        const card = linkCard(link, x + indent, y, colW - indent);
        root.appendChild(card.node);
        anchors.set(id, { left: x + indent, right: x + colW, y: y + 15, column: i });
        y += card.height + 10;
      });
      bottom = Math.max(bottom, y);
    });
    data.links.forEach(function (link) {
      const a = anchors.get(link.id);
      link.supplies.forEach(function (to) {
        const b = anchors.get(to);
        let d;
        if (b.column > a.column) {
          const mid = (a.right + b.left) / 2;
          d = "M" + a.right + "," + a.y + " C" + mid + "," + a.y + " " + mid + "," + b.y + " " + (b.left - 1) + "," + b.y;
        } else {
          const out = Math.max(a.right, b.right) + gutter / 2 - 4;
          d = "M" + a.right + "," + a.y + " C" + out + "," + a.y + " " + out + "," + b.y + " " + (b.right + 1) + "," + b.y;
        }
        const dashed = link.gap || links.get(to).gap;
        edges.appendChild(svg("path", { d: d, fill: "none", stroke: INK.line, "stroke-width": 1.4,
          "stroke-dasharray": dashed ? "4 3" : "none", "marker-end": "url(#ch-arrow)", "data-from": link.id, "data-to": to }));
      });
    });
    const w = pad * 2 + n * colW + (n - 1) * gutter;
    root.setAttribute("width", w);
    root.setAttribute("height", bottom + 8);
    root.setAttribute("viewBox", "0 0 " + w + " " + (bottom + 8));
    board.replaceChildren(root);
    if (selected) mark(selected);
  }

  // ---- Selection: the box(es), the table row(s), the details --------------------------
  function mark(sel) {
    board.querySelectorAll("[data-selected]").forEach(function (r) {
      r.removeAttribute("data-selected");
      r.setAttribute("stroke-width", r.dataset.width);
      r.setAttribute("stroke", r.dataset.stroke);
    });
    const attr = sel.type === "project" ? "data-project" : sel.type === "enterprise" ? "data-enterprise" : "data-link";
    const groups = sel.type === "link" ? board.querySelectorAll('g.link[data-link="' + sel.id + '"]')
      : board.querySelectorAll("g[" + attr + '="' + sel.id + '"]');
    groups.forEach(function (g) {
      const r = g.querySelector("rect");
      r.dataset.width = r.getAttribute("stroke-width") || "0";
      r.dataset.stroke = r.getAttribute("stroke") || "none";
      r.setAttribute("data-selected", "true");
      r.setAttribute("stroke", "#111");
      r.setAttribute("stroke-width", 3);
    });
    rows.forEach(function (r) {
      const on = (sel.type === "project" && r.row.project === sel.id) || (sel.type === "enterprise" && r.row.enterprise === sel.id);
      r.tr.classList.toggle("selected", on);
    });
    return groups;
  }

  function select(type, id, fromTable) {
    selected = { type: type, id: id };
    const groups = mark(selected);
    if (groups.length) groups[0].scrollIntoView({ block: "nearest", inline: "nearest" });
    if (!fromTable) {
      const row = rows.find(function (r) { return r.tr.classList.contains("selected"); });
      if (row) row.tr.scrollIntoView({ block: "nearest" });
    }
    showDetails(type, id);
  }

  const details = document.getElementById("ch-details");
  function buttons(dd, ids, type, table) {
    if (!ids.length) dd.textContent = "—";
    ids.forEach(function (id) {
      const b = el("button", table.get ? table.get(id).label : table[id].label);
      b.type = "button";
      b.addEventListener("click", function () { select(type, id); });
      dd.appendChild(b);
    });
  }
  function field(dl, term, value) {
    dl.appendChild(el("dt", term));
    const dd = el("dd", typeof value === "string" ? value : null);
    if (typeof value === "function") value(dd);
    dl.appendChild(dd);
  }
  function evidence(items, mentions) {
    return RK.evidence(items, mentions, data.sentences, data.reports, PAGE);
  }
  function showDetails(type, id) {
    details.replaceChildren();
    const dl = el("dl");
    let item;
    if (type === "project") {
      item = data.projects[id];
      details.append(el("h2", item.label), el("div", "项目 project", "kind"));
      field(dl, "环节 link", function (dd) { buttons(dd, item.links, "link", links); });
      field(dl, "企业 owner", function (dd) { buttons(dd, item.owners, "enterprise", data.enterprises); });
      field(dl, "地点 place", item.places.join("、"));
      field(dl, "产能 capacity", item.capacity || "—");
      field(dl, "阶段 stage", [item.stage, item.year ? item.year + "年报告" : "", item.kind].filter(Boolean).join(" · ") || "—");
      field(dl, "产业 industry", item.industry);
    } else if (type === "enterprise") {
      item = data.enterprises[id];
      details.append(el("h2", item.label), el("div", "企业 enterprise", "kind"));
      field(dl, "项目 projects", function (dd) { buttons(dd, item.projects, "project", data.projects); });
    } else {
      item = links.get(id);
      details.append(el("h2", item.label), el("div", "环节 link · " + (item.gap ? "缺失 gap：本地区无项目、无企业 no project, no enterprise here" : "有项目 present"), "kind"));
      if (item.planned) field(dl, "规划 plans", "报告提出发展 the reports say it is planned");
      field(dl, "供应 supplies", function (dd) {
        buttons(dd, item.supplies, "link", links);
        if (item.suppliesText) dd.appendChild(el("div", "（模型 model：" + item.suppliesText + "）", "note"));
      });
      field(dl, "来自 supplied by", function (dd) { buttons(dd, item.suppliedBy, "link", links); });
      if (item.broader.length) field(dl, "属于 kind of", function (dd) { buttons(dd, item.broader, "link", links); });
      field(dl, "项目 projects", function (dd) { buttons(dd, item.projects, "project", data.projects); });
      if (item.via.length) field(dl, "经 via", function (dd) { buttons(dd, item.via, "link", links); });
    }
    details.appendChild(dl);
    details.appendChild(evidence(item.evidence, [item.label].concat(item.names || [])));
  }

  // ---- Gap list ------------------------------------------------------------------------
  const gapBox = document.getElementById("ch-gaps");
  gapBox.appendChild(el("h2", "缺失环节 gaps（" + data.gaps.length + "）"));
  gapBox.appendChild(el("p", (data.allRegions ? "全国没有项目或企业的环节" : data.region + "（含下辖地区与园区）没有项目或企业的环节")
    + " · links with no project and no enterprise (missing-links)"));
  const gapList = el("ul");
  data.links.filter(function (l) { return l.gap; }).forEach(function (l) {
    const li = el("li");
    const b = el("button");
    b.type = "button";
    b.dataset.link = l.id;
    b.appendChild(el("strong", l.label));
    if (l.planned) b.appendChild(el("span", "已规划 planned", "badge"));
    if (l.suppliesText) b.appendChild(el("div", "→ " + l.suppliesText, "supplies"));
    b.addEventListener("click", function () { select("link", l.id); });
    li.appendChild(b);
    gapList.appendChild(li);
  });
  gapBox.appendChild(gapList);

  // ---- Table: sortable, keyboard too; CSV of its rows in the order shown ----------------
  const COLUMNS = [
    { key: "link", label: "环节 link" }, { key: "region", label: "地区 region" },
    { key: "projectLabel", label: "项目 project" }, { key: "owner", label: "企业 owner" },
    { key: "capacity", label: "产能 capacity", num: "capacityValue" }, { key: "stage", label: "阶段 stage" },
    { key: "year", label: "年份 year", num: "year" }, { key: "evidence", label: "证据 evidence" }];
  const tbody = document.querySelector("#ch-table tbody");
  const rows = data.rows.map(function (row, index) {
    const r = Object.assign({}, row, { projectLabel: data.projects[row.project].label,
      owner: row.enterprise ? data.enterprises[row.enterprise].label : "" });
    const tr = el("tr");
    tr.dataset.project = row.project;
    COLUMNS.forEach(function (c) {
      const td = el("td", c.key === "evidence" ? null : r[c.key], c.num ? "num" : c.key);
      if (c.key === "evidence") { td.appendChild(el("p", r.evidence)); td.appendChild(el("small", r.cite)); td.title = r.evidence; }
      tr.appendChild(td);
    });
    tr.addEventListener("click", function () { select("project", row.project, true); });
    return { row: r, tr: tr, index: index };
  });
  const headRow = document.querySelector("#ch-table thead tr");
  let sortKey = null;
  let sortDir = 1;
  COLUMNS.forEach(function (c) {
    const th = el("th");
    th.scope = "col";
    th.setAttribute("aria-sort", "none");
    const b = el("button", c.label);
    b.type = "button";
    b.dataset.key = c.key;
    b.addEventListener("click", function () { sortBy(c); });
    th.appendChild(b);
    headRow.appendChild(th);
  });
  function value(r, c) {
    if (c.num) { const v = r.row[c.num]; return v === null || v === "" ? null : Number(v); }
    return String(r.row[c.key] || "");
  }
  function sortBy(c) {
    sortDir = sortKey === c.key ? -sortDir : 1;
    sortKey = c.key;
    headRow.querySelectorAll("th").forEach(function (th, i) {
      th.setAttribute("aria-sort", COLUMNS[i].key === c.key ? (sortDir > 0 ? "ascending" : "descending") : "none");
    });
    rows.sort(function (a, b) {
      const x = value(a, c), y = value(b, c);
      let d;
      if (x === null || y === null || x === "" || y === "") d = (x === null || x === "") - (y === null || y === "");
      else d = sortDir * (c.num ? x - y : x.localeCompare(y, "zh"));
      return d || a.index - b.index;
    });
    fillTable();
  }
  function fillTable() {
    const frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r.tr); });
    tbody.replaceChildren(frag);
  }
  fillTable();
  document.getElementById("ch-rows").textContent = "（" + rows.length + " 行 rows, chain-enterprises）";

  const sums = document.querySelector("#ch-sums tbody");
  data.sums.forEach(function (s) {
    const tr = el("tr");
    [s.link, s.region, s.unit, s.text, s.projects].forEach(function (x, i) { tr.appendChild(el("td", x, i >= 3 ? "num" : null)); });
    sums.appendChild(tr);
  });
  if (!data.sums.length) sums.appendChild(el("tr")).appendChild(el("td", "没有产能数据 no capacities")).colSpan = 5;

  // ---- Exports, made in the page (no request) ------------------------------------------
  const download = RK.download;
  const stem = RK.stem([data.chain, data.region]);
  function csvCell(x) {
    let s = x === null || x === undefined ? "" : String(x);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;           // a spreadsheet must not read it as a formula
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function csv() {
    const head = ["link", "region", "place", "project", "owner", "industry", "capacity", "stage", "year", "kind", "evidence", "report"];
    const lines = [head.join(",")];
    rows.forEach(function (r) {
      const x = r.row;
      lines.push([x.link, x.region, x.place, x.projectLabel, x.owner, x.industry, x.capacity, x.stage, x.year, x.kind,
        x.evidence, x.cite].map(csvCell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function svgText() {
    const copy = board.querySelector("svg").cloneNode(true);
    copy.querySelectorAll("[tabindex]").forEach(function (n) { n.removeAttribute("tabindex"); });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }
  document.getElementById("ch-csv").addEventListener("click", function () {
    download(new Blob([csv()], { type: "text/csv;charset=utf-8" }), stem + ".csv");
  });
  document.getElementById("ch-svg").addEventListener("click", function () {
    download(new Blob([svgText()], { type: "image/svg+xml" }), stem + ".svg");
  });
  document.getElementById("ch-png").addEventListener("click", function () {
    const root = board.querySelector("svg");
    const w = Number(root.getAttribute("width")), h = Number(root.getAttribute("height"));
    const url = URL.createObjectURL(new Blob([svgText()], { type: "image/svg+xml" }));
    const img = new Image();
    img.onload = function () {
      const canvas = el("canvas");
      canvas.width = w * 2;
      canvas.height = h * 2;
      const ctx = canvas.getContext("2d");
      ctx.scale(2, 2);
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, w, h);
      ctx.drawImage(img, 0, 0, w, h);
      URL.revokeObjectURL(url);
      canvas.toBlob(function (blob) { download(blob, stem + ".png"); }, "image/png");
    };
    img.src = url;
  });

  const present = data.links.filter(function (l) { return !l.gap; }).length;
  document.getElementById("ch-count").textContent = data.links.length + " 环节 links · " + present + " 有项目 present · "
    + data.gaps.length + " 缺失 gaps · " + Object.keys(data.projects).length + " 项目 projects";
  let pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  });
  draw();
  window.regionkgChain = { data: data, select: select, csv: csv, svg: svgText };
  document.body.dataset.ready = "true";
})();

// RegionKG timeline page. Every string here came from report text: it is only ever
// shown through textContent, never parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("tl-data").textContent);
  const stages = new Map(data.stages.map(function (s) { return [s.id, s]; }));

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function stageLabel(id) { return stages.has(id) ? stages.get(id).label : id; }

  function describe(project, year, cell) {
    const parts = [];
    if (cell.done) parts.push("已完成 " + stageLabel(cell.done));
    if (cell.target) parts.push("目标 " + stageLabel(cell.target));
    return project.name + " " + year + "：" + parts.join("；");
  }

  // One cell: the done stage filled, else the target outlined; a done cell with a target too
  // carries a badge in the target's colour.
  function cellButton(project, year, cell) {
    const shown = cell.done || cell.target;
    const button = el("button", stageLabel(shown), "cell " + (cell.done ? "done" : "target") + " stage-" + shown);
    button.type = "button";
    button.dataset.project = project.name;
    button.dataset.year = year;
    button.title = describe(project, year, cell);
    button.setAttribute("aria-label", button.title);
    if (cell.done && cell.target) button.appendChild(el("span", null, "badge stage-" + cell.target));
    button.addEventListener("click", function () { show(project, year, button); });
    return button;
  }

  const headRow = document.querySelector("#tl-grid thead tr");
  data.years.forEach(function (year) {
    const th = el("th", year);
    th.scope = "col";
    headRow.appendChild(th);
  });
  const body = document.createDocumentFragment();
  const rows = data.projects.map(function (project) {
    const tr = el("tr");
    const name = el("th", project.name);
    name.scope = "row";
    tr.appendChild(name);
    data.years.forEach(function (year) {
      const td = el("td");
      const cell = project.cells[year];
      if (cell) td.appendChild(cellButton(project, year, cell));
      tr.appendChild(td);
    });
    body.appendChild(tr);
    return { project: project, tr: tr };
  });
  document.querySelector("#tl-grid tbody").appendChild(body);
  document.getElementById("tl-empty").hidden = rows.length > 0;

  // Details panel: every statement of the project in that year.
  const details = document.getElementById("tl-details");
  let selected = null;
  function show(project, year, button) {
    const cell = project.cells[year];
    if (!cell) return;
    if (selected) selected.classList.remove("selected");
    selected = button || null;
    if (selected) selected.classList.add("selected");
    details.replaceChildren();
    details.appendChild(el("h2", project.name));
    details.appendChild(el("div", year + " · " + cell.statements.length + " 条记录 statements"));
    cell.statements.forEach(function (s) {
      const item = el("section", null, "statement " + s.kind);
      item.appendChild(el("div", data.kindLabels[s.kind] + " · " + stageLabel(s.stage), "kind"));
      const quote = el("blockquote");
      quote.appendChild(el("p", s.evidence, "evidence"));
      quote.appendChild(el("cite", "— " + s.report));
      item.appendChild(quote);
      details.appendChild(item);
    });
  }

  // Filter: rows whose project name contains the text.
  const filter = document.getElementById("tl-filter");
  const count = document.getElementById("tl-count");
  function applyFilter() {
    const text = filter.value.trim();
    let shown = 0;
    rows.forEach(function (r) {
      r.tr.hidden = text !== "" && r.project.name.indexOf(text) < 0;
      if (!r.tr.hidden) shown++;
    });
    count.textContent = shown + " / " + rows.length + " 项目 projects · " + data.years.length + " 年 years";
  }
  filter.addEventListener("input", applyFilter);
  applyFilter();

  window.regionkgTimeline = { data: data, show: function (name, year) {
    const r = rows.find(function (x) { return x.project.name === name; });
    if (r) show(r.project, year, Array.from(r.tr.querySelectorAll("button.cell"))
      .find(function (b) { return b.dataset.year === year; }));
  } };
  document.body.dataset.ready = "true";
})();

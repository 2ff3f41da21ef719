// Helpers shared by RegionKG's pages. Every string they show came from report text: it
// is only ever set as textContent, never parsed as HTML.
const RK = (function () {
  "use strict";
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  // The sentence with every given name marked (the longest name first where two start together).
  function highlighted(text, mentions) {
    const p = el("p");
    const names = mentions.filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    let plain = "";
    let i = 0;
    while (i < text.length) {
      const hit = names.find(function (n) { return text.startsWith(n, i); });
      if (hit) {
        if (plain) p.appendChild(document.createTextNode(plain));
        plain = "";
        p.appendChild(el("mark", hit));
        i += hit.length;
      } else {
        plain += text[i];
        i++;
      }
    }
    if (plain) p.appendChild(document.createTextNode(plain));
    return p;
  }
  // 通辽市 2025年 · (title): whose report, which year.
  function cite(report) {
    if (!report) return "— 来源未详 source unknown";
    return "— " + [report.region, report.year ? report.year + "年" : "", "·", report.title].filter(Boolean).join(" ");
  }
  // A pager over evidence items (indexes into sentences: [text, report index]).
  function evidence(items, mentions, sentences, reports, pageSize) {
    const box = el("section", null, "evidence");
    box.appendChild(el("h3", "原文证据 evidence（" + items.length + " 条 items）"));
    const list = el("div");
    const pager = el("div", null, "pager");
    let page = 0;
    function render() {
      list.replaceChildren();
      items.slice(page * pageSize, page * pageSize + pageSize).forEach(function (i) {
        const s = sentences[i];
        const q = el("blockquote");
        q.appendChild(highlighted(String(s[0]), mentions));
        q.appendChild(el("cite", cite(reports[s[1]])));
        list.appendChild(q);
      });
      pager.replaceChildren();
      if (items.length > pageSize) {
        const prev = el("button", "‹ 上一页 prev", "more");
        const next = el("button", "下一页 next ›", "more");
        prev.disabled = page === 0;
        next.disabled = (page + 1) * pageSize >= items.length;
        prev.addEventListener("click", function () { page--; render(); });
        next.addEventListener("click", function () { page++; render(); });
        pager.append(prev, el("span", (page * pageSize + 1) + "–" + Math.min(items.length, (page + 1) * pageSize) +
          " / " + items.length), next);
      }
    }
    render();
    box.append(list, pager);
    return box;
  }
  let lastUrl = null;
  // Saves a blob made in the page as a file (no request leaves the page).
  function download(blob, name) {
    if (lastUrl) URL.revokeObjectURL(lastUrl);
    lastUrl = URL.createObjectURL(blob);
    const a = el("a");
    a.href = lastUrl;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  // A file name from any text.
  function stem(parts) {
    return ["regionkg"].concat(parts).filter(Boolean).join("-").replace(/[\\/:*?"<>|\s]+/g, "_");
  }
  return { el: el, highlighted: highlighted, cite: cite, evidence: evidence, download: download, stem: stem };
})();

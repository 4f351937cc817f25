/* The team roll-up's grid (.pb-rollup__grid: per partnership and checklist, median, range, respondents, "Disagree")
 * and, below it, the agenda (.pb-rollup__agenda: for each flagged cell, the items answered furthest apart). Band
 * colours are the board's (pbPortfolio.bandClass). */
(function (kit) {
  "use strict";
  if (!kit) return;  // playbook.js did not load: the plain page stays
  var el = kit.el;

  // One cell: median and band, range, the other side's scores, respondents, and the flag.
  function cell(r, td, c, d) {
    var n = c.people.filter(function (p) { return !r.other(p.entry); }).length, none = n - c.scores.length;
    if (c.band && r.api.bandClass) td.className += " " + r.api.bandClass(d, c.band);  // the board's band colours
    if (c.disagree) td.classList.add("pb-rollup__cell--disagree");
    td.append(el("div", {}, c.median === null ? "No score" : "Median " + c.median + "%" + (c.band ? ": " + c.band.label : "")));
    if (c.scores.length > 1) td.append(el("div", {}, "Range " + c.min + "\u2013" + c.max + "%"));
    if (c.theirs.length) td.append(el("div", { "class": "pb-rollup__theirs" }, "The " + r.sideName() + ": " +
      c.theirs.map(function (v) { return v + "%"; }).join(", ")));
    td.append(el("div", {}, n + (n === 1 ? " respondent" : " respondents") + (none ? ", " + none + " without a score" : "")));
    if (!c.disagree) return;
    var flag = el("strong", { "class": "pb-rollup__flag" });
    flag.append(el("span", { "aria-hidden": "true" }, "\u26a0 "), "Disagree: " + c.spread + " points apart");
    td.append(flag);
  }

  function grid(r, rows, used) {
    var t = el("table", { "class": "pb-rollup__grid" }), head = el("tr");
    head.append(el("th", { scope: "col" }, "Partnership"));
    used.forEach(function (d) {
      var th = el("th", { scope: "col" });
      th.append(el("a", { href: d.url }, d.title));
      head.append(th);
    });
    var body = r.table(t, head);
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.append(el("th", { scope: "row" }, r.rowName(row, "Partnership not named")));
      used.forEach(function (d) {
        var c = row.cells[d.id], td = el("td", { "class": "pb-rollup__cell", "data-pb-checklist": d.id });
        tr.append(td);
        if (c) cell(r, td, c, d); else td.append("No files");
      });
      body.append(tr);
    });
    return r.scroll(t, "pb-rollup-grid-caption", "Team roll-up: median score, range and respondents per partnership and " +
      "checklist, from " + r.nFiles(r.entries.length));
  }

  // Where a flagged cell comes from: the items answered furthest apart, with who gave which answer.
  function agenda(r, box, rows, used) {
    var flagged = [];
    rows.forEach(function (row) {
      used.forEach(function (d) { var c = row.cells[d.id]; if (c && c.disagree) flagged.push({ row: row, c: c }); });
    });
    if (!flagged.length) return;
    var ul = el("ul");
    box.append(el("h3", {}, "Where respondents disagree"), ul);
    flagged.forEach(function (f) {
      var li = el("li"), ol = el("ol"), widest = r.apart(f.c).slice(0, 3);
      li.append(el("strong", {}, r.rowName(f.row, "Partnership not named") + ", " + f.c.data.title), ol);
      if (!widest.length) ol.append(el("li", {}, "No item was answered apart: the scores differ because some " +
        "respondents left items open or marked them not applicable."));
      widest.forEach(function (x) {
        ol.append(el("li", {}, x.item.text + " \u2014 " + x.points + " points apart (" + x.people.map(function (p) {
          return r.who(p.entry) + ": " + window.pbLabel(p.entry.got.data, r.answersOf(p.entry)[x.item.id]);
        }).join("; ") + ")"));
      });
      ul.append(li);
    });
  }

  kit.part("rollup", "grid", function (r) {
    var box = el("div"), flags = el("div", { "class": "pb-rollup__agenda" });
    r.root.append(box, flags);
    r.draws.push(function (rows, used) {
      box.textContent = "";
      flags.textContent = "";
      if (!rows.length) { box.append(el("p", {}, "No files rolled up yet.")); return; }
      box.append(grid(r, rows, used));
      agenda(r, flags, rows, used);
    });
  });
})(window.pbKit);

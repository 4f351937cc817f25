/* The comparison component's history: dated snapshots of the answers, their trend per section (a table and a chart),
 * and the history as a file (export; import merged by date, validated like every file people import). */
(function (kit) {
  "use strict";
  var el = kit.el, svg = kit.svg, fmt = kit.fmt, score = window.pbScore, HISTORY = "partnership-playbook/history";

  function snaps(n) { return n + (n === 1 ? " snapshot" : " snapshots"); }

  // A history file's text checked against this checklist, merged into the snapshots saved here (by date: those already
  // here are kept, never replaced) and saved; returns what to tell the reader.
  function merge(c, text) {
    var data = c.data, doc;
    try { doc = JSON.parse(text); } catch (e) { return "The history file is not JSON; nothing was imported."; }
    if (!doc || doc.format !== HISTORY || !Array.isArray(doc.snapshots)) {
      return "The file is not a Partnership Playbook history export; nothing was imported.";
    }
    if (!doc.checklist || doc.checklist.id !== data.id) {
      var named = doc.checklist && typeof (doc.checklist.title || doc.checklist.id) === "string" ? String(doc.checklist.title || doc.checklist.id).slice(0, 80) : "";
      return "The history file is for another checklist" + (named ? " (\u201c" + named + "\u201d)" : "") + ", not \u201c" +
        data.title + "\u201d; nothing was imported." + (named ? " Open the " + named + " checklist and import it there." : "");
    }
    // A history is one side's view over time: the other side's cannot join ours (compare their export instead).
    if (doc.side === "partner" && !kit.side() && !c.person) {
      return "The history file holds the partner's snapshots (it was exported from the partner edition), not yours; " +
        "nothing was imported. To set their view against yours, compare their assessment export.";
    }
    var out = [], bad = 0;
    doc.snapshots.forEach(function (s) {
      var when = s && typeof s.date === "string" && !isNaN(Date.parse(s.date)), got = window.pbClean(data, s);
      if (!when || got.invalid.length || got.wrong.length) bad++; else out.push({ date: new Date(s.date).toISOString(), answers: got.answers, notes: got.notes });
    });
    if (bad) return bad + " snapshot(s) have a bad date or answer; nothing was imported.";
    // Merged into the list as stored when it is written (read-modify-write, as every edit): a snapshot another tab
    // saved meanwhile stays. Counted the first time the edit runs (the store runs it again over later reads while
    // storage is full).
    var added = -1, ok = c.store.update(c.histKey(), function (list) {
      var have = (list || []).slice(), dates = Object.create(null), n = 0;
      have.forEach(function (s) { dates[s.date] = true; });
      out.forEach(function (s) { if (!dates[s.date]) { dates[s.date] = true; have.push(s); n++; } });
      if (added < 0) added = n;
      return have.sort(function (p, q) { return p.date < q.date ? -1 : p.date > q.date ? 1 : 0; });
    });
    c.drawHistory();
    // Not written (storage full or turned off): the store keeps the snapshots on this page and writes them once it can.
    if (!ok && added) return "Could not save " + snaps(added) + ": the browser refused to store " + (added > 1 ? "them" : "it") +
      " (storage full or turned off). Shown on this page until you leave it, and saved as soon as the browser lets it; " +
      "your file is untouched, so you can import it again.";
    return "Imported " + snaps(added) + (out.length > added ? "; " + (out.length - added) + " were already here." : ".");
  }

  // The trend of each section over the snapshots: first, latest, the word for it, and a line per section.
  function draw(c, trend) {
    var data = c.data, list = c.snapshots();
    trend.textContent = "";
    if (!list.length) { trend.append(el("p", {}, "No snapshots yet. Save one after each review.")); return; }
    var scores = list.map(function (s) { return score(data, window.pbClean(data, s).answers); });
    var table = el("table", { "class": "pb-trend__table" }), head = el("tr");
    head.append(el("th", { scope: "col" }, "Section"), el("th", { scope: "col" }, "First"),
      el("th", { scope: "col" }, "Latest"), el("th", { scope: "col" }, "Trend"));
    table.append(head);
    var W = kit.chartWidth(), w = W - 40, y0 = 0;
    var chart = svg("svg", { "class": "pb-chart pb-chart--trend", role: "img", width: "100%",
      "aria-label": "Section scores over " + snaps(list.length) });
    data.sections.forEach(function (s) {
      var series = scores.map(function (r) { return r.sections[s.id]; }).filter(function (v) { return v !== null; });
      var first = series[0], last = series[series.length - 1], word = "not enough data";
      if (series.length > 1) word = last - first >= 5 ? "improving" : first - last >= 5 ? "declining" : "stable";
      var row = el("tr", { "data-pb-section": s.id });
      row.append(el("td", {}, s.title), el("td", {}, fmt(first === undefined ? null : first)),
        el("td", {}, fmt(last === undefined ? null : last)), el("td", {}, word));
      table.append(row);
      y0 += kit.caption(chart, s.title, 0, y0, W === 600 ? 70 : 44);
      if (series.length) chart.append(svg("polyline", { "class": "pb-chart__line", fill: "none", points: series.map(function (v, k) {
        return (series.length > 1 ? k * w / (series.length - 1) : 0) + "," + (y0 + 24 - v * 0.24); }).join(" ") }));
      y0 += 32;
    });
    chart.setAttribute("viewBox", "0 0 " + W + " " + y0);
    trend.append(el("p", {}, snaps(list.length) + ", " + kit.localDay(list[0].date) + " to " + kit.localDay(list[list.length - 1].date) + "."), table, chart);
  }

  kit.part("comparison", "history", function (c) {
    var data = c.data, store = c.store, hist = el("div", { "class": "pb-history" }), tools = el("div", { "class": "pb-compare__tools" });
    var trend = el("div", { "class": "pb-trend" }), file = el("input", { type: "file", accept: ".json,application/json",
      id: "pb-history-file-" + data.id, tabindex: "-1", "aria-label": "Import history" });
    c.root.append(el("h3", {}, "History"), hist);
    hist.append(tools, trend);
    c.drawHistory = function () { draw(c, trend); };
    c.button(tools, "Save snapshot", function () {
      var st = c.api.state(), snap = { date: new Date().toISOString(), answers: st.answers, notes: st.notes };
      store.update(c.histKey(), function (list) { return (list || []).concat([snap]); });
      c.drawHistory();
    });
    tools.append(file);
    kit.menu(tools, "More", "More history actions", [["Export history", c.act(function () {
      var name = c.person ? undefined : c.current().name;
      kit.download(kit.fileName(data, name, "history", "json"), "application/json",
        JSON.stringify({ format: HISTORY, formatVersion: 1, checklist: { id: data.id, version: data.version, title: data.title },
          partnership: name, side: kit.side() || undefined, snapshots: c.snapshots() }, null, 2));
    })], ["Import history", c.act(function () { file.click(); })]]);
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      file.value = "";
      if (!f) return;
      if (f.size > kit.MAX_IMPORT) { c.alert.textContent = "The history file is larger than 1 MB, so it was not read."; return; }
      f.text().then(function (text) { c.alert.textContent = merge(c, text); });
    });
  });
})(window.pbKit);

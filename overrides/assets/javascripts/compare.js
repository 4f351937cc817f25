/* Partnership Playbook: two sides of one assessment, several partnerships, history.
 *
 * Builds on the checklist component (form.pbAssessment, window.pbScore, pbParseExport).
 * A checklist about a person (api.person, `about: person`) has no partnerships: comparison and history only,
 * its history kept under pb:history:<cid>:me (pbKit.PERSON), whatever partnership is current elsewhere.
 * Every file a user imports is untrusted: it is parsed and validated, shown
 * only through textContent, and a rejected file changes nothing saved.
 */
(function () {
  "use strict";

  var HISTORY = "partnership-playbook/history";
  
  function mount(form) {
    var api = form.pbAssessment, data = api.data, store = api.store, kit = window.pbKit, person = api.person;
    var el = kit.el, svg = kit.svg, fmt = kit.fmt, score = window.pbScore;
    // A partnership's comparison is shown to the partner: it is drawn from the shared items only (kit.forPartner), and
    // internal items are listed apart, in our own view, folded and never printed. A person compares with a colleague.
    var open = person ? data : kit.forPartner(data), items = [], own = [], byItem = {};
    open.sections.forEach(function (s) { s.items.forEach(function (i) { items.push({ item: i, section: s }); }); });
    data.sections.forEach(function (s) { s.items.forEach(function (i) { byItem[i.id] = i; if (i.internal && !person) own.push(i); }); });

    // Through the one store (store.js): a write the browser refuses stays on screen and in memory, and says so.
    function read(k, fallback) { var v = store ? store.get(k) : undefined; return v === undefined ? fallback : v; }
    function write(k, v) { if (store) store.set(k, v); return !!store; }

    // Tools, not results: folded away until asked for, open by itself once there is more than one partnership
    // or a saved snapshot (then the picker says whose answers are on screen).
    var root = el("details", { "class": "pb-compare pb-fold" }), head = el("summary");
    head.append(el("h2", { id: "pb-compare-" + data.id }, person ? "Comparison and history" : "Partnerships, comparison and history"));
    root.append(head);
    var alert = el("p", { "class": "pb-compare__status", role: "alert" });

    /* -- Several partnerships ------------------------------------------------ */
    // Every change reads the latest list first and changes only what the user changed (other tabs may have
    // written since); the other tabs follow through the storage event.
    function registry() { return kit.partnerships(store); }
    var reg = registry();
    var picker = el("select", { id: "pb-partnership-" + data.id, "class": "pb-partnership" });
    function current() { return kit.findPartnership(reg, reg.current) || reg.list[0]; }
    function edit(change) {
      if (!store) { change(reg); return; }
      kit.editPartnerships(store, change);
      reg = registry();
    }
    function fill() {
      picker.textContent = "";
      reg.list.forEach(function (p) {
        var o = el("option", { value: p.id }, p.name);
        if (p.id === reg.current) o.selected = true;
        picker.append(o);
      });
    }
    function histKey() { return kit.historyKey(data.id, person ? kit.PERSON : reg.current); }
    function shown() { fill(); names(); them = null; compare(); api.reload(); drawHistory(); }
    function switchTo(pid) { edit(function (r) { r.current = pid; }); shown(); }
    kit.watch(form, function (e) {
      if (person) { if (e.key === histKey() || e.key === null) drawHistory(); return; }
      if (e.key === "pb:partnerships" || e.key === null) {
        var was = reg.current;
        reg = registry();
        if (reg.current !== was) shown(); else { fill(); names(); }
        if (reg.list.length > 1) root.open = true;
      } else if (e.key === histKey()) drawHistory();
    });
    function button(parent, text, handler) {
      var b = el("button", { type: "button", "class": "md-button" }, text);
      b.addEventListener("click", function () { alert.textContent = ""; handler(); });
      parent.append(b);
      return b;
    }
    var bar = el("div", { "class": "pb-compare__tools" });
    bar.append(el("label", { "for": picker.id }, "Partnership "), picker);
    picker.addEventListener("change", function () { switchTo(picker.value); });
    button(bar, "New partnership", function () {
      var name = window.pbStore.name(window.prompt("Name of the new partnership:") || "");
      if (!name) return;
      var pid = "p" + Date.now().toString(36), was = current().name;
      edit(function (r) { r.list.push({ id: pid, name: name }); r.current = pid; });
      shown();
      barStatus.textContent = "Started a new partnership: " + name + ". Your answers for " + was + " are kept; choose it above to go back.";
      // The reader starts answering for it: at the first item, not where the button was.
      var first = form.querySelector(".pb-item input");
      if (first) { first.focus({ preventScroll: true }); first.closest(".pb-item").scrollIntoView({ block: "center" }); }
    });
    function act(handler) { return function () { alert.textContent = ""; barStatus.textContent = ""; handler(); }; }
    // Rename and delete are pbKit's, shared with the portfolio board.
    kit.menu(bar, "More", "More partnership actions", [["Rename", act(function () {
      barStatus.textContent = kit.renamePartnership(store, current().id);
      reg = registry();
      fill();
      api.reload();
    })], ["Delete", act(function () {
      kit.deletePartnership(store, current().id, barStatus, function () { reg = registry(); shown(); });
      reg = registry();
      shown();
    })]]);
    // Partnership first: whose answers these are comes before the first item, not at the foot of the page.
    var barStatus = el("p", { "class": "pb-partnership-bar__status", role: "status" });
    if (!person) {
      var top = el("div", { "class": "pb-partnership-bar" });
      top.append(bar, barStatus);
      var named = form.querySelector(".pb-for");
      form.insertBefore(top, named ? named.nextSibling : form.querySelector(".pb-section"));
    }

    /* -- Comparing two sides --------------------------------------------------- */
    var cmp = el("div", { "class": "pb-compare__sides" });
    var ours = el("input", { id: "pb-ours-" + data.id, value: "Us", maxlength: "60" });
    var theirs = el("input", { id: "pb-theirs-" + data.id, value: "Partner", maxlength: "60" });
    var threshold = el("input", { id: "pb-threshold-" + data.id, type: "number", min: "1", max: "100", value: "25" });
    var other = el("input", { id: "pb-other-" + data.id, type: "file", accept: ".json,application/json" });
    [[person ? "Your side" : "Our side", ours], ["Their side", theirs], ["Gap threshold (points)", threshold], ["Their export (JSON)", other]]
      .forEach(function (pair) {
        var p = el("p");
        var file = pair[1].type === "file";
        // A file input is hidden behind its button-like label; it comes first so CSS can ring the label on focus.
        if (file) p.append(pair[1], el("label", { "for": pair[1].id, "class": "md-button" }, pair[0]));
        else p.append(el("label", { "for": pair[1].id }, pair[0] + " "), pair[1]);
        cmp.append(p);
      });
    var result = el("div", { "class": "pb-compare__result" });
    cmp.append(result);
    root.append(el("h3", {}, person ? "Compare with someone else's answers" : "Compare with the other side"), cmp);
    var them = null;

    function pct(v) { return typeof v === "number" ? Math.round(v / data.max * 100) : null; }
    function compare() {
      result.textContent = "";
      if (!them) return;
      // A file from the other side answered each item from its side: read in our frame (pbKit.align), its answer
      // set against ours to an item about one side is its answer to that item's mirror, about the same company.
      var view = kit.align(data, them), other = view.answers, across = them.side !== kit.side();
      var mine = api.state().answers, limit = Number(threshold.value) || 25, rows = [];
      items.forEach(function (x) {
        var a = mine[x.item.id], b = other[x.item.id], pa = pct(a), pb = pct(b), kind, gap = 0;
        if (a === undefined && b === undefined) return;
        if (a === undefined || b === undefined) kind = "Blind spot: only " + (a === undefined ? theirs.value : ours.value) + " answered";
        else if (pa === null || pb === null) kind = pa === pb ? "Agree" : "Blind spot: one side says not applicable";
        else { gap = Math.abs(pa - pb); kind = gap >= limit ? "Gap of " + gap + " points" : "Agree"; }
        rows.push({ x: x, a: a, b: b, kind: kind, gap: gap });
      });
      var sa = score(open, mine), sb = score(open, other), both = {};
      items.forEach(function (x) {
        var a = mine[x.item.id], b = other[x.item.id];
        if (typeof a === "number" && typeof b === "number") both[x.item.id] = (a + b) / 2;
        else if (typeof a === "number" || typeof b === "number") both[x.item.id] = typeof a === "number" ? a : b;
      });
      var sc = score(open, both);
      result.append(el("p", { "class": "pb-compare__scores" }, ours.value + ": " + fmt(sa.overall) + "; " +
        theirs.value + ": " + fmt(sb.overall) + "; combined: " + fmt(sc.overall) + (sc.band ? " (" + sc.band.label + ")" : "")));
      if (across && items.some(function (x) { return x.item.mirror; })) result.append(el("p", { "class": "pb-compare__mirrors" },
        "Each side answered from its own side. An item about one side is set against the other side's answer about that " +
        "same side (its mirror), never against their answer about themselves. A mirrored pair carries the same weight, so " +
        "the two overall scores cover the same questions about both companies and compare directly: the difference " +
        "between them is how differently the two sides see the partnership."));
      // Overlay chart: two bars per section.
      var W = kit.chartWidth(), h = 0, chart = svg("svg", { "class": "pb-chart pb-chart--compare", role: "img",
        width: "100%", "aria-label": "Section scores, " + ours.value + " and " + theirs.value + ": " +
        open.sections.map(function (s) { return s.title + " " + fmt(sa.sections[s.id]) + " and " + fmt(sb.sections[s.id]); }).join("; ") });
      open.sections.forEach(function (s) {
        h += kit.caption(chart, s.title, 0, h, W === 600 ? 70 : 44);
        chart.append(svg("rect", { "class": "pb-chart__bar", x: 0, y: h, height: 12, width: (W - 40) / 100 * (sa.sections[s.id] || 0) }),
          svg("rect", { "class": "pb-chart__bar pb-chart__bar--other", x: 0, y: h + 14, height: 12, width: (W - 40) / 100 * (sb.sections[s.id] || 0) }));
        h += 34;
      });
      chart.append(svg("text", { x: 0, y: h + 10 }, "upper bar: " + ours.value + ", lower bar: " + theirs.value));
      chart.setAttribute("viewBox", "0 0 " + W + " " + (h + 16));
      result.append(chart);
      var agenda = rows.filter(function (r) { return r.kind !== "Agree"; })
        .sort(function (p, q) { return q.gap - p.gap || q.x.item.weight - p.x.item.weight; });
      result.append(el("h4", {}, "Agenda for the joint review (largest gaps first)"));
      var ol = el("ol", { "class": "pb-agenda" });
      agenda.forEach(function (r) {
        var li = el("li", { "data-pb-kind": kindOf(r.kind) });
        li.append(el("span", {}, r.x.item.text + " \u2014 " + r.kind + " (" + ours.value + ": " + answerText(r.a) +
          ", " + theirs.value + ": " + answerText(r.b) + ") "), el("a", { href: r.x.item.guidance }, "Guidance"));
        ol.append(li);
      });
      if (!agenda.length) ol.append(el("li", {}, "Both sides agree on every item answered."));
      var agreed = rows.length - agenda.length;
      result.append(ol, el("p", {}, agreed + (agreed === 1 ? " item agrees." : " items agree.")));
      if (own.length) {
        var mineOnly = el("details", { "class": "pb-compare__own" }), ul = el("ul");
        mineOnly.append(el("summary", {}, "Our own view: internal items (" + own.length + ")"), ul);
        own.forEach(function (i) {
          ul.append(el("li", {}, i.text + " \u2014 internal, not asked of the partner (" + ours.value + ": " + answerText(mine[i.id]) + ")"));
        });
        result.append(mineOnly);
      }
      // Every item, both sides side by side, grouped by section.
      var table = el("table", { "class": "pb-compare__table" }), head = el("tr");
      ["Item", ours.value, theirs.value, "Status", theirs.value + "\u2019s note"].forEach(function (t) {
        head.append(el("th", { scope: "col" }, t));
      });
      table.append(el("caption", {}, "Both sides, item by item"), head);
      var byId = Object.create(null);
      rows.forEach(function (r) { byId[r.x.item.id] = r; });
      open.sections.forEach(function (s) {
        var sh = el("tr", { "class": "pb-compare__section" });
        sh.append(el("th", { scope: "colgroup", colspan: "5" }, s.title));
        table.append(sh);
        s.items.forEach(function (i) {
          var r = byId[i.id], tr = el("tr", { "data-pb-item": i.id, "data-pb-kind": r ? kindOf(r.kind) : "Unanswered" });
          var text = el("td", {}, i.text);
          if (across && i.mirror) {
            tr.setAttribute("data-pb-mirror", i.mirror);
            text.append(el("span", { "class": "pb-compare__mirror" }, " (" + theirs.value + " answered: \u201c" + byItem[i.mirror].text + "\u201d)"));
          }
          tr.append(text, el("td", {}, answerText(mine[i.id])), el("td", {}, answerText(other[i.id])),
            el("td", {}, r ? r.kind : "Neither side answered"), el("td", {}, view.notes[i.id] || ""));
          table.append(tr);
        });
      });
      var wrap = el("div", { "class": "pb-compare__scroll" });
      wrap.append(table);
      result.append(wrap);
    }
    function kindOf(text) { return text.split(":")[0].split(" of")[0]; }
    function answerText(v) { return v === undefined ? "not answered" : window.pbLabel(data, v); }

    other.addEventListener("change", function () {
      var f = other.files && other.files[0];
      other.value = "";
      if (!f) return;
      window.pbReadExport(f, data).then(function (got) {
        if (!got.ok) { alert.textContent = "Their file was not used. " + got.errors.join(" "); return; }
        them = got;
        // A good file replaces whatever an earlier one left in the status.
        alert.textContent = "Comparing with " + f.name + (got.side !== kit.side() ? ", the " + (got.side ? "partner's" : "other") +
          " side of " + (person ? "this checklist" : current().name) : "") + "." + (got.unknown.length ? " Their file is for checklist version " +
          String(got.version) + "; items this version does not have were left out: " + window.pbStore.few(got.unknown) + "." : "");
        compare();
      });
    });
    [ours, theirs, threshold].forEach(function (i) { i.addEventListener("input", compare); });
    [ours, theirs].forEach(function (i) {
      i.addEventListener("change", function () {
        var pid = current().id, name = i.value.trim().slice(0, 60);
        if (name && !person) edit(function (r) {
          r.list.forEach(function (p) { if (p.id === pid) p[i === ours ? "ours" : "theirs"] = name; });
        });
      });
    });
    function names() {
      var p = person ? { id: kit.PERSON, ours: "Me", theirs: "Them" } : current();
      if (ours !== document.activeElement) ours.value = typeof p.ours === "string" && p.ours ? p.ours : "Us";
      if (theirs !== document.activeElement)
        theirs.value = typeof p.theirs === "string" && p.theirs ? p.theirs : p.id === "default" ? "Partner" : p.name;
    }
    form.addEventListener("change", function () { if (them) compare(); });

    /* -- History: dated snapshots and trends --------------------------------- */
    var hist = el("div", { "class": "pb-history" });
    var histTools = el("div", { "class": "pb-compare__tools" });
    var trend = el("div", { "class": "pb-trend" });
    var histFile = el("input", { type: "file", accept: ".json,application/json", id: "pb-history-file-" + data.id,
      tabindex: "-1", "aria-label": "Import history" });
    root.append(el("h3", {}, "History"), hist);
    hist.append(histTools, trend);
    function snaps(n) { return n + (n === 1 ? " snapshot" : " snapshots"); }
    function snapshots() { var v = read(histKey(), []); return Array.isArray(v) ? v : []; }
    button(histTools, "Save snapshot", function () {
      var st = api.state(), snap = { date: new Date().toISOString(), answers: st.answers, notes: st.notes };
      if (!store) { alert.textContent = "The snapshot could not be saved: browser storage is unavailable."; return; }
      store.update(histKey(), function (list) { return (list || []).concat([snap]); });
      drawHistory();
    });
    histTools.append(histFile);
    kit.menu(histTools, "More", "More history actions", [["Export history", act(function () {
      kit.download(kit.fileName(data, person ? "" : current().name, "history", "json"), "application/json",
        JSON.stringify({ format: HISTORY, formatVersion: 1, checklist: { id: data.id, version: data.version, title: data.title },
          partnership: person ? undefined : current().name, side: kit.side() || undefined, snapshots: snapshots() }, null, 2));
    })], ["Import history", act(function () { histFile.click(); })]]);
    histFile.addEventListener("change", function () {
      var f = histFile.files && histFile.files[0];
      histFile.value = "";
      if (!f) return;
      if (f.size > kit.MAX_IMPORT) { alert.textContent = "The history file is larger than 1 MB, so it was not read."; return; }
      f.text().then(function (text) {
        var doc;
        try { doc = JSON.parse(text); } catch (e) { alert.textContent = "The history file is not JSON; nothing was imported."; return; }
        if (!doc || doc.format !== HISTORY || !Array.isArray(doc.snapshots)) {
          alert.textContent = "The file is not a Partnership Playbook history export; nothing was imported."; return;
        }
        if (!doc.checklist || doc.checklist.id !== data.id) {
          var named = doc.checklist && typeof (doc.checklist.title || doc.checklist.id) === "string" ? String(doc.checklist.title || doc.checklist.id).slice(0, 80) : "";
          alert.textContent = "The history file is for another checklist" + (named ? " (\u201c" + named + "\u201d)" : "") + ", not \u201c" +
            data.title + "\u201d; nothing was imported." + (named ? " Open the " + named + " checklist and import it there." : ""); return;
        }
        // A history is one side's view over time: the other side's cannot join ours (compare their export instead).
        if (doc.side === "partner" && !kit.side() && !person) {
          alert.textContent = "The history file holds the partner's snapshots (it was exported from the partner edition), not yours; " +
            "nothing was imported. To set their view against yours, compare their assessment export."; return;
        }
        var out = [], bad = 0;
        doc.snapshots.forEach(function (s) {
          var when = s && typeof s.date === "string" && !isNaN(Date.parse(s.date));
          var c = window.pbClean(data, s);
          if (!when || c.invalid.length || c.wrong.length) bad++; else out.push({ date: new Date(s.date).toISOString(), answers: c.answers, notes: c.notes });
        });
        if (bad) { alert.textContent = bad + " snapshot(s) have a bad date or answer; nothing was imported."; return; }
        // Merge by date: snapshots already saved here are kept, never replaced.
        var have = snapshots(), dates = {}, added = 0;
        have.forEach(function (s) { dates[s.date] = true; });
        out.forEach(function (s) { if (!dates[s.date]) { dates[s.date] = true; have.push(s); added++; } });
        have.sort(function (p, q) { return p.date < q.date ? -1 : p.date > q.date ? 1 : 0; });
        if (!write(histKey(), have)) { alert.textContent = "Browser storage is unavailable; nothing was imported."; return; }
        alert.textContent = "Imported " + snaps(added) + (out.length > added ? "; " + (out.length - added) + " were already here." : ".");
        drawHistory();
      });
    });

    function drawHistory() {
      trend.textContent = "";
      var list = snapshots();
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

    root.append(alert);
    if (!store) root.append(el("p", { "class": "pb-compare__warning" }, (person ? "History needs" : "Partnerships and history need") +
      " browser storage, which is unavailable here."));
    var results = form.querySelector("[data-pb-results]");
    results.parentNode.insertBefore(root, results.nextSibling);
    fill();
    names();
    drawHistory();
    root.open = (!person && reg.list.length > 1) || snapshots().length > 0;
  }

  function mountAll() {
    if (!window.pbKit) return;  // the kit did not load: the plain page stays
    window.pbKit.mountEach("form[data-pb-checklist]", "data-pb-compare", mount,
      "Comparison could not start; the checklist still works.", function (form) { return form.pbAssessment; });
  }

  document.addEventListener("pb:mounted", mountAll);
  mountAll();
})();

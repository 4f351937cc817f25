/* The comparison component's two sides: an export of the other side (or of a colleague) set against these answers:
 * scores, an overlay chart, the agenda for the joint review, our internal items apart, and every item side by side.
 * A partnership's comparison is shown to the partner: it is drawn from the shared items only (pbKit.forPartner). */
(function (kit) {
  "use strict";
  var el = kit.el, svg = kit.svg, fmt = kit.fmt, score = window.pbScore;

  function kindOf(text) { return text.split(":")[0].split(" of")[0]; }

  // The comparison and history charts are drawn 600 units wide, or 400 on a phone (the stylesheet's breakpoint), so
  // that their text stays as large as the results chart's: 600 units on a 390 px screen made it about 9 px high.
  // (Here, first in compare.js, which alone draws those charts; history.js uses it too.)
  kit.chartWidth = function () {
    try { return window.matchMedia("(max-width: 44.9375em)").matches ? 400 : 600; } catch (e) { return 600; }
  };

  // Each answered item of the comparison with its status ("Agree", "Gap of N points", "Blind spot: ...").
  function rowsOf(m, limit) {
    var max = m.c.data.max, rows = [];
    function pct(v) { return typeof v === "number" ? Math.round(v / max * 100) : null; }
    m.items.forEach(function (x) {
      var a = m.mine[x.item.id], b = m.other[x.item.id], pa = pct(a), pb = pct(b), kind, gap = 0;
      if (a === undefined && b === undefined) return;
      if (a === undefined || b === undefined) kind = "Blind spot: only " + (a === undefined ? m.they : m.us) + " answered";
      else if (pa === null || pb === null) kind = pa === pb ? "Agree" : "Blind spot: one side says not applicable";
      else { gap = Math.abs(pa - pb); kind = gap >= limit ? "Gap of " + gap + " points" : "Agree"; }
      rows.push({ x: x, a: a, b: b, kind: kind, gap: gap });
    });
    return rows;
  }

  // Both scores and the combined one, what mirrored items mean, and the overlay chart: two bars per section.
  function scores(m, result) {
    var open = m.open, sa = score(open, m.mine), sb = score(open, m.other), both = {};
    m.items.forEach(function (x) {
      var a = m.mine[x.item.id], b = m.other[x.item.id];
      if (typeof a === "number" && typeof b === "number") both[x.item.id] = (a + b) / 2;
      else if (typeof a === "number" || typeof b === "number") both[x.item.id] = typeof a === "number" ? a : b;
    });
    var sc = score(open, both);
    result.append(el("p", { "class": "pb-compare__scores" }, m.us + ": " + fmt(sa.overall) + "; " +
      m.they + ": " + fmt(sb.overall) + "; combined: " + fmt(sc.overall) + (sc.band ? " (" + sc.band.label + ")" : "")));
    if (m.across && m.items.some(function (x) { return x.item.mirror; })) result.append(el("p", { "class": "pb-compare__mirrors" },
      "Each side answered from its own side. An item about one side is set against the other side's answer about that " +
      "same side (its mirror), never against their answer about themselves. A mirrored pair carries the same weight, so " +
      "the two overall scores cover the same questions about both companies and compare directly: the difference " +
      "between them is how differently the two sides see the partnership."));
    var W = kit.chartWidth(), h = 0, chart = svg("svg", { "class": "pb-chart pb-chart--compare", role: "img",
      width: "100%", "aria-label": "Section scores, " + m.us + " and " + m.they + ": " +
      open.sections.map(function (s) { return s.title + " " + fmt(sa.sections[s.id]) + " and " + fmt(sb.sections[s.id]); }).join("; ") });
    open.sections.forEach(function (s) {
      h += kit.caption(chart, s.title, 0, h, W === 600 ? 70 : 44);
      chart.append(svg("rect", { "class": "pb-chart__bar", x: 0, y: h, height: 12, width: (W - 40) / 100 * (sa.sections[s.id] || 0) }),
        svg("rect", { "class": "pb-chart__bar pb-chart__bar--other", x: 0, y: h + 14, height: 12, width: (W - 40) / 100 * (sb.sections[s.id] || 0) }));
      h += 34;
    });
    chart.append(svg("text", { x: 0, y: h + 10 }, "upper bar: " + m.us + ", lower bar: " + m.they));
    chart.setAttribute("viewBox", "0 0 " + W + " " + (h + 16));
    result.append(chart);
  }

  // The agenda (largest gaps first), then our internal items, in our own view only (folded, never printed).
  function agenda(m, result) {
    var list = m.rows.filter(function (r) { return r.kind !== "Agree"; })
      .sort(function (p, q) { return q.gap - p.gap || q.x.item.weight - p.x.item.weight; });
    result.append(el("h4", {}, "Agenda for the joint review (largest gaps first)"));
    var ol = el("ol", { "class": "pb-agenda" });
    list.forEach(function (r) {
      var li = el("li", { "data-pb-kind": kindOf(r.kind) });
      li.append(el("span", {}, r.x.item.text + " \u2014 " + r.kind + " (" + m.us + ": " + m.answer(r.a) +
        ", " + m.they + ": " + m.answer(r.b) + ") "), el("a", { href: r.x.item.guidance }, "Guidance"));
      ol.append(li);
    });
    if (!list.length) ol.append(el("li", {}, "Both sides agree on every item answered."));
    var agreed = m.rows.length - list.length;
    result.append(ol, el("p", {}, agreed + (agreed === 1 ? " item agrees." : " items agree.")));
    if (m.own.length) {
      var mineOnly = el("details", { "class": "pb-compare__own" }), ul = el("ul");
      mineOnly.append(el("summary", {}, "Our own view: internal items (" + m.own.length + ")"), ul);
      m.own.forEach(function (i) {
        ul.append(el("li", {}, i.text + " \u2014 internal, not asked of the partner (" + m.us + ": " + m.answer(m.mine[i.id]) + ")"));
      });
      result.append(mineOnly);
    }
  }

  // Every item, both sides side by side, grouped by section.
  function table(m, result) {
    var t = el("table", { "class": "pb-compare__table" }), head = el("tr"), byId = Object.create(null);
    ["Item", m.us, m.they, "Status", m.they + "\u2019s note"].forEach(function (text) {
      head.append(el("th", { scope: "col" }, text));
    });
    t.append(el("caption", {}, "Both sides, item by item"), head);
    m.rows.forEach(function (r) { byId[r.x.item.id] = r; });
    m.open.sections.forEach(function (s) {
      var sh = el("tr", { "class": "pb-compare__section" });
      sh.append(el("th", { scope: "colgroup", colspan: "5" }, s.title));
      t.append(sh);
      s.items.forEach(function (i) {
        var r = byId[i.id], tr = el("tr", { "data-pb-item": i.id, "data-pb-kind": r ? kindOf(r.kind) : "Unanswered" });
        var text = el("td", {}, i.text);
        if (m.across && i.mirror) {
          tr.setAttribute("data-pb-mirror", i.mirror);
          text.append(el("span", { "class": "pb-compare__mirror" }, " (" + m.they + " answered: \u201c" + m.byItem[i.mirror].text + "\u201d)"));
        }
        tr.append(text, el("td", {}, m.answer(m.mine[i.id])), el("td", {}, m.answer(m.other[i.id])),
          el("td", {}, r ? r.kind : "Neither side answered"), el("td", {}, m.view.notes[i.id] || ""));
        t.append(tr);
      });
    });
    var wrap = el("div", { "class": "pb-compare__scroll" });
    wrap.append(t);
    result.append(wrap);
  }

  // The inputs: both sides' names (kept per partnership), the gap threshold and their export.
  function inputs(c, cmp) {
    var id = c.data.id, f = {
      ours: el("input", { id: "pb-ours-" + id, value: "Us", maxlength: "60" }),
      theirs: el("input", { id: "pb-theirs-" + id, value: "Partner", maxlength: "60" }),
      threshold: el("input", { id: "pb-threshold-" + id, type: "number", min: "1", max: "100", value: "25" }),
      other: el("input", { id: "pb-other-" + id, type: "file", accept: ".json,application/json" })
    };
    [[c.person ? "Your side" : "Our side", f.ours], ["Their side", f.theirs], ["Gap threshold (points)", f.threshold], ["Their export (JSON)", f.other]]
      .forEach(function (pair) {
        var p = el("p");
        // A file input is hidden behind its button-like label; it comes first so CSS can ring the label on focus.
        if (pair[1].type === "file") p.append(pair[1], el("label", { "for": pair[1].id, "class": "md-button" }, pair[0]));
        else p.append(el("label", { "for": pair[1].id }, pair[0] + " "), pair[1]);
        cmp.append(p);
      });
    return f;
  }

  kit.part("comparison", "sides", function (c) {
    var data = c.data, person = c.person, them = null;
    var open = person ? data : kit.forPartner(data), items = [], own = [], byItem = {};
    open.sections.forEach(function (s) { s.items.forEach(function (i) { items.push({ item: i, section: s }); }); });
    data.sections.forEach(function (s) { s.items.forEach(function (i) { byItem[i.id] = i; if (i.internal && !person) own.push(i); }); });
    var cmp = el("div", { "class": "pb-compare__sides" }), f = inputs(c, cmp), result = el("div", { "class": "pb-compare__result" });
    cmp.append(result);
    c.root.append(el("h3", {}, person ? "Compare with someone else's answers" : "Compare with the other side"), cmp);
    function compare() {
      result.textContent = "";
      if (!them) return;
      // A file from the other side answered each item from its side: read in our frame (pbKit.align), its answer
      // set against ours to an item about one side is its answer to that item's mirror, about the same company.
      var view = kit.align(data, them), m = { c: c, open: open, items: items, own: own, byItem: byItem, view: view,
        other: view.answers, across: them.side !== kit.side(), mine: c.api.state().answers, us: f.ours.value, they: f.theirs.value,
        answer: function (v) { return v === undefined ? "not answered" : window.pbLabel(data, v); } };
      m.rows = rowsOf(m, Number(f.threshold.value) || 25);
      scores(m, result);
      agenda(m, result);
      table(m, result);
    }
    c.forget = function () { them = null; compare(); };
    f.other.addEventListener("change", function () {
      var file = f.other.files && f.other.files[0];
      f.other.value = "";
      if (!file) return;
      window.pbReadExport(file, data).then(function (got) {
        if (!got.ok) { c.alert.textContent = "Their file was not used. " + got.errors.join(" "); return; }
        them = got;
        // A good file replaces whatever an earlier one left in the status.
        c.alert.textContent = "Comparing with " + file.name + (got.side !== kit.side() ? ", the " + (got.side ? "partner's" : "other") +
          " side of " + (person ? "this checklist" : c.current().name) : "") + "." + (got.unknown.length ? " Their file is for checklist version " +
          String(got.version) + "; items this version does not have were left out: " + window.pbStore.few(got.unknown) + "." : "");
        compare();
      });
    });
    [f.ours, f.theirs, f.threshold].forEach(function (i) { i.addEventListener("input", compare); });
    [f.ours, f.theirs].forEach(function (i) {
      i.addEventListener("change", function () {
        var pid = c.current().id, name = i.value.trim().slice(0, 60);
        if (name && !person) c.edit(function (r) {
          r.list.forEach(function (p) { if (p.id === pid) p[i === f.ours ? "ours" : "theirs"] = name; });
        });
      });
    });
    c.names = function () {
      var p = person ? { id: kit.PERSON, ours: "Me", theirs: "Them" } : c.current();
      if (f.ours !== document.activeElement) f.ours.value = typeof p.ours === "string" && p.ours ? p.ours : "Us";
      if (f.theirs !== document.activeElement)
        f.theirs.value = typeof p.theirs === "string" && p.theirs ? p.theirs : p.id === "default" ? "Partner" : p.name;
    };
    c.form.addEventListener("change", function () { if (them) compare(); });
  });
})(window.pbKit);

/* Partnership Playbook: the partner portfolio board (issue 11).
 *
 * Mounts on [data-pb-portfolio] (macros/render/portfolio.py) on every document$ emission, once per element.
 * Reads what the checklist pages save (pb:partnerships, pb:checklist:<cid>[:<pid>], pb:history:<cid>:<pid>)
 * and never writes any of it; scores with window.pbScore, the one rule of playbook.js and macros/content/scoring.py.
 * Loaded by the portfolio page only: Material's instant navigation loads it again when it brings that page
 * in, so it runs once per load and mounts from its first document$ subscription.
 *
 * What a cell shows:
 * - the latest score: the answers the checklist page holds now for that partnership (what opening the cell
 *   shows), or the last snapshot when no answers are held;
 * - the trend: that score against the previous review, the last snapshot when the answers differ from it,
 *   else the snapshot before it;
 * - the last review: the date of the last snapshot; answers changed since then say "Not yet saved as a review", as a review
 *   is only recorded by "Save snapshot";
 * - with review_every: due (last review + review_every days), "due soon" within 14 days (or a quarter of
 *   the rhythm, when shorter), "overdue" after it; answers with no snapshot are due now.
 */
(function () {
  "use strict";
  if (window.pbPortfolioLoaded) return;
  window.pbPortfolioLoaded = true;

  var DAY = 86400000, SOON = 14, TONES = 5;

  // The band's position as one of five tones, worst (0) to best (4): pb-band--0 ... pb-band--4.
  function tone(c, band) {
    var i = c.bands.indexOf(band), n = c.bands.length;
    return i < 0 ? null : n < 2 ? TONES - 1 : Math.round(i * (TONES - 1) / (n - 1));
  }
  function bandClass(c, band) { var t = tone(c, band); return t === null ? "" : "pb-band--" + t; }

  // Calendar days in the reader's time zone (pbKit.localDay, as the checklist's history shows them): "today",
  // review dates and due dates are the reader's own. day() numbers that day for arithmetic; isoDay() names a number.
  function day(when) { return Math.round(Date.parse(window.pbKit.localDay(when)) / DAY); }
  function isoDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
  function same(a, b) {
    var ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every(function (k, i) { return k === kb[i] && a[k] === b[k]; });
  }

  // Everything the board shows for one partnership and one checklist.
  function cell(c, pid, store, today) {
    var kit = window.pbKit, score = window.pbScore, clean = window.pbClean;
    var raw = store.get(kit.answersKey(c.id, pid)), list = store.get("pb:history:" + c.id + ":" + pid) || [];
    var answers = raw ? clean(c, raw).answers : Object.create(null);
    var snaps = (Array.isArray(list) ? list : []).filter(function (s) {
      return s && typeof s.date === "string" && !isNaN(Date.parse(s.date));
    }).map(function (s) { return { date: s.date, answers: clean(c, s).answers }; })
      .sort(function (p, q) { return Date.parse(p.date) - Date.parse(q.date); });
    var last = snaps[snaps.length - 1], held = Object.keys(answers).length > 0;
    var out = { c: c, pid: pid, started: held || snaps.length > 0, changed: held && (!last || !same(answers, last.answers)) };
    if (!out.started) return out;
    out.result = score(c, held ? answers : last.answers);
    out.answered = Object.keys(held ? answers : last.answers).length;  // "not applicable" counts as answered
    out.total = c.sections.reduce(function (n, s) { return n + s.items.length; }, 0);
    var before = out.changed ? last : snaps[snaps.length - 2];
    if (before) { out.before = score(c, before.answers); out.beforeDate = window.pbKit.localDay(before.date); }
    if (last) out.reviewed = window.pbKit.localDay(last.date);
    if (c.review_every) {
      out.due = last ? day(last.date) + c.review_every : today;
      out.left = out.due - today;
      out.status = out.left < 0 ? "overdue" : out.left <= Math.min(SOON, Math.ceil(c.review_every / 4)) ? "soon" : "later";
    }
    return out;
  }

  function points(n) { return n + (n === 1 ? " point" : " points"); }
  // The last review, or what the answers are while they differ from it (not a review until saved as one).
  function reviewText(x) {
    return !x.reviewed ? "No review saved"
      : x.changed ? "Not yet saved as a review: answers changed since " + x.reviewed : "Reviewed " + x.reviewed;
  }
  // A score from part of the checklist says so: it may move a lot once the rest is answered.
  function partial(x) { return x.answered < x.total ? x.answered + " of " + x.total + " answered" : ""; }
  function fmt(v) { return v === null || v === undefined ? "no score" : v + "%"; }
  function trend(x) {
    if (!x.before || x.before.overall === null || x.result.overall === null) return null;
    var d = x.result.overall - x.before.overall;
    return { arrow: d > 0 ? "\u2191" : d < 0 ? "\u2193" : "\u2192", d: d,
      text: (d > 0 ? "up " + points(d) : d < 0 ? "down " + points(-d) : "no change") + " since the review of " + x.beforeDate };
  }
  function dueText(x) {
    if (!x.status) return "";
    if (!x.reviewed) return "Due now: no review saved";
    var n = Math.abs(x.left), days = n + (n === 1 ? " day" : " days");
    return x.left < 0 ? "Overdue by " + days : x.left === 0 ? "Due today" : x.status === "soon" ? "Due in " + days
      : "Next review by " + isoDay(x.due);
  }
  function link(x) { return x.c.url + "?partnership=" + encodeURIComponent(x.pid); }
  function reviewStatus(x) {
    return !x.status ? "" : !x.reviewed ? "due now" : x.status === "later" ? "scheduled" : x.status === "soon" ? "due soon" : "overdue";
  }

  /* -- Sharing: CSV for spreadsheets, an SVG picture for slides ----------------------------------------- */
  function toCSV(rows) {
    var kit = window.pbKit, out = [["partnership", "checklist_id", "checklist", "version", "score", "result", "answered", "items", "change",
      "previous_score", "last_review", "changed_since_review", "review_every_days", "next_review", "review_status", "sections"]];
    rows.forEach(function (row) {
      row.cells.forEach(function (x) {
        var t = x.started ? trend(x) : null, r = x.result;
        out.push([row.p.name, x.c.id, x.c.title, x.c.version, r ? r.overall : "", !r ? "not started" : r.band ? r.band.label : "",
          r ? x.answered : "", r ? x.total : "",
          t ? t.d : "", t ? x.before.overall : "", x.reviewed || "", r ? (x.changed ? "yes" : "no") : "", x.c.review_every || "",
          x.due !== undefined ? isoDay(x.due) : "", reviewStatus(x),
          r ? x.c.sections.map(function (s) { return s.title + " " + fmt(r.sections[s.id]); }).join("; ") : ""]);
      });
    });
    // Numbers as numbers (a negative change is not a formula); text through the checklist pages' CSV rule.
    return out.map(function (line) {
      return line.map(function (v) { return typeof v === "number" ? String(v) : kit.csvCell(v); }).join(",");
    }).join("\r\n") + "\r\n";
  }

  // The same colours as portfolio.css on a light page; the result is written in each cell too.
  var PAPER = ["#f9d4d4", "#fde0c5", "#fdf0bd", "#def0cf", "#cde9d3"], EDGE = ["#b3261e", "#b95000", "#8a6d00", "#4c7a22", "#1e6b34"];
  function toSVG(rows, checklists, today) {
    var kit = window.pbKit, svg = kit.svg, W0 = 180, W = 180, title = "Partner portfolio, " + isoDay(today);
    var root = svg("svg", { "font-family": "Helvetica, Arial, sans-serif", "font-size": "12", fill: "#1a1a1a" });
    var grid = svg("g"), head = 0;
    checklists.forEach(function (c, i) {
      var h = kit.caption(grid, c.title + (c.review_every ? " (every " + c.review_every + " days)" : ""), W0 + i * W, 40, 24);
      head = Math.max(head, h);
    });
    grid.querySelectorAll("text").forEach(function (t) { t.setAttribute("font-weight", "700"); });
    var y = 48 + head;
    rows.forEach(function (row) {
      // Each cell's lines wrap within the cell (never cut); the row is as tall as its tallest cell.
      var tallest = kit.caption(grid, row.p.name, 10, y, 24), boxes = [];
      row.cells.forEach(function (x, i) {
        var left = W0 + i * W, t = x.started ? trend(x) : null, k = x.started && x.result.band ? tone(x.c, x.result.band) : null;
        var rect = svg("rect", { x: left, y: y, width: W - 8, rx: 4,
          fill: k === null ? "#f2f2f2" : PAPER[k], stroke: k === null ? "#bbbbbb" : EDGE[k] }), h = 4;
        grid.append(rect);
        var lines = !x.started ? ["Not started"] : [fmt(x.result.overall) + " " + (x.result.band ? x.result.band.label : ""),
          partial(x), t ? t.arrow + " " + t.text : "", reviewText(x), dueText(x)];
        lines.filter(Boolean).forEach(function (line, n) {
          h += kit.caption(grid, line, left + 8, y + h, 27);
          if (!n) grid.lastChild.setAttribute("font-weight", "700");
        });
        boxes.push(rect);
        tallest = Math.max(tallest, h + 8);
      });
      boxes.forEach(function (rect) { rect.setAttribute("height", tallest); });
      y += tallest + 8;
    });
    var width = W0 + W * checklists.length + 10;
    root.setAttribute("viewBox", "0 0 " + width + " " + (y + 10));
    root.setAttribute("width", width);
    root.setAttribute("height", y + 10);
    root.append(svg("title", {}, title), svg("rect", { width: width, height: y + 10, fill: "#ffffff" }),
      svg("text", { x: 10, y: 26, "font-size": "18", "font-weight": "700" }, title), grid);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root) + "\n";
  }

  function mount(root) {
    var kit = window.pbKit, el = kit.el, data = JSON.parse(root.getAttribute("data-pb-data"));
    // A column for each checklist about a partnership; one about a person (onboarding's self-check) has none.
    // The roll-up reads every checklist's exports (data.checklists).
    // Nothing to draw from when the browser lets the page read no storage (the board says so; a checklist page still
    // holds what was answered since the playbook was opened).
    var store = window.pbStore.readable ? kit.storage() : null, open = Object.create(null), rows = [];
    var checklists = data.checklists.filter(function (c) { return c.about !== "person"; });
    // The page's list of checklists stays only while there is no board to draw (no storage).
    root.querySelectorAll(store ? ".pb-portfolio__nojs, .pb-portfolio__checklists" : ".pb-portfolio__nojs")
      .forEach(function (n) { n.hidden = true; });
    var board = el("section", { "class": "pb-portfolio__board", "aria-labelledby": "pb-portfolio-title" });
    var tools = el("div", { "class": "pb-tools pb-portfolio__tools" });
    var status = el("p", { "class": "pb-status", role: "status" });
    var scroll = el("div", { "class": "pb-portfolio__scroll", tabindex: "0", role: "region", "aria-labelledby": "pb-portfolio-caption" });
    var dueBox = el("div", { "class": "pb-portfolio__next" });
    var empty = el("p", { "class": "pb-portfolio__empty" }, "Nothing is assessed in this browser yet. Choose Start in a " +
      "cell to assess that partnership, or add your partners with New partnership first.");
    board.append(el("h2", { id: "pb-portfolio-title" }, "Board"), tools, status, el("p", { "class": "pb-portfolio__key" },
      "Each cell: the latest score and its result, the change since the review before, the date of the last review " +
      "and, for checklists with a review rhythm, when the next is due."), empty, scroll, dueBox);
    root.append(board);

    // Where keyboard focus is in the table, so a redraw (another tab saved) puts it back.
    function focused() {
      var f = document.activeElement, tr = f && scroll.contains(f) ? f.closest("tr[data-pb-partnership]") : null, td;
      if (!tr) return null;
      td = f.closest("td[data-pb-checklist]");
      return 'tr[data-pb-partnership="' + CSS.escape(tr.getAttribute("data-pb-partnership")) + '"] ' +
        (td ? 'td[data-pb-checklist="' + CSS.escape(td.getAttribute("data-pb-checklist")) + '"] a' : ".pb-portfolio__expand");
    }

    function after(message) { if (message) status.textContent = message; draw(); }

    function draw() {
      var again = focused();
      scroll.textContent = "";
      dueBox.textContent = "";
      if (!store) {
        empty.hidden = true;
        status.textContent = "Your browser is not letting this page read stored data, so there is no board to draw. " +
          "Open a checklist from the list above.";
        return;
      }
      var today = day(Date.now()), list = kit.partnerships(store).list;
      rows = list.map(function (p) {
        return { p: p, cells: checklists.map(function (c) { return cell(c, p.id, store, today); }) };
      });
      var table = el("table", { "class": "pb-portfolio__table" });
      var cap = el("caption", { id: "pb-portfolio-caption" }, "Partner portfolio on " + isoDay(today) + ": " + list.length +
        " partnership" + (list.length === 1 ? "" : "s") + " by " + checklists.length + " checklists");
      var head = el("tr");
      head.append(el("th", { scope: "col" }, "Partnership"));
      checklists.forEach(function (c) {
        var th = el("th", { scope: "col", "data-pb-checklist": c.id });
        th.append(el("a", { href: c.url }, c.title));
        if (c.review_every) th.append(el("span", { "class": "pb-portfolio__rhythm" }, "every " + c.review_every + " days"));
        head.append(th);
      });
      var thead = el("thead"), tbody = el("tbody");
      thead.append(head);
      table.append(cap, thead, tbody);
      rows.forEach(function (row, r) {
        var tr = el("tr", { "data-pb-partnership": row.p.id }), th = el("th", { scope: "row" });
        var subId = "pb-portfolio-sections-" + r, more = el("button", { type: "button", "class": "pb-portfolio__expand",
          "aria-expanded": open[row.p.id] ? "true" : "false", "aria-controls": subId });
        more.append("Sections", el("span", { "class": "pb-sr" }, " of " + row.p.name));
        th.append(el("span", { "class": "pb-portfolio__name" }, row.p.name), more);
        // Rename and delete: the checklist pages' own code (pbKit), which asks first.
        kit.menu(th, "More", "More actions for " + row.p.name, [
          ["Rename", function () { kit.renamePartnership(store, row.p.id, after); }],
          ["Delete", function () { kit.deletePartnership(store, row.p.id, status, draw); }]]);
        tr.append(th);
        var sub = el("tr", { id: subId, "class": "pb-portfolio__sections" });
        sub.hidden = !open[row.p.id];
        sub.append(el("th", { scope: "row" }, "Sections: " + row.p.name));
        more.addEventListener("click", function () {
          open[row.p.id] = sub.hidden;
          sub.hidden = !sub.hidden;
          more.setAttribute("aria-expanded", String(!sub.hidden));
        });
        row.cells.forEach(function (x) {
          var td = el("td", { "data-pb-checklist": x.c.id, "class": "pb-portfolio__cell" });
          var std = el("td", { "data-pb-checklist": x.c.id });
          if (!x.started) {
            td.classList.add("pb-portfolio__cell--empty");
            td.append(el("span", { "class": "pb-portfolio__none" }, "Not started "),
              el("a", { href: link(x), "class": "pb-portfolio__start", "aria-label": "Start " + x.c.title + " for " + row.p.name }, "Start"));
            std.append("\u2013");
          } else {
            var band = x.result.band, t = trend(x), a = el("a", { href: link(x), "class": "pb-portfolio__open" });
            a.append(el("span", { "class": "pb-sr" }, "Open " + x.c.title + " for " + row.p.name + ": "));
            if (band) td.classList.add(bandClass(x.c, band));
            a.append(el("strong", { "class": "pb-portfolio__score" }, fmt(x.result.overall)),
              el("span", { "class": "pb-portfolio__band" }, band ? band.label : "not scored"));
            if (partial(x)) a.append(el("span", { "class": "pb-portfolio__partial" }, partial(x)));
            if (t) {
              var tr2 = el("span", { "class": "pb-portfolio__trend", "data-pb-trend": t.d > 0 ? "up" : t.d < 0 ? "down" : "same" });
              tr2.append(el("span", { "aria-hidden": "true" }, t.arrow + " "), t.text);
              a.append(tr2);
            }
            a.append(el("span", { "class": "pb-portfolio__date" + (x.changed && x.reviewed ? " pb-portfolio__changed" : "") }, reviewText(x)));
            if (x.status) {  // every cell with a rhythm says when the next review is due; near or past it, louder
              if (x.status !== "later") td.classList.add("pb-portfolio__cell--" + x.status);
              a.append(el("span", { "class": "pb-portfolio__due pb-portfolio__due--" + x.status }, dueText(x)));
            }
            td.append(a);
            var ul = el("ul", { "class": "pb-portfolio__section-list" });
            x.c.sections.forEach(function (s) { ul.append(el("li", {}, s.title + ": " + fmt(x.result.sections[s.id]))); });
            std.append(ul);
          }
          tr.append(td);
          sub.append(std);
        });
        tbody.append(tr, sub);
      });
      scroll.append(table);
      empty.hidden = rows.some(function (row) { return row.cells.some(function (x) { return x.started; }); });
      if (again && table.querySelector(again)) table.querySelector(again).focus();
      drawDue();
    }

    // What is due next: overdue first, then the soonest; every started cell of a checklist with a rhythm.
    function drawDue() {
      var due = [];
      rows.forEach(function (row) { row.cells.forEach(function (x) { if (x.status) due.push({ x: x, p: row.p }); }); });
      due.sort(function (a, b) { return a.x.left - b.x.left; });
      dueBox.append(el("h3", { id: "pb-portfolio-next" }, "Due next"));
      if (!due.length) {
        dueBox.append(el("p", {}, "Nothing is due: no checklist you have started asks for regular reviews."));
        return;
      }
      var ol = el("ol", { "class": "pb-portfolio__due-list" });
      due.slice(0, 10).forEach(function (d) {
        var li = el("li", { "data-pb-status": d.x.status });
        li.append(el("a", { href: link(d.x) }, d.x.c.title + " for " + d.p.name), ": " + dueText(d.x) +
          (d.x.reviewed ? " (last review " + d.x.reviewed + ")" : ""));
        ol.append(li);
      });
      dueBox.append(ol);
      if (due.length > 10) dueBox.append(el("p", {}, "And " + (due.length - 10) + " more later."));
    }

    var stamp = function () { return kit.localDay(Date.now()); };
    kit.menu(tools, "Export", "Export the board", [
      ["Export CSV", function () { kit.download("portfolio-" + stamp() + ".csv", "text/csv", toCSV(rows)); }],
      ["Export SVG picture", function () {
        kit.download("portfolio-" + stamp() + ".svg", "image/svg+xml", toSVG(rows, checklists, day(Date.now())));
      }]]);
    var print = el("button", { type: "button", "class": "md-button" }, "Print");
    print.addEventListener("click", function () { window.print(); });
    // A new row: added to the list the checklist pages keep, read fresh first; the current partnership stays.
    var add = el("button", { type: "button", "class": "md-button" }, "New partnership");
    add.addEventListener("click", function () {
      var name = window.pbStore.name(window.prompt("Name of the new partnership:") || "");
      if (name && store) window.pbStore.later(function () {  // after the question, to the list as saved then
        var p = { id: "p" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6), name: name };
        store.update("pb:partnerships", function (reg) { reg = reg || kit.partnerships(null); reg.list.push(p); return reg; });
        status.textContent = "Added " + name + ": start a checklist from its row.";
        draw();
      });
    });
    tools.append(print, add);
    draw();
    if (store) kit.watch(root, function (e) { if (e.key === null || /^pb:/.test(e.key)) draw(); });
    root.pbPortfolio = { data: data, store: store, redraw: draw, rows: function () { return rows; }, bandClass: bandClass };
    root.dispatchEvent(new CustomEvent("pb:portfolio-mounted", { bubbles: true }));
  }

  if (window.pbKit && window.pbScore) window.pbKit.everyPage(function () {
    window.pbKit.mountEach("[data-pb-portfolio]", "data-pb-mounted", mount,
      "The portfolio board could not start; the list of checklists still works.");
  });
})();

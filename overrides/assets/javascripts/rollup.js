/* Partnership Playbook: the team roll-up on the portfolio board (issue 11).
 *
 * Builds on portfolio.js (element.pbPortfolio and the pb:portfolio-mounted event) and on playbook.js:
 * window.pbReadExport validates every file exactly as the checklist pages do, window.pbScore scores it
 * with the one rule. Files are untrusted: names from them are shown only as text, a rejected file is
 * listed with its reason and changes nothing, and nothing is kept until "Save this roll-up" (pb:rollup).
 */
(function () {
  "use strict";

  // The portfolio page loads this file itself, so instant navigation may run it again: mount, nothing more.
  if (window.pbRollup) { window.pbRollup.mountAll(); return; }

  var KEY = "pb:rollup", FORMAT = "partnership-playbook/rollup", THRESHOLD = 25;

  /* -- The roll-up: pure functions ------------------------------------------ */
  function nFiles(n) { return n + (n === 1 ? " file" : " files"); }

  // The middle score; between two middle scores, their mean rounded half up as scores are.
  function median(values) {
    var v = values.slice().sort(function (a, b) { return a - b; }), m = v.length >> 1;
    return v.length % 2 ? v[m] : Math.floor((v[m - 1] + v[m]) / 2 + 0.5);
  }

  // A file from the other side of a partnership (the partner edition's, read here, or ours, read there) belongs to the
  // partnership of ours the reader chooses (entry.of), never to the name its authors gave it; its answers are read in
  // our frame (pbKit.align), so an item about one side holds their answer about that same side.
  function other(entry) { return entry.got.side !== window.pbKit.side() && entry.got.data.about !== "person"; }
  function partnershipOf(entry) { return other(entry) ? entry.of || "" : entry.got.partnership; }
  function answersOf(entry) {
    return entry.view || (entry.view = other(entry) ? window.pbKit.align(entry.got.data, entry.got).answers : entry.got.answers);
  }

  // One person's file per partnership, side and checklist: named respondents by name, unnamed ones by their file.
  function identity(entry) {
    var got = entry.got;
    return [got.data.id, partnershipOf(entry).toLowerCase(), other(entry), got.respondent ? got.respondent.toLowerCase()
      : got.exported + JSON.stringify(got.answers)].join("\n");
  }

  // Adds one validated file to `entries`; a second file from the same person counts only if exported later.
  // Returns "added", "newer" (it replaced an older one) or "older" (it was left out).
  function add(entries, entry) {
    var id = identity(entry), i = entries.map(identity).indexOf(id);
    if (i < 0) { entries.push(entry); return "added"; }
    if (entry.got.exported <= entries[i].got.exported) return "older";
    entries[i] = entry;
    return "newer";
  }

  // Rows by partnership (case ignored, unnamed last), cells by checklist id: scores, median, range, disagreement.
  // Checklists about a person (onboarding's self-check) have a row of their own: their files name no partnership.
  // The median and range are this side's; the other side's scores are shown apart and count for disagreement.
  function rollup(entries, threshold) {
    var rows = Object.create(null), list = [];
    entries.forEach(function (e) {
      var g = e.got, person = g.data.about === "person", name = partnershipOf(e), key = person ? "\n" : name.toLowerCase(), row = rows[key];
      if (!row) { row = rows[key] = { name: name, person: person, cells: Object.create(null) }; list.push(row); }
      var cell = row.cells[g.data.id] || (row.cells[g.data.id] = { data: g.data, people: [], scores: [], theirs: [] });
      var s = window.pbScore(g.data, answersOf(e)).overall;
      cell.people.push({ entry: e, score: s });
      if (s !== null) cell[other(e) ? "theirs" : "scores"].push(s);
    });
    list.forEach(function (row) {
      Object.keys(row.cells).forEach(function (id) {
        var c = row.cells[id], n = c.scores.length, all = c.scores.concat(c.theirs);
        c.median = n ? median(c.scores) : null;
        c.min = n ? Math.min.apply(null, c.scores) : null;
        c.max = n ? Math.max.apply(null, c.scores) : null;
        c.spread = all.length ? Math.max.apply(null, all) - Math.min.apply(null, all) : 0;
        c.disagree = all.length > 1 && c.spread > threshold;
        c.band = c.data.bands.filter(function (b) { return c.median !== null && b.min <= c.median && c.median <= b.max; })[0];
      });
    });
    return list.sort(function (a, b) { return !a.name - !b.name || a.name.localeCompare(b.name); });
  }

  // The items of one cell its respondents answered furthest apart (in points of the scale), widest first.
  function apart(cell) {
    var out = [];
    cell.data.sections.forEach(function (s) {
      s.items.forEach(function (item) {
        var given = cell.people.filter(function (p) { return typeof answersOf(p.entry)[item.id] === "number"; });
        var values = given.map(function (p) { return answersOf(p.entry)[item.id]; });
        var points = Math.round((Math.max.apply(null, values) - Math.min.apply(null, values)) / cell.data.max * 100);
        if (given.length > 1 && points > 0) out.push({ item: item, points: points, people: given });
      });
    });
    return out.sort(function (a, b) { return b.points - a.points || b.item.weight - a.item.weight; });
  }

  // A validated file as the roll-up keeps it: the export without notes (the roll-up never shows them).
  function kept(entry) {
    var g = entry.got;
    return { name: entry.name, of: entry.of, export: { format: "partnership-playbook/assessment", formatVersion: 2,
      checklist: { id: g.data.id, version: g.version }, partnership: g.partnership, respondent: g.respondent,
      side: g.side || undefined, exported: g.exported, answers: g.answers } };
  }

  var PERSON = "Not about a partnership";
  function rowName(row, unnamed) { return row.person ? PERSON : row.name || unnamed; }
  function who(entry) { return (entry.got.respondent || entry.name) + (other(entry) ? " (" + sideName() + ")" : ""); }
  function sideName() { return window.pbKit.side() ? "other side" : "partner's side"; }

  /* -- The component ------------------------------------------------------------ */
  function mount(node) {
    var kit = window.pbKit, el = kit.el, api = node.pbPortfolio, checklists = api.data.checklists;
    var store = api.store === undefined ? kit.storage() : api.store;
    var entries = [], threshold = THRESHOLD, dirty = false, dropped = 0;

    function read() {
      var v = store ? store.get(KEY) : undefined;
      return v === undefined ? null : v;
    }
    // The saved roll-up, each file validated again (the checklists may have changed since).
    function loadSaved() {
      var raw = read();
      entries = [];
      dropped = 0;
      threshold = THRESHOLD;
      if (!raw || raw.format !== FORMAT || !Array.isArray(raw.files)) return raw !== null;
      raw.files.forEach(function (f) {
        var got = window.pbParseExport(JSON.stringify(f && f.export), checklists);
        if (got.ok) add(entries, { name: String(f.name).slice(0, 200), got: got, of: typeof f.of === "string" ? f.of.slice(0, 80) : "" });
        else dropped++;
      });
      if (typeof raw.threshold === "number" && raw.threshold >= 0) threshold = raw.threshold;
      return true;
    }

    var root = el("section", { "class": "pb-rollup", "aria-labelledby": "pb-rollup-title" });
    root.append(el("h2", { id: "pb-rollup-title" }, "Team roll-up"),
      el("p", { "class": "pb-rollup__intro" }, "Roll up the assessment exports your colleagues send you: choose several JSON files at once, " +
        "or drop them on the board. For each partnership and checklist you see the median score, the range " +
        "and how many people answered. Nothing is kept until you save the roll-up."));
    var tools = el("div", { "class": "pb-tools" });
    var input = el("input", { type: "file", multiple: "", accept: ".json,application/json", "class": "pb-import",
      id: "pb-rollup-files" });
    tools.append(input, el("label", { "for": input.id, "class": "md-button" }, "Choose exports (JSON)"));
    var saveButton = el("button", { type: "button", "class": "md-button" }, "Save this roll-up");
    tools.append(saveButton);
    kit.menu(tools, "More", "More roll-up actions", [["Start a new roll-up", function () {
      entries = [];
      dirty = read() !== null;  // differs from a saved roll-up, if there is one
      draw();
      say(dirty ? "The roll-up is empty; the saved one stays until you save or delete it." : "The roll-up is empty.");
    }], ["Delete the saved roll-up", function () {
      if (!window.confirm("Delete the saved roll-up? The files it was made from are not touched.")) return;
      if (store) store.remove(KEY);
      entries = [];
      dirty = false;
      draw();
      say("The saved roll-up was deleted.");
    }]]);

    var limit = el("input", { id: "pb-rollup-threshold", type: "number", min: "0", max: "100", step: "1",
      "aria-describedby": "pb-rollup-threshold-hint" });
    var setting = el("p", { "class": "pb-rollup__threshold" });
    setting.append(el("label", { "for": limit.id }, "Flag disagreement above (points) "), limit, " ",
      el("span", { id: "pb-rollup-threshold-hint" }, "A cell is flagged when its highest and lowest scores differ by " +
        "more than this many points. The default, " + THRESHOLD + ", is the gap threshold of the comparison on " +
        "the checklist pages."));
    var status = el("div", { "class": "pb-rollup__status", role: "status" });
    var unsaved = el("p", { "class": "pb-rollup__unsaved" },
      "Not saved: this roll-up is gone when you leave the page, unless you choose Save this roll-up.");
    var grid = el("div"), agenda = el("div", { "class": "pb-rollup__agenda" });
    var people = el("details", { "class": "pb-fold" });
    root.append(tools, setting, status, unsaved, grid, agenda, people);

    function say(text, files) {
      status.textContent = "";
      status.append(el("p", {}, text));
      if (files && files.length) {
        var ul = el("ul", { "class": "pb-rollup__files" });
        files.forEach(function (f) {
          var li = el("li", f.ok ? {} : { "class": "pb-rollup__rejected" });
          if (f.ok) li.append(f.name + ": " + f.text);
          else li.append(el("strong", {}, f.name + ": rejected."), " " + f.text);
          ul.append(li);
        });
        status.append(ul);
      }
    }

    // A table's header row in its thead; returns the tbody the rows go in.
    function section(table, head) {
      var thead = el("thead"), tbody = el("tbody");
      thead.append(head);
      table.append(thead, tbody);
      return tbody;
    }
    // A table in a box of its own that scrolls on a narrow screen, and can be scrolled from the keyboard.
    function scroll(table, id, caption) {
      var box = el("div", { "class": "pb-rollup__scroll", tabindex: "0", role: "region",
        "aria-labelledby": id });
      table.prepend(el("caption", { id: id }, caption));
      box.append(table);
      return box;
    }

    function draw() {
      if (document.activeElement !== limit) limit.value = String(threshold);
      unsaved.hidden = !dirty;
      grid.textContent = "";
      agenda.textContent = "";
      people.textContent = "";
      var rows = rollup(entries, threshold);
      root.classList.toggle("pb-rollup--empty", !rows.length);  // not printed with the board when empty
      people.hidden = !rows.length;
      if (!rows.length) {
        grid.append(el("p", {}, "No files rolled up yet."));
        return;
      }
      var used = checklists.filter(function (d) {
        return rows.some(function (r) { return r.cells[d.id]; });
      });
      var table = el("table", { "class": "pb-rollup__grid" }), head = el("tr");
      head.append(el("th", { scope: "col" }, "Partnership"));
      used.forEach(function (d) {
        var th = el("th", { scope: "col" });
        th.append(el("a", { href: d.url }, d.title));
        head.append(th);
      });
      var body = section(table, head);
      rows.forEach(function (row) {
        var tr = el("tr");
        tr.append(el("th", { scope: "row" }, rowName(row, "Partnership not named")));
        used.forEach(function (d) {
          var c = row.cells[d.id], td = el("td", { "class": "pb-rollup__cell", "data-pb-checklist": d.id });
          tr.append(td);
          if (!c) { td.append("No files"); return; }
          var n = c.people.filter(function (p) { return !other(p.entry); }).length, none = n - c.scores.length;
          if (c.band && api.bandClass) td.className += " " + api.bandClass(d, c.band);  // the board's band colours
          if (c.disagree) td.classList.add("pb-rollup__cell--disagree");
          td.append(el("div", {}, c.median === null ? "No score"
            : "Median " + c.median + "%" + (c.band ? ": " + c.band.label : "")));
          if (c.scores.length > 1) td.append(el("div", {}, "Range " + c.min + "\u2013" + c.max + "%"));
          if (c.theirs.length) td.append(el("div", { "class": "pb-rollup__theirs" }, "The " + sideName() + ": " +
            c.theirs.map(function (v) { return v + "%"; }).join(", ")));
          td.append(el("div", {}, n + (n === 1 ? " respondent" : " respondents") +
            (none ? ", " + none + " without a score" : "")));
          if (!c.disagree) return;
          var flag = el("strong", { "class": "pb-rollup__flag" });
          flag.append(el("span", { "aria-hidden": "true" }, "\u26a0 "), "Disagree: " + c.spread + " points apart");
          td.append(flag);
        });
        body.append(tr);
      });
      grid.append(scroll(table, "pb-rollup-grid-caption", "Team roll-up: median score, range and respondents per partnership and " +
        "checklist, from " + nFiles(entries.length)));
      // Where a flagged cell comes from: the items answered furthest apart, with who gave which answer.
      var flagged = [];
      rows.forEach(function (row) {
        used.forEach(function (d) { var c = row.cells[d.id]; if (c && c.disagree) flagged.push({ row: row, c: c }); });
      });
      if (flagged.length) {
        var ul = el("ul");
        agenda.append(el("h3", {}, "Where respondents disagree"), ul);
        flagged.forEach(function (f) {
          var li = el("li"), ol = el("ol");
          li.append(el("strong", {}, rowName(f.row, "Partnership not named") + ", " + f.c.data.title), ol);
          var widest = apart(f.c).slice(0, 3);
          if (!widest.length) ol.append(el("li", {}, "No item was answered apart: the scores differ because some " +
            "respondents left items open or marked them not applicable."));
          widest.forEach(function (x) {
            ol.append(el("li", {}, x.item.text + " \u2014 " + x.points + " points apart (" + x.people.map(function (p) {
              return who(p.entry) + ": " + window.pbLabel(p.entry.got.data, answersOf(p.entry)[x.item.id]);
            }).join("; ") + ")"));
          });
          ul.append(li);
        });
      }
      // Who said what, for the conversation a flagged cell calls for.
      var list = el("table", { "class": "pb-rollup__people" }), top = el("tr");
      ["Partnership", "Checklist", "Respondent", "Score", "Exported", "File"].forEach(function (t) {
        top.append(el("th", { scope: "col" }, t));
      });
      var rowsOut = section(list, top);
      rows.forEach(function (row) {
        used.forEach(function (d) {
          ((row.cells[d.id] || {}).people || []).forEach(function (p) {
            var g = p.entry.got, tr = el("tr"), place = el("td", {}, rowName(row, "Not named"));
            if (other(p.entry)) place.replaceChildren(choose(p.entry));
            tr.append(place, el("td", {}, d.title), el("td", {}, (g.respondent || "Not named") + (other(p.entry) ? " (" + sideName() + ")" : "")),
              el("td", {}, kit.fmt(p.score)), el("td", {}, kit.localDay(g.exported)), el("td", {}, p.entry.name));
            rowsOut.append(tr);
          });
        });
      });
      people.append(el("summary", {}, "Scores by respondent"), scroll(list, "pb-rollup-people-caption", "Each respondent's score"));
    }

    // Which partnership of ours a file from the other side belongs to: the reader chooses among this browser's
    // partnerships (the current one at first), since the name the other side gave it is theirs, not ours.
    function ourNames() { return kit.partnerships(store).list.map(function (p) { return p.name; }); }
    function choose(entry) {
      var pick = el("select", { "aria-label": "Partnership of the file " + entry.name }), names = ourNames();
      if (names.indexOf(entry.of) < 0) names.unshift(entry.of);
      names.forEach(function (n) { var o = el("option", { value: n }, n); o.selected = n === entry.of; pick.append(o); });
      pick.addEventListener("change", function () {
        var moved = { name: entry.name, got: entry.got, of: pick.value };
        entries.splice(entries.indexOf(entry), 1);
        add(entries, moved);
        dirty = true;
        draw();
        say("The file " + entry.name + " now counts as the " + sideName() + " of " + pick.value + ".");
      });
      return pick;
    }
    function currentName() {
      var r = kit.partnerships(store);
      return (r.list.filter(function (p) { return p.id === r.current; })[0] || r.list[0]).name;
    }

    // Every file validated on its own: the accepted ones join the roll-up, each rejected one is named with its reason.
    function take(files) {
      files = Array.prototype.slice.call(files || []);
      if (!files.length) return;
      Promise.all(files.map(function (f) {
        return window.pbReadExport(f, checklists).catch(function () {
          return { ok: false, errors: ["The file could not be read."] };
        }).then(function (got) { return { name: f.name, got: got }; });
      })).then(function (results) {
        var outcomes = [], used = 0, rejected = 0;
        results.forEach(function (r) {
          var g = r.got;
          if (!g.ok) {
            rejected++;
            outcomes.push({ ok: false, name: r.name, text: g.errors.join(" ") });
            return;
          }
          var theirs = g.side !== kit.side() && g.data.about !== "person";
          if (theirs) r.of = currentName();
          var what = add(entries, r), about = [g.data.title, g.data.about === "person" ? "not about a partnership"
            : theirs ? "the " + sideName() + " of " + r.of + " (choose another partnership under \u201cScores by respondent\u201d)"
            : g.partnership || "partnership not named", g.respondent || "respondent not named"].join(", ");
          if (what !== "older") used++;
          outcomes.push({ ok: true, name: r.name, text: (what === "older"
            ? "not used: the roll-up already has a file from the same person for " + about + ", exported at the same time or later."
            : (what === "newer" ? "rolled up in place of an older file from the same person (" : "rolled up (") + about + ")." +
              (g.unknown.length ? " Items this version of the checklist does not have were left out: " + g.unknown.join(", ") + "." : "")) });
        });
        if (used) dirty = true;
        draw();
        say("Rolled up " + used + " of " + nFiles(results.length) +
          (rejected ? "; " + rejected + " rejected, each named below with the reason." : "."), outcomes);
      });
    }

    input.addEventListener("change", function () { take(input.files); input.value = ""; });
    function hasFiles(e) { return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") >= 0; }
    node.addEventListener("dragover", function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      node.classList.add("pb-rollup--drop");
    });
    node.addEventListener("dragleave", function (e) {
      if (!node.contains(e.relatedTarget)) node.classList.remove("pb-rollup--drop");
    });
    node.addEventListener("drop", function (e) {
      node.classList.remove("pb-rollup--drop");
      if (!hasFiles(e)) return;
      e.preventDefault();
      take(e.dataTransfer.files);
    });
    limit.addEventListener("input", function () {
      var v = Number(limit.value);
      if (limit.value === "" || !(v >= 0)) return;
      threshold = v;
      dirty = entries.length > 0;
      draw();
    });
    saveButton.addEventListener("click", function () {
      if (!entries.length) { say("Nothing to save yet: choose the export files first."); return; }
      var ok = !!store && store.set(KEY, { format: FORMAT, formatVersion: 1, saved: new Date().toISOString(),
        threshold: threshold, files: entries.map(kept) });
      if (!ok) { say("Your browser refused to keep the roll-up (storage turned off or full); it stays on screen until you leave."); return; }
      dirty = false;
      draw();
      say("Saved this roll-up of " + nFiles(entries.length) +
        " in this browser; it is shown here until you delete it.");
    });
    // Another tab saved or deleted a roll-up: follow it, unless this tab shows files not saved yet.
    kit.watch(root, function (e) {
      if ((e.key !== KEY && e.key !== null) || dirty) return;
      loadSaved();
      draw();
      say(entries.length ? "Showing the roll-up another tab saved (" + nFiles(entries.length) + ")."
        : "Another tab deleted the saved roll-up.");
    });

    node.append(root);
    var had = loadSaved();
    draw();
    if (had) say("Showing the roll-up saved in this browser" + (entries.length ? " (" + nFiles(entries.length) + ")" : "") + "." +
      (dropped ? " Left out: " + nFiles(dropped) + " that no longer pass the checks of this playbook." : ""));
    if (!store) say("Your browser is not letting this page store data, so a roll-up cannot be saved.");
  }

  function mountAll() {
    if (!window.pbKit) return;  // playbook.js did not load: the plain page stays
    window.pbKit.mountEach("[data-pb-portfolio]", "data-pb-rollup", mount,
      "The team roll-up could not start; the board still works.", function (node) { return node.pbPortfolio; });
  }

  window.pbRollup = { mountAll: mountAll };
  document.addEventListener("pb:portfolio-mounted", mountAll);
  mountAll();
})();

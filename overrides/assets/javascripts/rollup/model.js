/* The team roll-up's arithmetic (pure functions, no page): which file belongs to which partnership and person, the
 * median, range and disagreement of each cell, the items a flagged cell's respondents answered furthest apart, and
 * what a saved roll-up keeps of a file. The part "model" puts them on the object the roll-up's parts share (`r`). */
(function (kit) {
  "use strict";
  if (!kit) return;  // playbook.js did not load: the plain page stays

  function nFiles(n) { return n + (n === 1 ? " file" : " files"); }

  // The middle score; between two middle scores, their mean rounded half up as scores are.
  function median(values) {
    var v = values.slice().sort(function (a, b) { return a - b; }), m = v.length >> 1;
    return v.length % 2 ? v[m] : Math.floor((v[m - 1] + v[m]) / 2 + 0.5);
  }

  // A file from the other side of a partnership (the partner edition's, read here, or ours, read there) belongs to the
  // partnership of ours the reader chooses (entry.of), never to the name its authors gave it; its answers are read in
  // our frame (pbKit.align), so an item about one side holds their answer about that same side.
  function other(entry) { return entry.got.side !== kit.side() && entry.got.data.about !== "person"; }
  function partnershipOf(entry) { return other(entry) ? entry.of || "" : entry.got.partnership; }
  function answersOf(entry) {
    return entry.view || (entry.view = other(entry) ? kit.align(entry.got.data, entry.got).answers : entry.got.answers);
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

  function sideName() { return kit.side() ? "other side" : "partner's side"; }
  function rowName(row, unnamed) { return row.person ? "Not about a partnership" : row.name || unnamed; }
  function who(entry) { return (entry.got.respondent || entry.name) + (other(entry) ? " (" + sideName() + ")" : ""); }

  kit.part("rollup", "model", function (r) {
    r.nFiles = nFiles;
    r.other = other;
    r.answersOf = answersOf;
    r.identity = identity;
    r.add = add;
    r.rollup = rollup;
    r.apart = apart;
    r.kept = kept;
    r.sideName = sideName;
    r.rowName = rowName;
    r.who = who;
  });
})(window.pbKit);

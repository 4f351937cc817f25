/* The team roll-up's "Scores by respondent" (.pb-rollup__people, folded): who said what, for the conversation a
 * flagged cell calls for. A file from the other side belongs to a partnership of ours the reader chooses here (a
 * select per file); a move that would put two files of one person in one cell is refused with a message, so no
 * file ever leaves the roll-up without one. */
(function (kit) {
  "use strict";
  if (!kit) return;  // playbook.js did not load: the plain page stays
  var el = kit.el;

  // Which partnership of ours a file from the other side belongs to: the reader chooses among this browser's
  // partnerships (the current one at first), since the name the other side gave it is theirs, not ours.
  function choose(r, entry) {
    var pick = el("select", { "aria-label": "Partnership of the file " + entry.name, "data-pb-file": String(r.entries.indexOf(entry)) });
    var names = kit.partnerships(r.store).list.map(function (p) { return p.name; });
    if (names.indexOf(entry.of) < 0) names.unshift(entry.of);
    names.forEach(function (n) { var o = el("option", { value: n }, n); o.selected = n === entry.of; pick.append(o); });
    pick.addEventListener("change", function () { move(r, entry, pick); });
    return pick;
  }
  // The file counts for another partnership, in its place in the roll-up; keyboard focus stays on its select.
  function move(r, entry, pick) {
    var to = pick.value, moved = { name: entry.name, got: entry.got, of: to }, id = r.identity(moved);
    var clash = r.entries.filter(function (e) { return e !== entry && r.identity(e) === id; })[0];
    if (clash) {  // one person's two files in one cell: the roll-up would keep only one, so the file stays where it is
      pick.value = entry.of;
      r.say("The file " + entry.name + " still counts as the " + r.sideName() + " of " + entry.of + ": the roll-up " +
        "already has a file from " + r.who(clash) + " for " + to + " (" + clash.name + "). Move that file first, or " +
        "start a new roll-up with only the file you want.");
      return;
    }
    var at = r.entries.indexOf(entry);
    r.entries[at] = moved;
    r.dirty = true;
    r.draw();
    r.say("The file " + entry.name + " now counts as the " + r.sideName() + " of " + to + ".");
    var again = r.root.querySelector(".pb-rollup__people select[data-pb-file='" + at + "']");
    if (again) again.focus();
  }

  kit.part("rollup", "people", function (r) {
    var people = el("details", { "class": "pb-fold" });
    r.root.append(people);
    r.draws.push(function (rows, used) {
      people.textContent = "";
      people.hidden = !rows.length;
      if (!rows.length) return;
      var list = el("table", { "class": "pb-rollup__people" }), top = el("tr");
      ["Partnership", "Checklist", "Respondent", "Score", "Exported", "File"].forEach(function (t) {
        top.append(el("th", { scope: "col" }, t));
      });
      var body = r.table(list, top);
      rows.forEach(function (row) {
        used.forEach(function (d) {
          ((row.cells[d.id] || {}).people || []).forEach(function (p) {
            var g = p.entry.got, tr = el("tr"), place = el("td", {}, r.rowName(row, "Not named"));
            if (r.other(p.entry)) place.replaceChildren(choose(r, p.entry));
            tr.append(place, el("td", {}, d.title), el("td", {}, (g.respondent || "Not named") + (r.other(p.entry) ? " (" + r.sideName() + ")" : "")),
              el("td", {}, kit.fmt(p.score)), el("td", {}, kit.localDay(g.exported)), el("td", {}, p.entry.name));
            body.append(tr);
          });
        });
      });
      people.append(el("summary", {}, "Scores by respondent"), r.scroll(list, "pb-rollup-people-caption", "Each respondent's score"));
    });
  });
})(window.pbKit);

/* The team roll-up's files: chosen (the file input) or dropped on the board, each validated on its own exactly as the
 * checklist pages validate imports (pbReadExport); the accepted ones join the roll-up, each rejected one is named
 * with its reason, and a file the roll-up already has from the same person is named as not used. Adds r.take. */
(function (kit) {
  "use strict";
  if (!kit) return;  // playbook.js did not load: the plain page stays

  // What became of one validated file, for the status: rolled up, in place of an older one, or not used.
  function outcome(r, file) {
    var g = file.got, theirs = g.side !== kit.side() && g.data.about !== "person";
    if (theirs) file.of = r.current();
    var what = r.add(r.entries, file), about = [g.data.title, g.data.about === "person" ? "not about a partnership"
      : theirs ? "the " + r.sideName() + " of " + file.of + " (choose another partnership under \u201cScores by respondent\u201d)"
      : g.partnership || "partnership not named", g.respondent || "respondent not named"].join(", ");
    return { ok: true, used: what !== "older", name: file.name, text: what === "older"
      ? "not used: the roll-up already has a file from the same person for " + about + ", exported at the same time or later."
      : (what === "newer" ? "rolled up in place of an older file from the same person (" : "rolled up (") + about + ")." +
        (g.unknown.length ? " Items this version of the checklist does not have were left out: " + g.unknown.join(", ") + "." : "") };
  }

  function take(r, files) {
    files = Array.prototype.slice.call(files || []);
    if (!files.length) return;
    Promise.all(files.map(function (f) {
      return window.pbReadExport(f, r.checklists).catch(function () {
        return { ok: false, errors: ["The file could not be read."] };
      }).then(function (got) { return { name: f.name, got: got }; });
    })).then(function (results) {
      var outcomes = results.map(function (file) {
        return file.got.ok ? outcome(r, file) : { ok: false, name: file.name, text: file.got.errors.join(" ") };
      });
      var used = outcomes.filter(function (o) { return o.used; }).length, rejected = outcomes.filter(function (o) { return !o.ok; }).length;
      if (used) r.dirty = true;
      r.draw();
      r.say("Rolled up " + used + " of " + r.nFiles(results.length) +
        (rejected ? "; " + rejected + " rejected, each named below with the reason." : "."), outcomes);
    });
  }

  // The whole board is a drop target for export files.
  function dropTarget(r, node) {
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
      take(r, e.dataTransfer.files);
    });
  }

  kit.part("rollup", "files", function (r) {
    r.take = function (files) { take(r, files); };
    // The partnership a file from the other side joins at first: the current one here.
    r.current = function () {
      var reg = kit.partnerships(r.store);
      return (reg.list.filter(function (p) { return p.id === reg.current; })[0] || reg.list[0]).name;
    };
    dropTarget(r, r.node);
  });
})(window.pbKit);

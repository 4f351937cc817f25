/* The team roll-up's controls: choosing files, Save this roll-up, More (start a new one, delete the saved one), the
 * disagreement threshold, the status (role=status, every file named with its outcome) and the note while the
 * roll-up on screen is not saved. The part "tools" adds r.say(text, files) to the object the parts share. */
(function (kit) {
  "use strict";
  if (!kit) return;  // playbook.js did not load: the plain page stays
  var el = kit.el;

  // The file input (behind its button-like label), Save this roll-up and the More menu.
  function toolbar(r) {
    var tools = el("div", { "class": "pb-tools" });
    var input = el("input", { type: "file", multiple: "", accept: ".json,application/json", "class": "pb-import",
      id: "pb-rollup-files" });
    tools.append(input, el("label", { "for": input.id, "class": "md-button" }, "Choose exports (JSON)"));
    input.addEventListener("change", function () { r.take(input.files); input.value = ""; });
    kit.button("Save this roll-up", function () {
      if (!r.entries.length) { r.say("Nothing to save yet: choose the export files first."); return; }
      var ok = !!r.store && r.store.set(r.KEY, { format: r.FORMAT, formatVersion: 1, saved: new Date().toISOString(),
        threshold: r.threshold, files: r.entries.map(r.kept) });
      if (!ok) { r.say("Your browser refused to keep the roll-up (storage turned off or full); it stays on screen until you leave."); return; }
      r.dirty = false;
      r.draw();
      r.say("Saved this roll-up of " + r.nFiles(r.entries.length) + " in this browser; it is shown here until you delete it.");
    }, tools);
    kit.menu(tools, "More", "More roll-up actions", [["Start a new roll-up", function () {
      r.entries = [];
      r.dirty = r.read() !== null;  // differs from a saved roll-up, if there is one
      r.draw();
      r.say(r.dirty ? "The roll-up is empty; the saved one stays until you save or delete it." : "The roll-up is empty.");
    }], ["Delete the saved roll-up", function () {
      if (!window.confirm("Delete the saved roll-up? The files it was made from are not touched.")) return;
      if (r.store) r.store.remove(r.KEY);
      r.entries = [];
      r.dirty = false;
      r.draw();
      r.say("The saved roll-up was deleted.");
    }]]);
    return tools;
  }

  // The disagreement threshold: a cell is flagged when its scores differ by more than this many points.
  function threshold(r) {
    var limit = el("input", { id: "pb-rollup-threshold", type: "number", min: "0", max: "100", step: "1",
      "aria-describedby": "pb-rollup-threshold-hint" });
    var setting = el("p", { "class": "pb-rollup__threshold" });
    setting.append(el("label", { "for": limit.id }, "Flag disagreement above (points) "), limit, " ",
      el("span", { id: "pb-rollup-threshold-hint" }, "A cell is flagged when its highest and lowest scores differ by " +
        "more than this many points. The default, " + r.THRESHOLD + ", is the gap threshold of the comparison on " +
        "the checklist pages."));
    limit.addEventListener("input", function () {
      var v = Number(limit.value);
      if (limit.value === "" || !(v >= 0)) return;
      r.threshold = v;
      r.dirty = r.entries.length > 0;
      r.draw();
    });
    r.draws.push(function () { if (document.activeElement !== limit) limit.value = String(r.threshold); });
    return setting;
  }

  kit.part("rollup", "tools", function (r) {
    var status = el("div", { "class": "pb-rollup__status", role: "status" });
    var unsaved = el("p", { "class": "pb-rollup__unsaved" },
      "Not saved: this roll-up is gone when you leave the page, unless you choose Save this roll-up.");
    // A sentence, then (for files read) each file with what became of it; a rejected one with its reason.
    r.say = function (text, files) {
      status.textContent = "";
      status.append(el("p", {}, text));
      if (!files || !files.length) return;
      var ul = el("ul", { "class": "pb-rollup__files" });
      files.forEach(function (f) {
        var li = el("li", f.ok ? {} : { "class": "pb-rollup__rejected" });
        if (f.ok) li.append(f.name + ": " + f.text);
        else li.append(el("strong", {}, f.name + ": rejected."), " " + f.text);
        ul.append(li);
      });
      status.append(ul);
    };
    r.draws.push(function () { unsaved.hidden = !r.dirty; });
    r.root.append(toolbar(r), threshold(r), status, unsaved);
  });
})(window.pbKit);

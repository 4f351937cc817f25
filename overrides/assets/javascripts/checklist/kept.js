/* The checklist component's kept answers (p.pb-kept): answers to items this version of the checklist no longer has
 * stay stored, are listed, come back when the item returns, until discarded (with Undo). Then the warning shown when
 * the browser lets the page store nothing. */
(function (kit) {
  "use strict";
  var el = kit.el, S = window.pbStore;

  kit.part("checklist", "kept", function (a) {
    var form = a.form, store = a.store, kept = el("p", { "class": "pb-kept" }), text = el("span");
    var say = el("p", { "class": "pb-kept__status", role: "status" });
    var discard = kit.button("Discard them", function () {
      var gone = a.state.unknown, snap = store.capture([a.key()]), had = document.activeElement === discard;
      store.update(a.key(), function (rec) {
        rec = a.record(rec);
        gone.forEach(function (id) { delete rec.answers[id]; delete rec.notes[id]; });
        return rec;
      });
      a.redraw();
      var undo = store.undoable(say, "Discarded the answers kept for " + gone.length + " item(s) this version does not have.", snap, a.redraw);
      if (had) undo.focus();  // the button is hidden with its paragraph: the keyboard goes on from the control that replaced it
    });
    kept.append(text, " ", discard);
    form.insertBefore(kept, form.querySelector(".pb-section"));
    form.insertBefore(say, kept.nextSibling);
    a.draws.push(function (v) {
      var gone = v.gone;
      kept.hidden = !gone.length;
      text.textContent = gone.length ? "Kept from an earlier version of this checklist: answers or notes for " + gone.length +
        " item(s) it no longer has (" + S.few(gone) + "). They come back if the items return." : "";
    });
    if (!store.writable) {
      form.insertBefore(el("p", { "class": "pb-storage-warning" }, "Your browser is not letting this page store data, so " +
        "your answers will not be kept when you leave. Export them before you go."), form.firstChild.nextSibling);
    }
  });
})(window.pbKit);

/* The comparison component's partnership bar (div.pb-partnership-bar, before the first item): the picker, New
 * partnership and More (rename, delete), with their own status. Partnership first: the reader names whose answers
 * these are before answering. A checklist about a person has none. */
(function (kit) {
  "use strict";
  var el = kit.el, S = window.pbStore;

  kit.part("compare", "partnerships", function (c) {
    var form = c.form, data = c.data, store = c.store, status = c.barStatus;
    var picker = el("select", { id: "pb-partnership-" + data.id, "class": "pb-partnership" });
    c.fill = function () {
      picker.textContent = "";
      c.reg.list.forEach(function (p) {
        var o = el("option", { value: p.id }, p.name);
        if (p.id === c.reg.current) o.selected = true;
        picker.append(o);
      });
    };
    var bar = el("div", { "class": "pb-compare__tools" });
    bar.append(el("label", { "for": picker.id }, "Partnership "), picker);
    picker.addEventListener("change", function () { c.edit(function (r) { r.current = picker.value; }); c.shown(); });
    // Added after the question (pbStore.later), to the list as saved then.
    c.button(bar, "New partnership", function () {
      var name = S.name(window.prompt("Name of the new partnership:") || "");
      if (name) S.later(function () {
        var pid = "p" + Date.now().toString(36), was = c.current().name;
        c.edit(function (r) { r.list.push({ id: pid, name: name }); r.current = pid; });
        c.shown();
        status.textContent = "Started a new partnership: " + name + ". Your answers for " + was + " are kept; choose it above to go back.";
        // The reader starts answering for it: at the first item, not where the button was.
        var first = form.querySelector(".pb-item input");
        if (first) { first.focus({ preventScroll: true }); first.closest(".pb-item").scrollIntoView({ block: "center" }); }
      });
    });
    // Rename and delete are pbKit's, shared with the portfolio board.
    kit.menu(bar, "More", "More partnership actions", [["Rename", c.act(function () {
      kit.renamePartnership(store, c.current().id, function (said) {
        status.textContent = said;
        c.reg = c.registry();
        c.fill();
        c.api.reload();
      });
    })], ["Delete", c.act(function () {
      kit.deletePartnership(store, c.current().id, status, function () { c.reg = c.registry(); c.shown(); });
    })]]);
    if (!c.person) {
      var top = el("div", { "class": "pb-partnership-bar" }), named = form.querySelector(".pb-for");
      top.append(bar, status);
      form.insertBefore(top, named ? named.nextSibling : form.querySelector(".pb-section"));
    }
  });
})(window.pbKit);

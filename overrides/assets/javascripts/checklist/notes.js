/* The checklist component's answers and notes in the form: radios and note fields show what is saved (a note written
 * opens its details), and every change is saved as it is made. */
(function (kit) {
  "use strict";

  kit.part("checklist", "notes", function (a) {
    var form = a.form;
    a.fills.push(function () {
      form.querySelectorAll('input[type="radio"]').forEach(function (r) {
        var v = a.state.answers[r.name];
        r.checked = v !== undefined && r.value === String(v);
      });
      form.querySelectorAll("textarea").forEach(function (t) {
        var v = a.state.notes[t.name.slice(0, -6)] || "";
        if (t.value !== v && t !== document.activeElement) t.value = v;
        if (v) t.parentNode.open = true;  // a note written shows without a click
      });
    });
    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.type === "radio" && a.known[t.name]) a.change("answers", t.name, t.value === "na" ? "na" : Number(t.value));
    });
    form.addEventListener("input", function (e) {
      var t = e.target;
      if (t.tagName === "TEXTAREA" && /--note$/.test(t.name)) a.change("notes", t.name.slice(0, -6), t.value.slice(0, 5000));
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  });
})(window.pbKit);

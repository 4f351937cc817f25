/* The checklist component's way back in (p.pb-resume): on a checklist answered in part, how far it is, and a button
 * on to the first item left open. */
(function (kit) {
  "use strict";
  var el = kit.el;

  kit.part("checklist", "resume", function (a) {
    var form = a.form, resume = el("p", { "class": "pb-resume" }), text = el("span");
    resume.append(text, " ", kit.button("Go to the first unanswered item", function () {
      var open = Array.prototype.filter.call(form.querySelectorAll(".pb-item"), function (i) {
        return a.state.answers[i.getAttribute("data-pb-item")] === undefined; })[0];
      if (open) open.querySelector("input").focus();
    }));
    var begun = Object.keys(a.state.answers).length;
    if (begun && begun < a.total) form.insertBefore(resume, form.querySelector(".pb-section"));
    a.draws.push(function (v) {
      text.textContent = "You have answered " + v.answered + " of " + a.total + " items.";
      resume.hidden = v.answered === a.total;
    });
  });
})(window.pbKit);

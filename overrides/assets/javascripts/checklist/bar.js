/* The checklist component's summary bar (a.pb-bar: progress, score and band, in view while answering; it goes to the
 * results) and the line naming whose answers these are (p.pb-for). */
(function (kit) {
  "use strict";
  var el = kit.el;

  // Whose answers these are: near the top and in the bar, once there is more than the unnamed default one.
  // A link that named a partnership this browser does not keep says so above it.
  function forLine(a) {
    var line = el("p", { "class": "pb-for" }), form = a.form;
    form.insertBefore(line, form.querySelector(".pb-section"));
    if (kit.lost && !a.person) {
      var here = kit.findPartnership(kit.partnerships(a.store), a.pid);
      form.insertBefore(el("p", { "class": "pb-storage-warning", role: "alert" }, "The partnership this link names (" + kit.lost +
        ") was not found in this browser; it may have been deleted or kept in another browser. Showing " +
        (here ? here.name : "the current partnership") + " instead."), line);
    }
    a.draws.push(function (v) {
      line.textContent = v.name ? "Partnership: " : "";
      if (v.name) line.append(el("strong", {}, v.name));
      line.hidden = !v.name;
    });
  }

  kit.part("checklist", "bar", function (a) {
    var results = a.results, bar = el("a", { "class": "pb-bar", href: "#" + results.querySelector("h2").id });
    var count = el("span"), score = el("strong");
    forLine(a);
    bar.append(count, " ", score, " ", el("span", { "class": "pb-bar__go" }, "See results"));
    a.form.insertBefore(bar, results);
    // The jump is done here, not by Material's instant navigation: when a scroll ended less than 100 ms
    // before the click (a phone still gliding), Material takes the scroll position it saves for the
    // back button for a return visit and scrolls there instead (1 click in 4 in tests/test_browser_layout.py).
    bar.addEventListener("click", function (e) {
      if (e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;  // new tab or window: the link
      e.preventDefault();
      e.stopPropagation();
      var heading = results.querySelector("h2");
      heading.setAttribute("tabindex", "-1");
      heading.scrollIntoView();
      heading.focus({ preventScroll: true });
    });
    a.draws.push(function (v) {
      var r = v.r;
      count.textContent = (v.name ? v.name + ": " : "") + v.answered + " of " + a.total + " answered";
      score.textContent = r.overall === null ? "No score yet" : "Score " + r.overall + "%" + (r.band ? ": " + r.band.label : "");
    });
  });
})(window.pbKit);

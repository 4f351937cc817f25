/* Partnership Playbook: on a step page of an onboarding programme, load the programme bar only for a reader who
 * follows a programme this page is a step of (issue 23).
 *
 * macros/render/steps.py puts div[data-pb-steps] (the page's programmes, and in data-pb-src the address of
 * onboarding.js, which draws the bar) and this script on step pages only. A checklist can be a step, and the
 * assessment's budget is 16 KB of JavaScript and CSS: so this stays tiny, and onboarding.js (2.2 KB) comes only
 * when the address names one of the page's programmes or the one the reader follows is one of them.
 * Once onboarding.js is loaded it mounts every later step page itself (document$).
 */
(function () {
  "use strict";
  if (window.pbStepsLoaded) return;
  window.pbStepsLoaded = true;

  function check() {
    var node = document.querySelector("div[data-pb-steps]"), ids, named = null, followed = null;
    if (!node || window.pbPathLoaded) return;
    try {
      ids = JSON.parse(node.getAttribute("data-pb-data")).programmes.map(function (p) { return p.id; });
      named = new URL(location.href).searchParams.get("programme");
      followed = window.pbStore.get("pb:following");  // written by onboarding.js, through the one store
    } catch (e) { /* no storage: only the address can name a programme */ }
    if (!ids || (ids.indexOf(named) < 0 && ids.indexOf(followed) < 0)) return;
    var script = document.createElement("script");
    script.src = node.getAttribute("data-pb-src");
    document.head.appendChild(script);
  }

  if (window.pbKit) window.pbKit.everyPage(check);
})();

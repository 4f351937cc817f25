/* Partnership Playbook: the checklist component, and the start of the kit on every page.
 *
 * Components opt in with data-pb-checklist and mount on every document$ emission (Material's instant navigation),
 * once per element. Without JavaScript the form still reads, prints and can be scored by hand.
 * At build time macros/build/join.py joins the store (store.js), the kit's parts (kit/*.js) and the component's
 * parts (checklist/*.js) in front of this file and compare.js after it: one site-wide script, one request.
 */
(function (kit) {
  "use strict";
  if (kit.started) return;  // the kit runs once per browser page, whatever loads it again
  kit.started = true;

  // The component: its state (checklist/state.js), then each part a reader sees, in the order they were joined.
  function mount(form) {
    var a = kit.assessment(form);
    kit.runParts("checklist", a);
    a.fill();
    a.render();
    // The small API compare.js builds on.
    form.pbAssessment = {
      data: a.data, store: a.store, person: a.person,
      state: function () { return a.state; },
      reload: a.redraw
    };
    form.dispatchEvent(new CustomEvent("pb:mounted", { bubbles: true }));
  }

  function mountAll() {
    if (document.querySelector("form[data-pb-checklist]:not([data-pb-mounted])")) kit.followLink(kit.storage());
    kit.mountEach("form[data-pb-checklist]", "data-pb-mounted", mount, "Checklist enhancement failed; the plain form still works.");
  }

  // Material's search dialog has no accessible name (axe: aria-dialog-name).
  function labelSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search");
  }

  kit.everyPage(function () { labelSearch(); mountAll(); });
})(window.pbKit);

/* Partnership Playbook: the comparison panel's contents, loaded on demand (issues 21 and 24).
 *
 * The build joins compare/sides.js and compare/history.js in front of this file into the shipped compare.js, which
 * compare/panel.js (in playbook.js) loads the first time a panel opens. Their parts are registered by then; this
 * fills every panel already on the page, and marks the contents as here, so each later panel gets them at mount.
 */
(function (kit) {
  "use strict";
  kit.comparisonLoaded = true;
  document.querySelectorAll("form[data-pb-compare]").forEach(function (form) { if (form.pbCompare) form.pbCompare.more(); });
})(window.pbKit);

/* Partnership Playbook: the shared kit's core (window.pbKit), the namespace every part of the kit adds to.
 *
 * The kit is a site-wide script: its parts (kit/*.js, then the checklist component's parts, checklist/*.js) are
 * classic scripts joined into playbook.js at build time (macros/build/join.py), so a page makes one request and
 * Material's instant navigation runs them once. Each part is a function run with the namespace, in the order the
 * join lists them; page components mount through mountEach on every page (everyPage), once per element.
 */
(function () {
  "use strict";
  var kit = window.pbKit = window.pbKit || {};  // every part only adds to it, so running twice changes nothing

  /* -- Small DOM helpers (never innerHTML with data) ------------------------- */
  function make(node, attrs, text) {
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  kit.el = function (tag, attrs, text) { return make(document.createElement(tag), attrs, text); };
  kit.svg = function (tag, attrs, text) { return make(document.createElementNS("http://www.w3.org/2000/svg", tag), attrs, text); };
  // A button of the theme's look, calling `fn` when clicked, added to `parent` when one is given.
  kit.button = function (text, fn, parent) {
    var b = kit.el("button", { type: "button", "class": "md-button" }, text);
    b.addEventListener("click", fn);
    if (parent) parent.append(b);
    return b;
  };
  kit.fmt = function (value) { return value === null ? "–" : value + "%"; };

  // The reader's calendar day (their time zone) of an ISO timestamp, as YYYY-MM-DD; "" when it is not a date.
  // Timestamps are kept in UTC; every date the components show is this day, so one review has one date.
  kit.localDay = function (when) {
    var d = new Date(when);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return isNaN(d.getTime()) ? "" : d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  };

  /* -- Storage: the one store (store.js). When the browser lets the page read nothing (cookies blocked), the store
   * keeps every change in memory as when storage is full: it stays on screen across instant navigation, and the
   * store's message offers a backup (a null store lost answers at the first link followed). -------------------- */
  kit.storage = function () { return window.pbStore; };

  // Calls fn on every change another tab makes to storage, while node is on the page.
  kit.watch = function (node, fn) {
    function on(e) {
      if (!node.isConnected) window.removeEventListener("storage", on);
      else fn(e);
    }
    window.addEventListener("storage", on);
  };

  // Every component (the checklist's, compare.js, onboarding.js, portfolio.js, rollup.js) mounts through these two.
  // mountEach: `mount` runs once on each element `selector` finds that is `ready` (when given); the `flag`
  // attribute marks it. One that fails leaves its element as the page without JavaScript has it, and never
  // stops the others.
  kit.mountEach = function (selector, flag, mount, failure, ready) {
    document.querySelectorAll(selector + ":not([" + flag + "])").forEach(function (node) {
      if (ready && !ready(node)) return;
      node.setAttribute(flag, "");
      try { mount(node); } catch (e) { if (window.console) console.warn(failure, e); }
    });
  };
  // A component in parts, one file each: part(component, name, fn) registers a part (again under the same name
  // replaces it, so a kit run twice adds nothing); runParts(component, shared) runs them in the order they were
  // registered (the join's order), each with the object the component's parts share.
  var parts = {};
  kit.part = function (component, name, fn) { (parts[component] = parts[component] || {})[name] = fn; };
  kit.runParts = function (component, shared) {
    var of = parts[component] || {};
    Object.keys(of).forEach(function (name) { of[name](shared); });
  };
  // everyPage: `fn` on every page Material's instant navigation shows (document$), or once without it (file://).
  kit.everyPage = function (fn) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(fn);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  };
})();

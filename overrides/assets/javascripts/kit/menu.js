/* The kit's menu button (the WAI-ARIA menu button pattern, no framework): pbKit.menu(parent, text, name, entries). */
(function (kit) {
  "use strict";
  var el = kit.el, menus = 0;

  // Enter, Space or the arrow keys open it, the arrow keys, Home and End move, Escape closes it and gives focus back
  // to the button, Tab or a click elsewhere closes it. `entries` is a list of [label, action].
  kit.menu = function (parent, text, name, entries) {
    var wrap = el("div", { "class": "pb-menu" }), list = el("ul", { id: "pb-menu-" + ++menus, role: "menu", "aria-label": name });
    var btn = el("button", { type: "button", "class": "md-button", "aria-haspopup": "menu", "aria-expanded": "false",
      "aria-controls": list.id, "aria-label": name }, text);
    list.hidden = true;
    entries.forEach(function (entry) {
      var li = el("li", { role: "none" }), b = el("button", { type: "button", role: "menuitem", tabindex: "-1" }, entry[0]);
      b.addEventListener("click", function () { close(true); entry[1](); });
      li.append(b);
      list.append(li);
    });
    function items() { return Array.prototype.slice.call(list.querySelectorAll("button")); }
    function open(n) {
      list.hidden = false;
      btn.setAttribute("aria-expanded", "true");
      items().slice(n)[0].focus();
    }
    function close(back) {
      list.hidden = true;
      btn.setAttribute("aria-expanded", "false");
      if (back) btn.focus();
    }
    btn.addEventListener("click", function () { if (list.hidden) open(0); else close(); });
    btn.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); open(e.key === "ArrowUp" ? -1 : 0); }
    });
    list.addEventListener("keydown", function (e) {
      var all = items(), to = { ArrowDown: 1, ArrowUp: -1, Home: -all.length, End: all.length }[e.key];
      if (to) {
        e.preventDefault();
        all[Math.max(0, Math.min(all.length - 1, all.indexOf(document.activeElement) + to))].focus();
      } else if (e.key === "Escape") { e.preventDefault(); close(true); }
      else if (e.key === "Tab") close();
    });
    wrap.addEventListener("focusout", function (e) { if (!wrap.contains(e.relatedTarget)) close(); });
    wrap.append(btn, list);
    parent.append(wrap);
  };
})(window.pbKit);

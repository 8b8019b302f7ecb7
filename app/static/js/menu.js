// Comptoir: the main menu on narrow screens, and tab strips. Everything works without this file.
(function () {
  "use strict";

  // A Menu button (data-menu-toggle, aria-controls) opens and closes the whole menu. Opened, the
  // focus goes to its first entry (the menu comes after the top bar); Escape closes it and gives
  // the focus back to the button.
  function toggleOf(menu) {
    return document.querySelector("[data-menu-toggle][aria-controls='" + menu.id + "']");
  }
  function setOpen(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-menu-toggle]");
    if (!button) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    setOpen(button, open);
    var first = open && document.querySelector("#" + button.getAttribute("aria-controls") + " a");
    if (first) first.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || document.querySelector("dialog[open]")) return;
    var open = document.querySelector(".sidebar.is-open");
    var button = open && toggleOf(open);
    if (!button) return;
    setOpen(button, false);
    button.focus();
    event.preventDefault();
  });

  // A strip of tabs that scrolls sideways (a customer's tabs on a phone) shows its current tab.
  function showCurrentTabs(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll(".page-tabs").forEach(function (strip) {
      var current = strip.querySelector("[aria-current=page]");
      if (!current || strip.scrollWidth <= strip.clientWidth) return;
      var box = strip.getBoundingClientRect(), tab = current.getBoundingClientRect();
      strip.scrollLeft += (tab.left - box.left) - (box.width - tab.width) / 2;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { showCurrentTabs(document); });
  document.addEventListener("htmx:load", function (event) { showCurrentTabs(event.detail.elt); });
})();

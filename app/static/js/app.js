// Comptoir: small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Sectioned forms: tabs on wide screens; the section with the first error opens.
  function initTabs(root) {
    var forms = Array.prototype.slice.call(root.querySelectorAll(".sectioned-form"));
    if (root.matches && root.matches(".sectioned-form")) forms.push(root);
    forms.forEach(function (form) {
      var tabs = form.querySelectorAll("[role=tab]");
      function open(key, focus) {
        tabs.forEach(function (tab) {
          var selected = tab.dataset.section === key;
          tab.setAttribute("aria-selected", selected ? "true" : "false");
          tab.tabIndex = selected ? 0 : -1;
          if (selected && focus) tab.focus();
        });
        form.querySelectorAll(".section").forEach(function (section) {
          section.classList.toggle("is-open", section.dataset.section === key);
        });
        form.dataset.openSection = key;
      }
      tabs.forEach(function (tab, index) {
        tab.addEventListener("click", function () { open(tab.dataset.section, false); });
        tab.addEventListener("keydown", function (event) {
          var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
          if (!step) return;
          var next = tabs[(index + step + tabs.length) % tabs.length];
          open(next.dataset.section, true);
          event.preventDefault();
        });
      });
      open(form.dataset.openSection || (tabs[0] && tabs[0].dataset.section), false);
      var firstError = form.querySelector(".field-invalid input, .field-invalid select, .field-invalid textarea");
      if (firstError && form.querySelector(".form-error, .conflict")) firstError.focus();
    });
  }

  // "Same as customer details" / "Copy billing to shipping": data-copy="from:to from:to".
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var form = button.form;
    button.dataset.copy.split(" ").forEach(function (pair) {
      var names = pair.split(":");
      var source = form.elements[names[0]], target = form.elements[names[1]];
      if (source && target) {
        target.value = source.value;
        target.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  });

  // Destructive buttons ask first: data-confirm="question".
  document.addEventListener("submit", function (event) {
    var question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  document.addEventListener("DOMContentLoaded", function () { initTabs(document); });
  document.addEventListener("htmx:load", function (event) { initTabs(event.detail.elt); });
})();

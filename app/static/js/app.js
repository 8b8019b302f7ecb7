// Comptoir: small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // After every script's DOMContentLoaded set-up (htmx, tabs, editors, menu): see app.css.
  document.addEventListener("DOMContentLoaded", function () {
    setTimeout(function () { document.documentElement.classList.add("js-ready"); }, 0);
  });
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }

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
          if (getComputedStyle(tab).direction === "rtl") step = -step;  // the arrow's way on screen
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

  // A "Copy" button beside a read-only field: data-copy-text="#field-id"; the button then
  // says data-copied for a moment.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-text]");
    if (!button) return;
    var field = document.querySelector(button.dataset.copyText);
    if (!field) return;
    field.select();
    var done = function () {
      var label = button.textContent;
      button.textContent = button.dataset.copied || label;
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {});
    } else if (document.execCommand("copy")) {
      done();
    }
  });

  // Destructive buttons ask first: data-confirm="question".
  document.addEventListener("submit", function (event) {
    var question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  document.addEventListener("DOMContentLoaded", function () { initTabs(document); });
  document.addEventListener("htmx:load", function (event) { initTabs(event.detail.elt); });
})();

// Quick create: "+" opens the menu, the customer dialog opens modal, events close it and toast.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  document.addEventListener("keydown", function (event) {
    var menu = document.getElementById("quick-create-menu");
    if (!menu) return;
    if (document.querySelector("dialog[open]")) return;  // the dialog has the keyboard
    if (event.key === "+" && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      menu.open = true;
      var first = menu.querySelector(".quick-menu a");
      if (first) first.focus();
      event.preventDefault();
    } else if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  function openDialog(slot) {
    var dialog = slot.querySelector("dialog");
    if (!dialog) return;
    dialog.showModal();
    var invalid = dialog.querySelector(".field-invalid input, .field-invalid select");
    (invalid || dialog.querySelector("input:not([type=hidden]), select")).focus();
    dialog.addEventListener("close", function () {
      if (!slot.contains(dialog)) return;  // replaced by the answer to a refused form: not closed
      slot.innerHTML = "";
      var summary = document.querySelector("#quick-create-menu summary");
      if (summary) summary.focus();  // back where the keyboard user started
    });
    var menu = document.getElementById("quick-create-menu");
    if (menu) menu.open = false;
  }
  // htmx:load fires once the new content is processed, so Enter then submits through htmx.
  document.addEventListener("htmx:load", function (event) {
    var slot = event.detail.elt.closest && event.detail.elt.closest("#modal-slot");
    if (slot && event.detail.elt.tagName === "DIALOG") openDialog(slot);
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-dialog]")) {
      var dialog = event.target.closest("dialog");
      if (dialog) dialog.close();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.body.addEventListener("closeModal", function () {
      document.querySelectorAll("dialog.quick-dialog").forEach(function (dialog) {
        if (dialog.open) dialog.close();
      });
    });
    document.body.addEventListener("showToast", function (event) {
      var region = document.getElementById("toasts");
      if (!region) return;
      var toast = document.createElement("p");
      toast.className = "toast";
      toast.textContent = event.detail.message + " ";
      if (event.detail.url) {
        var link = document.createElement("a");
        link.href = event.detail.url;
        link.textContent = event.detail.label || event.detail.url;
        toast.appendChild(link);
      }
      region.appendChild(toast);
      setTimeout(function () { toast.remove(); }, 10000);
    });
  });

  // Rich text: a contenteditable editor writes its HTML into the form's textarea (sanitised server-side).
  function initRichText(root) {
    root.querySelectorAll("[data-rich-text]").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      var editor = box.querySelector(".rich-editor");
      var textarea = box.querySelector("textarea");
      editor.innerHTML = textarea.value;
      editor.addEventListener("input", function () { textarea.value = editor.innerHTML; });
      box.querySelectorAll("[data-command]").forEach(function (button) {
        button.addEventListener("click", function () {
          var value = button.dataset.value || null;
          if (button.dataset.prompt) {
            value = window.prompt(button.dataset.prompt, "https://");
            if (!value) return;
          }
          editor.focus();
          document.execCommand(button.dataset.command, false, value);
          textarea.value = editor.innerHTML;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { initRichText(document); });
  document.addEventListener("htmx:load", function (event) { initRichText(event.detail.elt); });
})();

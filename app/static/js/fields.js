// Comptoir: form fields. Everything works without this file (the server applies the same rules).
(function () {
  "use strict";

  // The primary contact's password box is for "Set it now" only; with "Send a link" it is hidden
  // and off (the server ignores a password sent with "Send a link" anyway).
  function syncPassword(form) {
    var box = form.querySelector("#field-contact_password");
    if (!box || !form.elements.password_choice) return;
    var chosen = form.querySelector("input[name=password_choice]:checked");
    var show = !!chosen && chosen.value === "password";
    box.hidden = !show;
    box.querySelectorAll("input").forEach(function (input) { input.disabled = !show; });
  }
  function syncPasswords(root) {
    var forms = Array.prototype.slice.call(root.querySelectorAll ? root.querySelectorAll("form") : []);
    var own = root.closest && root.closest("form");
    if (own) forms.push(own);
    forms.forEach(syncPassword);
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "password_choice" && event.target.form) syncPassword(event.target.form);
  });

  // A check's answer may name a value for another, still empty field: data-fill="country"
  // data-fill-value="FR" (the country a VAT number's prefix names). A chosen value stays.
  function fill(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("[data-fill]").forEach(function (note) {
      var form = note.closest("form");
      var target = form && form.elements[note.dataset.fill];
      if (!target || target.value) return;
      target.value = note.dataset.fillValue;
      target.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  document.addEventListener("DOMContentLoaded", function () { syncPasswords(document); });
  document.addEventListener("htmx:load", function (event) {
    syncPasswords(event.detail.elt);
    fill(event.detail.elt);
  });

  // A field checked as it is left (hx-target="#field-…") is answered for the value it was sent.
  // A late answer must never undo typing: if the field changed since, the answer is dropped
  // (leaving the field again checks the new value). An answer for the value still there goes
  // in; htmx keeps the focus and caret of a control whose id comes back.
  var sent = new WeakMap();
  function isFieldCheck(target) {
    return target && target.id && target.id.indexOf("field-") === 0;
  }
  function state(root) {
    return Array.prototype.map.call(root.querySelectorAll("input, select, textarea"), function (control) {
      if (control.type === "checkbox" || control.type === "radio") return control.checked ? "1" : "0";
      if (control.multiple) {
        return Array.prototype.map.call(control.selectedOptions, function (o) { return o.value; }).join(",");
      }
      return control.value;
    }).join("\u0000");
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (isFieldCheck(target)) sent.set(target, state(target));
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (isFieldCheck(target) && sent.has(target) && state(target) !== sent.get(target)) {
      event.detail.shouldSwap = false;  // stale: it judged a value no longer there
    }
  });
})();

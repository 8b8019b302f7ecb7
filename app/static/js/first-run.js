// The first-run card: choosing the country picks the currency it uses (each country option carries
// it in data-currency), unless the administrator chose a currency by hand. Without this file the
// empty choice means "the country's currency" on the server.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var changed = event.target;
    var country = changed.form && changed.form.querySelector("select[data-suggests]");
    var currency = country && changed.form.elements[country.dataset.suggests];
    if (!currency) { return; }
    if (changed === currency) { currency.dataset.chosen = "yes"; return; }
    if (changed !== country || currency.dataset.chosen === "yes") { return; }
    var option = country.selectedOptions[0];
    var suggested = option ? option.dataset.currency || "" : "";
    var offered = Array.prototype.some.call(currency.options, function (o) { return o.value === suggested; });
    currency.value = offered ? suggested : "";
  });
})();

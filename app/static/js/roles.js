// Staff invite and edit pages: the line under Role says what the chosen role allows (each
// option carries its summary in data-summary; the select names the line in data-role-summary).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-role-summary]")) return;
    var line = document.getElementById(select.getAttribute("data-role-summary"));
    var option = select.options[select.selectedIndex];
    if (line && option) line.textContent = option.getAttribute("data-summary") || "";
  });
})();

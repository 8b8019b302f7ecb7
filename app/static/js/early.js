// Comptoir: runs before the page is drawn, so the page never shows (or offers a click on) what
// stands in for a script: a rich-text box's plain textarea, a sectioned form's every section.
document.documentElement.classList.add("js");

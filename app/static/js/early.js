// Comptoir: runs before the page is drawn, so the page never shows (or is read) in its
// no-JavaScript form first: a rich-text box's plain textarea, a sectioned form's every section.
document.documentElement.classList.add("js");

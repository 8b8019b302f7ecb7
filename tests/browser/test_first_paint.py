"""A page is drawn in its JavaScript form from the first paint: a rich-text box never shows its
plain textarea first, which a person saw flash and a quick click could land on (the textarea then
vanished under the pointer)."""

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_user

RECORD_AT_PARSE_END = """
document.addEventListener("readystatechange", function () {
  if (document.readyState !== "interactive") return;
  var textarea = document.querySelector("[data-rich-text] textarea");
  window.__atParseEnd = {
    js: document.documentElement.classList.contains("js"),
    textarea: textarea ? getComputedStyle(textarea).display : null,
  };
});
"""


def test_rich_text_box_is_an_editor_before_the_deferred_scripts_run(browser, live_server, ctx):
    staff = make_user(name="Claire", is_admin=True, language="en")
    customer = make_customer(company="Fromagerie Dubois")
    context = browser.new_context()
    context.add_init_script(RECORD_AT_PARSE_END)
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers/{customer.id}/notes")
    # "interactive" comes when the page is parsed, before the deferred scripts (app.js) run.
    assert page.evaluate("window.__atParseEnd") == {"js": True, "textarea": "none"}
    context.close()

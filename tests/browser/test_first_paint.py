"""A page never shows what stands in for a script once scripts run, nor a widget before it works:
a rich-text box's plain textarea used to flash first, and a quick click could land on it (the
textarea then vanished under the pointer); an editor shown before its set-up lost what was typed."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_user

RECORD_AT_PARSE_END = """
document.addEventListener("readystatechange", function () {
  if (document.readyState !== "interactive") return;
  var box = document.querySelector("[data-rich-text]");
  if (!box) return;
  window.__atParseEnd = {
    textarea: getComputedStyle(box.querySelector("textarea")).display,
    editor: getComputedStyle(box.querySelector(".rich-editor")).display,
  };
});
"""


def test_rich_text_box_shows_neither_textarea_nor_unready_editor(browser, live_server, ctx):
    staff = make_user(name="Claire", is_admin=True, language="en")
    customer = make_customer(company="Fromagerie Dubois")
    context = browser.new_context()
    context.add_init_script(RECORD_AT_PARSE_END)
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers/{customer.id}/notes")
    # "interactive" comes when the page is parsed, before the deferred scripts (app.js) run.
    assert page.evaluate("window.__atParseEnd") == {"textarea": "none", "editor": "none"}
    editor = page.get_by_role("textbox", name="Note", exact=True)
    expect(editor).to_be_visible()
    expect(editor).to_have_attribute("contenteditable", "true")
    expect(page.locator("[data-rich-text] textarea")).to_be_hidden()
    context.close()

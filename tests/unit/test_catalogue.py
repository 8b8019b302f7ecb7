"""The request's catalogue (app/catalogue.py) is found once per locale, yet a word still comes
in the language of the moment: an email in the customer's language inside a staff member's
request, and back."""

from flask import render_template_string
from flask_babel import force_locale, gettext, lazy_gettext, ngettext, pgettext
from markupsafe import Markup


def test_words_follow_force_locale_inside_one_request(app):
    page = "{{ _('Customers') }}|{{ ngettext('%(num)d customer', '%(num)d customers', 2) }}"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert render_template_string(page) == "Customers|2 customers"
        assert gettext("Customers") == "Customers"
        with force_locale("fr"):
            assert render_template_string(page) == "Clients|2 clients"
            assert gettext("Customers") == "Clients"
            assert str(lazy_gettext("Customers")) == "Clients"
            with force_locale("de"):
                assert gettext("Customers") == "Kunden"
            assert ngettext("%(num)d customer", "%(num)d customers", 1) == "1 client"
        assert render_template_string(page) == "Customers|2 customers"
        assert str(lazy_gettext("Customers")) == "Customers"


def test_templates_keep_newstyle_gettext(app):
    """`%%` is a percent sign and named values are escaped, as with Jinja's own callables."""
    with app.test_request_context(), force_locale("en"):
        shown = render_template_string("{{ _('Active: %(company)s', company='<b>A&B</b>') }}")
        assert shown == "Active: &lt;b&gt;A&amp;B&lt;/b&gt;"
        assert pgettext("verb", "Open") == "Open"


def test_outside_a_request(app):
    with app.app_context():
        assert gettext("Customers") == "Customers"
    assert gettext("Customers") == "Customers"


def test_words_without_values_still_read_percent_signs(app):
    """A plain word skips `%` (it would change nothing), a `%%` still gives one percent sign,
    and `{% trans %}` reads the same catalogue."""
    page = (
        "{{ _('Customers') }}|{{ _('100%% sure') }}|{{ gettext('Customers') }}|"
        "{% trans %}Customers{% endtrans %}|{{ pgettext('verb', 'Open') }}"
    )
    with app.test_request_context(), force_locale("en"):
        assert render_template_string(page) == "Customers|100% sure|Customers|Customers|Open"
    with app.test_request_context(), force_locale("fr"):
        assert render_template_string(page).startswith("Clients|100% sure|Clients|Clients|")


def test_named_values_are_escaped_whatever_their_kind(app):
    """Text values fill `%(name)s` escaped; numbers, `%(num)d`, Markup and `%%` read as with
    Markup's own `%` (the result is markup: not escaped twice)."""
    page = (
        "{{ _('Active: %(company)s', company='<b>A&B</b> \"l\\'été\"') }}|"
        "{{ _('Active: %(company)s', company=markup) }}|{{ _('Active: %(company)s', company=7) }}|"
        "{{ _('%(num)d customer', num='12') }}|{{ _('%(name)s: 100%%', name='R&D') }}|"
        "{{ _('Active: %(company)s', company='x')|e }}"
    )
    with app.test_request_context(), force_locale("en"):
        shown = render_template_string(page, markup=Markup("<i>I</i>"))
    assert shown.split("|") == [
        "Active: &lt;b&gt;A&amp;B&lt;/b&gt; &#34;l&#39;été&#34;", "Active: <i>I</i>", "Active: 7",
        "12 customer", "R&amp;D: 100%", "Active: x",
    ]  # fmt: skip
    with app.test_request_context(), force_locale("fr"):
        shown = render_template_string("{{ _('Active: %(company)s', company='A&B') }}")
    assert shown.endswith("A&amp;B") and shown.startswith("Acti")

"""A label shown in every row of a list (a customer's state, a column's name) is translated
once per request and language, in the language of the moment, with the text the label gives."""

from flask import render_template_string
from flask_babel import force_locale
from flask_babel.speaklater import LazyString

from app.i18n import shipped_languages
from app.labels import activity, statuses

ROWS = "{% for n in range(25) %}{{ active_label(n % 2 == 0) }},{% endfor %}"


def test_a_label_in_every_row_is_translated_once_per_request(app, monkeypatch):
    translated = []
    original = LazyString.__str__

    def counting(self):
        if self._func is not str:  # a label's own lookup, not its kept text
            translated.append(self._args)
        return original(self)

    monkeypatch.setattr(LazyString, "__str__", counting)
    with app.test_request_context(), force_locale("fr"):
        shown = render_template_string(ROWS)
    assert shown == "Actif,Inactif," * 12 + "Actif,"
    assert sorted(translated) == [("record", "Active"), ("record", "Inactive")]


def test_the_words_follow_the_language_of_the_moment(app):
    page = "{{ active_label(true) }}|{% set name = field_name('active') %}{{ name }}{{ name }}"
    with app.test_request_context(), force_locale("en"):
        assert render_template_string(page) == "Active|ActiveActive"
        with force_locale("fr"):
            assert render_template_string(page) == "Actif|ActifActif"
        assert render_template_string(page) == "Active|ActiveActive"


def test_the_same_text_as_the_label_itself_in_every_language(app):
    """Shown, joined and compared as the label would be (a lazy string is not escaped)."""
    page = (
        "{{ active_label(false) }}|{{ field_name('active') ~ '&' }}|"
        "{{ active_label(true) == 'Active' }}"
    )
    bare = "{{ a }}|{{ b ~ '&' }}|{{ c == 'Active' }}"
    labels = {"a": statuses.active_label(False), "b": activity.field_name("active"),
              "c": statuses.active_label(True)}  # fmt: skip
    with app.app_context():
        codes = shipped_languages()
    for code in codes:
        with app.test_request_context(), force_locale(code):
            assert render_template_string(page) == render_template_string(bare, **labels), code

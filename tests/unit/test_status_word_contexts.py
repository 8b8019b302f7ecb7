"""A status word has its own context, so the same English word elsewhere is translated apart."""

from babel.messages.catalog import Catalog

from app.cli.translate import LABELS, shared_status_words, status_words

SOURCE = """
TICKET_STATUS_LABELS = {"open": _l("Open"), "closed": lazy_pgettext("status", "Closed")}
KIND_LABELS = {"invoice": (_l("Invoice"), _l("Invoices"), _l("New invoice"))}
"""


def test_status_words_come_from_the_status_dicts_only():
    assert status_words(SOURCE) == {(None, "Open"), ("status", "Closed")}


def test_the_real_labels_module_is_read():
    words = status_words(LABELS.read_text(encoding="utf-8"))
    assert {("status", "Open"), ("status", "Paid"), ("proposal", "Opened")} <= words


def test_a_status_word_used_elsewhere_under_the_same_context_is_flagged():
    pot = Catalog()
    pot.add("Open", locations=[("app/labels.py", 2), ("app/blueprints/admin/quick_create.py", 51)])
    pot.add("Closed", context="status", locations=[("app/labels.py", 2)])
    pot.add("Closed", locations=[("app/templates/admin/tickets/list.html", 3)])  # told apart
    problems = shared_status_words(pot, status_words(SOURCE))
    assert len(problems) == 1
    assert "'Open'" in problems[0] and "quick_create.py:51" in problems[0]


def test_translate_check_passes_on_the_shipped_catalogues(app):
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
    assert "status word" not in result.output

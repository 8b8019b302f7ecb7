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
    pot.add(
        "Open",
        locations=[("app/labels/statuses.py", 2), ("app/blueprints/admin/quick_create.py", 51)],
    )
    pot.add("Closed", context="status", locations=[("app/labels/statuses.py", 2)])
    pot.add("Closed", context="action", locations=[("app/templates/admin/tickets/list.html", 3)])
    problems = shared_status_words(pot, status_words(SOURCE))
    assert len(problems) == 1
    assert "'Open'" in problems[0] and "quick_create.py:51" in problems[0]


def test_a_status_word_used_elsewhere_without_a_context_is_flagged():
    """The report column *Paid* written `_("Paid")` beside the status `("status", "Paid")`:
    nothing tells a translator it is a column, and French showed the status's "Payée"."""
    source = 'DOCUMENT_STATUS_LABELS = {"paid": lazy_pgettext("status", "Paid")}'
    pot = Catalog()
    pot.add("Paid", context="status", locations=[("app/labels/statuses.py", 9)])
    pot.add("Paid", locations=[("app/templates/admin/reports/groups.html", 35)])
    pot.add("Paid", context="amount", locations=[("app/blueprints/admin/reports.py", 68)])
    problems = shared_status_words(pot, status_words(source))
    assert problems == [
        "status word 'Paid' is also used without a context in "
        "app/templates/admin/reports/groups.html:35: give that use its own context"
    ]


def test_the_check_command_fails_on_such_a_catalogue(app, tmp_path, monkeypatch):
    """`flask translate check` itself exits non-zero when the source has such a use."""
    import app.cli.translate as translate

    labels = tmp_path / "labels.py"
    labels.write_text('TICKET_STATUS_LABELS = {"open": lazy_pgettext("status", "Open")}\n')
    monkeypatch.setattr(translate, "LABELS", labels)
    real_extract = translate.extract

    def extract_with_a_bare_open(target, locations=False):
        real_extract(target, locations)
        with target.open("rb") as fh:
            pot = translate.read_po(fh)
        pot.add("Open", locations=[("app/templates/admin/quick.html", 7)])
        from babel.messages.pofile import write_po

        with target.open("wb") as fh:
            write_po(fh, pot)

    monkeypatch.setattr(translate, "extract", extract_with_a_bare_open)
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code == 1
    assert "status word 'Open' is also used without a context" in result.output


def test_translate_check_passes_on_the_shipped_catalogues(app):
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
    assert "status word" not in result.output

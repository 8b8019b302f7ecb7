"""The staff lists count their documents and add up their totals from the document tallies
(app/models/tally.py) when only a status filters them: the same documents in the same order,
the same page count and the same totals per currency as counting the documents themselves,
for every status filter of every kind, on a few hundred documents in 0-, 2- and 3-decimal
currencies; the tallies follow issuing, payments, credit notes, a cancel, a delete and plain
SQL, are built for documents made before the migration, and `check-data` names a tally that no
longer matches its documents."""

import random
import re
from datetime import date, timedelta
from decimal import Decimal

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import Document, DocumentTally
from app.services.integrity import run_checks
from app.services.sales.actions import cancel_invoice, issue, record_payment
from app.services.sales.credit import credit_from_invoice
from app.services.sales.queries import (
    STATUS_FILTERS,
    DocumentFilters,
    currency_totals,
    documents_query,
    list_summary,
)
from app.services.sales.status import effective_status
from app.services.scope import Scope
from tests.factories import make_admin, make_currency, make_customer, make_document, make_user

TODAY = date.today()
CURRENCIES = {"EUR": 2, "JPY": 0, "KWD": 3}
STATUSES = {"invoice": ("draft", "unpaid", "partial", "paid", "cancelled"),
            "estimate": ("draft", "sent", "accepted", "declined"),
            "proposal": ("draft", "sent", "open", "revised", "accepted", "declined"),
            "credit": ("draft", "open", "closed")}  # fmt: skip


def _many_documents(count: int = 400) -> list[Document]:
    """`count` documents of every kind, status and currency, dated around today (due before,
    on and after it, some without a due date), saved in one go (the triggers count each)."""
    rng = random.Random(21)
    customers = [make_customer(company=f"Tally {n} SA") for n in range(8)]
    for code, decimals in CURRENCIES.items():
        make_currency(code, decimals=decimals)
    documents = []
    for n in range(count):
        kind = rng.choice(("invoice", "invoice", "invoice", "estimate", "proposal", "credit"))
        code = rng.choice(tuple(CURRENCIES))
        step = Decimal(1).scaleb(-CURRENCIES[code])
        total = step * rng.randint(1, 10**6)
        issued_on = TODAY - timedelta(days=rng.randint(-5, 400))
        due = None if rng.random() < 0.1 else TODAY + timedelta(days=rng.randint(-60, 30))
        documents.append(Document(
            kind=kind, status=rng.choice(STATUSES[kind]), customer_id=rng.choice(customers).id,
            number=f"T-{n:05d}", issue_date=issued_on, due_date=due, currency_code=code,
            currency_decimals=CURRENCIES[code], language="en", client_company="Tally SA",
            total=total, amount_paid=step * rng.randint(0, int(total / step)),
        ))  # fmt: skip
    db.session.add_all(documents)
    db.session.commit()
    return documents


def _shown(document: Document, status: str) -> bool:
    """Whether the status filter `status` keeps `document` (the rule as people read it)."""
    if not status:
        return True
    if status == "due":
        return document.status in ("unpaid", "partial")
    if status in ("unpaid", "partial"):
        return document.status == status
    return effective_status(document, TODAY) == status


def _expected(documents, kind: str, status: str) -> tuple[list[int], list]:
    """The ids the list shows, newest first, and (currency, total, left) of those that count."""
    kept = [d for d in documents if d.kind == kind and _shown(d, status)]
    ids = [d.id for d in sorted(kept, key=lambda d: (d.issue_date, d.id), reverse=True)]
    sums: dict[str, list[Decimal]] = {}
    for d in kept:
        if d.status not in ("draft", "cancelled"):
            row = sums.setdefault(d.currency_code, [Decimal(0), Decimal(0)])
            row[0] += d.total
            row[1] += d.total - d.amount_paid
    return ids, [(code, *sums[code]) for code in sorted(sums)]


def test_every_status_filter_lists_counts_and_adds_up_as_the_documents_do(app, ctx):
    admin = make_admin()
    documents = _many_documents()
    everyone = Scope(user=admin)
    for kind, statuses in STATUS_FILTERS.items():
        for status in ("", *statuses):
            filters = DocumentFilters(kind=kind, status=status)
            ids, totals = _expected(documents, kind, status)
            count, tallied = list_summary(filters, everyone)
            listed = db.session.scalars(documents_query(filters, everyone)).all()
            assert [d.id for d in listed] == ids, (kind, status)
            assert count == len(ids), (kind, status)
            assert tallied == totals, (kind, status)
            # The documents themselves (the sums a date filter asks) say the same.
            direct = currency_totals(filters, everyone)
            assert _thousandths(direct) == _thousandths(totals), (kind, status)


def _thousandths(totals) -> list:
    """(currency, total, left) rows to the smallest unit of a 3-decimal currency (SQLite adds
    up fractional amounts in binary floating point)."""
    unit = Decimal("0.001")
    return [(code, Decimal(total).quantize(unit), Decimal(left).quantize(unit))
            for code, total, left in totals]  # fmt: skip


def _results(page: str) -> str:
    """The list's results section without its links (their addresses repeat the filters)."""
    section = page.split('id="results"', 1)[1].split("</section>", 1)[0]
    return re.sub(r'(href|hx-get)="[^"]*"', "", section)


def test_the_page_shows_the_same_rows_pager_and_totals_as_counting_the_documents(
    app, ctx, client, login_as
):
    admin = make_admin()
    _many_documents(260)  # three pages of invoices (100 a page) and more
    login_as(admin)
    for status in ("", "overdue", "due", "paid", "draft", "cancelled"):
        for page in (1, 2):
            url = f"/admin/invoices?status={status}&page={page}"
            tallied = client.get(url).get_data(as_text=True)
            # A date filter wider than every document: the same list, counted from the documents.
            counted = client.get(f"{url}&from=2000-01-01").get_data(as_text=True)
            assert _results(tallied) == _results(counted), (status, page)
    first = _results(client.get("/admin/invoices").get_data(as_text=True))
    assert "Page 1 of" in first and "in total" in first


def test_a_team_member_who_sees_every_invoice_gets_the_tallies_and_one_who_sees_his_own_not(
    app, ctx
):
    documents = _many_documents(120)
    team, sales = make_user(), make_user(role="sales")
    filters = DocumentFilters(kind="invoice", status="overdue")
    count, totals = list_summary(filters, Scope(user=team))
    assert count == len(_expected(documents, "invoice", "overdue")[0])
    assert totals == _expected(documents, "invoice", "overdue")[1]
    assert list_summary(filters, Scope(user=sales)) == (None, [])  # sees no customer's invoices


def tallies_check_problems() -> list[str]:
    [outcome] = run_checks(["tallies"])
    return [problem.line() for problem in outcome.problems]


def tally(kind="invoice", status="overdue") -> tuple:
    """(count, totals) the list reads for a kind and status filter."""
    db.session.expire_all()
    return list_summary(DocumentFilters(kind=kind, status=status), Scope())


def test_tallies_follow_issue_payments_credit_notes_cancel_delete_and_plain_sql(app, ctx):
    admin = make_admin()
    make_currency("EUR")
    draft = make_document(due_date=TODAY - timedelta(days=3))  # 900.00, late once issued
    assert tally("invoice", "draft") == (1, []) and tally() == (0, [])
    issue(draft, TODAY)  # issued today: its term is kept, so it is not late
    db.session.commit()
    assert tally("invoice", "unpaid") == (1, [("EUR", Decimal(900), Decimal(900))])
    db.session.execute(text("UPDATE sales_documents SET due_date = :d WHERE id = :id"),
                       {"d": TODAY - timedelta(days=1), "id": draft.id})  # fmt: skip
    db.session.commit()
    assert tally() == (1, [("EUR", Decimal(900), Decimal(900))])
    record_payment(draft, Decimal("100.10"), TODAY, "card", None, admin)
    db.session.commit()
    assert tally() == (1, [("EUR", Decimal(900), Decimal("799.90"))])
    assert tally("invoice", "partial")[0] == 1 and tally("invoice", "unpaid")[0] == 0
    other = make_document(status="unpaid")  # not yet due
    credit = credit_from_invoice(other, admin, TODAY)
    db.session.commit()
    assert tally("credit", "draft")[0] == 1
    cancel_invoice(other, admin)  # its credit note is issued, applied in full and closed
    db.session.commit()
    assert tally("invoice", "cancelled") == (1, [])
    assert tally("credit", "closed")[1] == [("EUR", Decimal(900), Decimal(0))]
    assert tally("invoice", "") == (2, [("EUR", Decimal(900), Decimal("799.90"))])
    db.session.delete(credit)  # the draft credit note made first
    db.session.commit()
    assert tally("credit", "draft") == (0, [])
    record_payment(draft, Decimal("799.90"), TODAY, "card", None, admin)
    db.session.commit()
    assert tally() == (0, []) and tally("invoice", "paid")[0] == 1
    assert tallies_check_problems() == []


def test_a_rolled_back_change_leaves_the_tallies_as_they_were(app, ctx):
    admin = make_admin()
    make_currency("EUR")
    invoice = make_document(status="unpaid", due_date=TODAY - timedelta(days=1))
    record_payment(invoice, Decimal("900"), TODAY, "card", None, admin)
    db.session.flush()
    db.session.rollback()
    assert tally() == (1, [("EUR", Decimal(900), Decimal(900))])


def test_check_data_names_a_tally_that_no_longer_matches_and_rebuild_mends_it(app, ctx):
    make_currency("EUR")
    due = TODAY + timedelta(days=30)
    make_document(status="unpaid", due_date=due)
    db.session.execute(
        text("UPDATE document_tallies SET total = total + 10000 WHERE status = 'unpaid'")
    )
    db.session.commit()
    [line] = tallies_check_problems()
    assert line == (
        f"tally of invoice unpaid in EUR, due {due.isoformat()}: expected 1 document(s), "
        "total 900, 900 left; found 1 document(s), total 901, 900 left"
    )
    db.session.execute(text("DELETE FROM document_tallies"))
    db.session.commit()
    assert "found 0 document(s)" in tallies_check_problems()[0]
    result = app.test_cli_runner().invoke(args=["billing", "rebuild-tallies"])
    assert result.exit_code == 0 and "1 document tally row(s) rebuilt" in result.output
    assert tallies_check_problems() == [] and tally("invoice", "due")[0] == 1


def test_the_migration_counts_the_documents_made_before_it(app, ctx):
    documents = _many_documents(60)
    expected = {status: _expected(documents, "invoice", status)
                for status in ("", "overdue", "paid")}  # fmt: skip
    db.session.remove()
    downgrade(revision="0030_customer_notes")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM sales_documents")).scalar() == 60
    finally:
        upgrade()
    for status, (ids, totals) in expected.items():
        assert tally("invoice", status) == (len(ids), totals)
    assert db.session.scalar(select(func.sum(DocumentTally.documents))) == 60
    assert tallies_check_problems() == []


def test_payments_and_cancels_at_once_on_invoices_due_the_same_day_keep_the_tallies(app, ctx):
    from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

    late = TODAY - timedelta(days=2)  # every invoice counts in the same tally rows
    invoices = [make_document(status="unpaid", due_date=late) for _ in range(6)]  # 900.00 each
    admin = make_admin()
    record_payment(invoices[0], Decimal("100"), TODAY, "card", None, admin)  # partial
    db.session.commit()
    paid_on = TODAY.isoformat()
    posts = [
        (f"/admin/invoices/{invoices[0].id}/payments", {"amount": "800", "paid_on": paid_on,
                                                         "mode": "card"}),  # partial -> paid
        (f"/admin/invoices/{invoices[1].id}/payments", {"amount": "900", "paid_on": paid_on,
                                                         "mode": "card"}),  # unpaid -> paid
        (f"/admin/invoices/{invoices[2].id}/payments", {"amount": "300", "paid_on": paid_on,
                                                         "mode": "card"}),  # unpaid -> partial
        (f"/admin/invoices/{invoices[3].id}/payments", {"amount": "300", "paid_on": paid_on,
                                                         "mode": "card"}),  # unpaid -> partial
        (f"/admin/invoices/{invoices[4].id}/cancel", {}),  # unpaid -> cancelled, credit closed
        (f"/admin/invoices/{invoices[5].id}/cancel", {}),
    ]  # fmt: skip
    results = _at_once(_browsers(app, len(posts)), posts)
    assert sorted(code for _url, code, _page in results) == [303] * 6
    assert tally() == (2, [("EUR", Decimal(1800), Decimal(1200))])  # two partly paid
    assert tally("invoice", "paid")[0] == 2 and tally("invoice", "cancelled")[0] == 2
    assert tally("credit", "closed")[0] == 2 and tallies_check_problems() == []


def test_documents_moving_between_the_same_tally_rows_in_opposite_directions_at_once(app, ctx):
    """One transaction turns an invoice from paid to partial while another turns one from
    partial to paid, over and over, both due the same day: the two tally rows are always
    locked in the same order (PostgreSQL), so neither waits for the other forever."""
    import threading

    due = TODAY - timedelta(days=5)
    first = make_document(status="paid", due_date=due)
    second = make_document(status="partial", due_date=due)
    errors: list[Exception] = []
    barrier, engine = threading.Barrier(2), db.engine

    def toggle(document_id: int, states: tuple[str, str]):
        try:
            barrier.wait(10)
            for n in range(60):
                with engine.begin() as conn:
                    conn.execute(text("UPDATE sales_documents SET status = :s WHERE id = :id"),
                                 {"s": states[n % 2], "id": document_id})  # fmt: skip
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=toggle, args=(first.id, ("partial", "paid"))),
               threading.Thread(target=toggle, args=(second.id, ("paid", "partial")))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert tally("invoice", "paid")[0] == 1 and tally("invoice", "partial")[0] == 1
    assert tallies_check_problems() == []

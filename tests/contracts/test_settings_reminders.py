"""Settings → Contracts (types, reminder days), the dashboard panel and `flask reminders`."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Contract, ContractType, OutboxMessage
from app.services.scope import Scope
from app.services.settings import get_settings, save_settings
from tests.factories import make_admin, make_contract, make_customer, make_user

SETTINGS = "/admin/settings/contracts"


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin(name="Ada Admin", email="ada@example.com")
    login_as(user)
    return user


def test_add_rename_and_delete_a_type(client, admin):
    assert client.post_form(SETTINGS, {"name": " Hosting "}, token_from=SETTINGS).status_code == 303
    kind = db.session.scalars(select(ContractType)).one()
    assert kind.name == "Hosting"
    response = client.post_form(SETTINGS, {"name": "hosting"}, token_from=SETTINGS)
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)
    assert client.post_form(SETTINGS, {"name": ""}, token_from=SETTINGS).status_code == 422
    url = f"{SETTINGS}/types/{kind.id}"
    assert client.post_form(url, {"name": "Web hosting"}, token_from=url).status_code == 303
    db.session.refresh(kind)
    assert kind.name == "Web hosting"
    contract = make_contract(make_customer(), type_id=kind.id)
    assert client.post_form(f"{url}/delete", {}, token_from=SETTINGS).status_code == 303
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).type_id is None
    assert db.session.scalars(select(ContractType)).all() == []
    assert client.get(f"{SETTINGS}/types/999999").status_code == 404


def test_accented_names_are_compared_without_case_on_every_database(client, admin):
    assert client.post_form(SETTINGS, {"name": "Été"}, token_from=SETTINGS).status_code == 303
    response = client.post_form(SETTINGS, {"name": "ÉTÉ"}, token_from=SETTINGS)
    assert response.status_code == 422 and "already exists" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ContractType.id))) == 1


def test_renaming_onto_another_name_is_refused(client, admin):
    db.session.add_all([ContractType(name="A"), ContractType(name="B")])
    db.session.commit()
    b = db.session.scalar(select(ContractType).where(ContractType.name == "B"))
    url = f"{SETTINGS}/types/{b.id}"
    assert client.post_form(url, {"name": "a"}, token_from=url).status_code == 422


def test_reminder_days_setting(client, admin):
    url = f"{SETTINGS}/reminders"
    assert (
        client.post_form(url, {"contract_reminder_days": "45"}, token_from=SETTINGS).status_code
        == 303
    )
    assert get_settings().contract_reminder_days == 45
    for bad in ("0", "abc", "", "400"):
        response = client.post_form(url, {"contract_reminder_days": bad}, token_from=SETTINGS)
        assert response.status_code == 422, bad
    assert get_settings().contract_reminder_days == 45


def test_staff_who_are_not_admins_get_403(client, ctx, login_as):
    login_as(make_user())
    assert client.get(SETTINGS).status_code == 403


def test_dashboard_panel_lists_contracts_ending_soon(client, admin):
    customer = make_customer(company="Acme")
    make_contract(customer, subject="Soon", end_date=date.today() + timedelta(days=10))
    make_contract(customer, subject="Later", end_date=date.today() + timedelta(days=100))
    make_contract(customer, subject="Past", start_date=date(2020, 1, 1), end_date=date(2020, 2, 1))
    make_contract(customer, subject="Draft soon", status="draft",
                  end_date=date.today() + timedelta(days=3))  # fmt: skip
    renewed = make_contract(customer, subject="Renewed already", status="signed",
                            end_date=date.today() + timedelta(days=4))  # fmt: skip
    make_contract(customer, subject="Its renewal", status="draft", renewed_from_id=renewed.id)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Contracts ending soon" in page and "Soon" in page and "Renewed already" not in page
    assert "Later" not in page and "Past" not in page and "Draft soon" not in page
    save_settings({"contract_reminder_days": 120})
    db.session.commit()
    assert "Later" in client.get("/admin/").get_data(as_text=True)


def test_reminders_are_sent_once_and_rearmed_by_a_new_end_date(app, ctx, inbox):
    creator = make_user(email="sam@example.com", name="Sam Staff")
    make_admin(email="boss@example.com")
    customer = make_customer(company="Acme")
    soon = make_contract(customer, subject="Soon", created_by_id=creator.id,
                         end_date=date.today() + timedelta(days=7))  # fmt: skip
    make_contract(customer, subject="Orphan", end_date=date.today() + timedelta(days=2))
    make_contract(customer, subject="Later", end_date=date.today() + timedelta(days=90))
    make_contract(customer, subject="Draft", status="draft", end_date=date.today())
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reminders"])
    assert result.exit_code == 0, result.output
    assert "2 contract(s)" in result.output
    received = sorted((m["To"], m["Subject"]) for m in inbox.messages)
    assert [to for to, _subject in received] == ["boss@example.com", "sam@example.com"]
    body = next(m for m in inbox.messages if m["To"] == "sam@example.com")
    text = body.get_body(("plain",)).get_content()
    assert "Soon" in text and f"/admin/contracts/{soon.id}" in text and "https://" in text
    inbox.clear()
    result = runner.invoke(args=["reminders"])
    assert "0 contract(s)" in result.output and not inbox.messages
    db.session.expire_all()
    contract = db.session.get(Contract, soon.id)
    assert contract.reminded_at is not None
    # Staff move the end date (through the form, which re-arms the reminder).
    contract.end_date, contract.reminded_at = date.today() + timedelta(days=20), None
    db.session.commit()
    runner.invoke(args=["reminders"])
    assert [m["To"] for m in inbox.messages] == ["sam@example.com"]
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))) is None


def test_contract_emails_are_editable_templates(client, admin):
    page = client.get("/admin/settings/email-templates").get_data(as_text=True)
    for name in ("Send a contract", "Contract signed (to staff)", "Contract ending soon"):
        assert name in page, name
    for key in ("contract_send", "contract_signed_staff", "contract_reminder_staff"):
        response = client.get(f"/admin/settings/email-templates/{key}/de")
        assert response.status_code == 200 and "Vertrag" in response.get_data(as_text=True)


def count_queries(func, table: str):
    """How many SELECTs from `table` `func()` runs."""
    from sqlalchemy import event

    seen = []

    def spy(conn, cursor, statement, *args):
        if statement.lstrip().startswith("SELECT") and f"FROM {table}" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        func()
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)
    return len(seen)


def test_ending_soon_and_reminders_read_customers_and_admins_once(app, ctx, inbox):
    from app.services.contracts.queries import ending_soon
    from app.services.contracts.reminders import queue_reminders

    make_admin(email="boss@example.com")

    def make(n):
        for _ in range(n):
            make_contract(make_customer(), end_date=date.today() + timedelta(days=5))
        db.session.expire_all()

    def panel():
        return [c.customer.company for c in ending_soon(30, Scope())]

    def remind():
        with app.test_request_context():
            queue_reminders()
        db.session.rollback()  # the same contracts are due again

    make(2)
    assert count_queries(panel, "customers") == 1
    assert count_queries(remind, "customers") == count_queries(remind, "users") == 1
    make(3)  # more contracts, no more reads of their customers or of the admins
    assert count_queries(panel, "customers") == 1
    assert count_queries(remind, "customers") == count_queries(remind, "users") == 1

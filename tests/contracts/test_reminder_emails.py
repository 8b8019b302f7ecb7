"""Reminders sent by the `reminders` command: each staff member in their own language, with
links built from BASE_URL (a path prefix included) and no request, real or faked."""

from datetime import date, timedelta

import pytest
from flask import Flask

from app.services.settings import save_settings
from tests.factories import make_admin, make_contract, make_customer, make_user


@pytest.fixture
def no_fake_request(monkeypatch):
    """The command must build its links without a request context."""

    def refuse(*args, **kwargs):
        raise AssertionError("a request context was built outside a request")

    monkeypatch.setattr(Flask, "test_request_context", refuse)


def run_reminders(app) -> None:
    result = app.test_cli_runner().invoke(args=["reminders"])
    assert result.exit_code == 0, result.output


def test_each_staff_member_hears_in_their_own_language(app, ctx, inbox, no_fake_request):
    save_settings({"default_language": "es"})
    customer = make_customer(language="en")
    author = make_user(email="sam@example.com", language="de")
    make_admin(email="boss@example.com", language="fr")
    make_contract(customer, subject="Wartung", created_by_id=author.id,
                  end_date=date.today() + timedelta(days=7))  # fmt: skip
    make_contract(customer, subject="Entretien", end_date=date.today() + timedelta(days=3))
    run_reminders(app)
    subjects = {m["To"]: m["Subject"] for m in inbox.messages}
    assert subjects["sam@example.com"].startswith("Vertrag endet am")
    assert subjects["boss@example.com"].startswith("Contrat se terminant le")


@pytest.mark.parametrize(
    "base_url", ["https://crm.example.com", "https://crm.example.com/comptoir"]
)
def test_links_start_with_base_url(app, ctx, inbox, monkeypatch, no_fake_request, base_url):
    monkeypatch.setitem(app.config, "BASE_URL", base_url)
    author = make_user(email="sam@example.com")
    contract = make_contract(make_customer(), created_by_id=author.id,
                             end_date=date.today() + timedelta(days=7))  # fmt: skip
    run_reminders(app)
    text = inbox.only().get_body(("plain",)).get_content()
    assert f"{base_url}/admin/contracts/{contract.id}" in text

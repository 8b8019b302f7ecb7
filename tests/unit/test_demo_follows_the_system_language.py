"""`flask demo` speaks the system language: a French install gets "TVA 20 %", French group and
department names; each customer's documents and contracts read in that customer's language."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ContractType, CustomerGroup, Department, Document, TaxRate
from app.services.settings import save_settings

EXPECTED = {
    "en": ("VAT", Decimal(20), {"VIP", "Wholesale", "Agencies", "Public sector"},
           "Technical support", {"Maintenance", "Hosting", "Consulting"}),
    "fr": ("TVA", Decimal(20), {"VIP", "Grossistes", "Agences", "Secteur public"},
           "Support technique", {"Maintenance", "Hébergement", "Conseil"}),
    "de": ("MwSt.", Decimal(19), {"VIP", "Großhandel", "Agenturen", "Öffentlicher Sektor"},
           "Technischer Support", {"Wartung", "Hosting", "Beratung"}),
    "es": ("IVA", Decimal(21), {"VIP", "Mayoristas", "Agencias", "Sector público"},
           "Soporte técnico", {"Mantenimiento", "Alojamiento", "Consultoría"}),
}  # fmt: skip


def run_demo(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()


def the_firms_words(app):
    return (
        db.session.scalars(select(TaxRate.name)).one(),
        db.session.scalars(select(TaxRate.percent)).one(),
        set(db.session.scalars(select(CustomerGroup.name))),
        db.session.scalars(select(Department.name)).one(),
        set(db.session.scalars(select(ContractType.name))),
    )


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_default_language_setting_names_the_demo(app, ctx, monkeypatch, language):
    monkeypatch.setitem(app.config, "DEFAULT_LANGUAGE", language)
    run_demo(app)
    tax, percent, groups, department, types = the_firms_words(app)
    assert (tax, percent, groups, department, types) == EXPECTED[language]
    run_demo(app)  # again: nothing doubles
    assert the_firms_words(app) == EXPECTED[language]


def test_the_saved_default_language_wins_over_the_environment(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "DEFAULT_LANGUAGE", "en")
    save_settings({"default_language": "fr"})
    db.session.commit()
    run_demo(app)
    assert the_firms_words(app)[0] == "TVA"


def test_each_customer_reads_its_documents_in_its_language(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "DEFAULT_LANGUAGE", "fr")
    run_demo(app)
    lines = {
        document.client_company: [item.description for item in document.items]
        for document in db.session.scalars(select(Document).where(Document.kind == "invoice"))
    }
    assert "Beratungstag" in lines["Müller Maschinenbau GmbH"]
    assert "Taller de marca" in lines["Estudio Olivares"]
    assert "Integration work" in lines["Northwind Traders Ltd"]
    assert "Module de boutique en ligne" in lines["Boulangerie Martin SARL"]
    tax_names = {t.name for d in db.session.scalars(select(Document)) for i in d.items
                 for t in i.taxes}  # fmt: skip
    assert tax_names == {"TVA"}


@pytest.mark.parametrize(
    ("language", "name", "country"),
    [("en", "Demo Studio", "IE"), ("fr", "Studio Démo", "FR"), ("de", "Demo-Studio", "DE")],
)
def test_the_demo_names_its_firm_so_the_dashboard_shows_no_first_run_card(
    app, ctx, monkeypatch, language, name, country
):
    from app.services.settings import load_settings
    from app.services.setup import setup_missing

    monkeypatch.setitem(app.config, "DEFAULT_LANGUAGE", language)
    run_demo(app)
    settings = load_settings()
    assert (settings.company_name, settings.company_country) == (name, country)
    assert setup_missing() == []


def test_the_demo_keeps_a_firm_name_an_administrator_chose(app, ctx):
    from app.services.settings import load_settings

    save_settings({"company_name": "Atelier Lumière"})
    db.session.commit()
    run_demo(app)
    assert load_settings().company_name == "Atelier Lumière"

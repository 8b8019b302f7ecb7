"""A long subject comes out of a real SMTP exchange exactly as written: folding the header
neither drops a space nor turns a no-break space (U+00A0, U+202F) into a plain one."""

import pytest

from app.extensions import db
from app.services.mail.smtp import transmit
from app.services.settings import get_settings, save_settings
from tests.factories import make_contact, make_contract, make_customer, make_user

NBSP, NNBSP = "\u00a0", "\u202f"


def test_a_french_contract_subject_arrives_exactly(client, ctx, login_as, inbox):
    save_settings({"company_name": "Atelier Comptoir"})
    db.session.commit()
    login_as(make_user())
    customer = make_customer(company="Boulangerie Martin", language="fr")
    make_contact(customer, perm_contracts=True)
    subject = "Maquettes page d'accueil, refonte du site vitrine et boutique en ligne (2026)"
    contract = make_contract(customer, subject=subject, status="draft")
    url = f"/admin/contracts/{contract.id}"
    assert client.post_form(f"{url}/send", {}, token_from=url).status_code == 303
    received = inbox.only()["Subject"]
    assert received == f"Atelier Comptoir{NBSP}: contrat «{NBSP}{subject}{NBSP}»"


@pytest.mark.parametrize(
    "subject",
    [
        f"Nouveau ticket{NBSP}: « Maquettes page d'accueil » — réponse sous 48{NNBSP}h{NBSP}!",
        f"«{NBSP}Maquettes{NBSP}page{NBSP}d'accueil{NBSP}»{NBSP}" * 5,
        "Relance : facture FA-2026-0042 de 1" + NNBSP + "250,00" + NBSP + "€ échue le 12/11 " * 3,
        "Ihre Anfrage „Startseite“ – Antwort folgt  (zwei Leerzeichen)  " + "ä" * 40,
        "Plain ASCII subject that is long enough to be folded by the mail library " * 2,
        "=?utf-8?q?looks_encoded?= but is what the customer typed",
    ],
)
def test_any_long_subject_arrives_exactly(ctx, inbox, subject):
    transmit("claire@example.com", subject, "Texte", "<p>Texte</p>", get_settings())
    message = inbox.only()
    assert message["Subject"] == subject
    assert message.get_body(("plain",)).get_content().strip() == "Texte"

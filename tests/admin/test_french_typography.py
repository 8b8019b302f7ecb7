"""French wording: a no-break space before : ; ! ?, and no elision broken by a name."""

import re
from pathlib import Path

import pytest

from tests.factories import make_admin, make_contact, make_customer
from tests.portal.test_view_as import view_as

NBSP = "\u00a0"
CATALOGUE = Path(__file__).parents[2] / "translations/fr/LC_MESSAGES/messages.po"


def french_texts():
    """Every msgstr of the French catalogue, joined across its lines (obsolete ones left out)."""
    texts, current = [], None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr"):
            current = [line.split('"', 1)[1].rsplit('"', 1)[0]]
            texts.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line[1:-1])
        else:
            current = None
    return ["".join(parts) for parts in texts]


def test_french_punctuation_has_a_no_break_space_before_it():
    wrong = [
        text
        for text in french_texts()[1:]  # the first is the header
        if re.search(r"\S [:;!?](\s|$|<)", text)
        or re.search(r"[^\W\d_]:(\s|$|%)", text.replace("https:", "").replace("http:", ""))
    ]
    assert not wrong


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "<h1>Default notes and terms: Proposals · "),
        ("fr", f"<h1>Notes et conditions par défaut{NBSP}: Propositions · "),
        ("de", "<h1>Standard-Anmerkungen und -Bedingungen: Vorschläge · "),
        ("es", "<h1>Notas y condiciones predeterminadas: Propuestas · "),
    ],
)
def test_the_default_texts_heading_is_one_sentence(client, ctx, login_as, language, heading):
    login_as(make_admin(language=language))
    page = client.get("/admin/settings/finance/texts/proposal/fr").get_data(as_text=True)
    assert heading in page


def test_the_view_as_banner_names_the_contact_after_a_colon_in_french(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    contact = make_contact(make_customer(company="Atelier", language="fr"), first_name="Élodie")
    view_as(client, contact)
    page = client.get("/clients/").get_data(as_text=True)
    assert f"Vous consultez l'espace client en tant que contact{NBSP}: Élodie" in page
    assert "que Élodie" not in page

"""Migration 0011: a sender name that is only the old default "Comptoir" (Settings → Email
showed it, so saving that page stored it) is forgotten, and emails go out in the company's name;
a name an administrator typed stays."""

import pytest
from flask_migrate import downgrade, upgrade

from app.extensions import db
from app.services.branding import sender_name
from app.services.settings import get_settings, save_settings


@pytest.mark.parametrize(
    "saved,effective",
    [("Comptoir", "Atelier Lumière"), ("Atelier — Facturation", "Atelier — Facturation")],
)
def test_the_old_default_sender_name_gives_way_to_the_company_name(app, ctx, saved, effective):
    db.session.remove()
    downgrade(revision="0010_finance_numbering")
    try:
        save_settings({"company_name": "Atelier Lumière", "mail_sender_name": saved})
        db.session.commit()
        db.session.remove()
    finally:
        upgrade()
    assert sender_name(get_settings()) == effective

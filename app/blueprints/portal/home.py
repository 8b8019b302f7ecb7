"""The portal dashboard: one card per module this contact may use, and the knowledge base's
(every contact reads it): a search box and its newest articles in the customer's language."""

from flask_login import current_user

from app.blueprints.portal import bp
from app.htmx import render
from app.models import PORTAL_MODULES
from app.services.kb.queries import newest_articles
from app.services.languages import customer_language


@bp.get("/")
def dashboard():
    modules = [m for m in PORTAL_MODULES if current_user.may_use(m)]
    language = customer_language(current_user.customer)
    return render("portal/dashboard.html", modules=modules, language=language,
                  articles=newest_articles(language))  # fmt: skip

"""The demo knowledge base: two groups and three articles in English and French (once)."""

from sqlalchemy import exists, select

from app.extensions import db
from app.i18n import default_language
from app.models import KbArticle, User
from app.services.kb.service import save_article, save_group

GROUPS = {
    "start": ({"en": "Getting started", "fr": "Premiers pas"}, 1),
    "billing": ({"en": "Invoices and payments", "fr": "Factures et paiements"}, 2),
}

# group, visibility, {language: (title, body)}
ARTICLES = [
    ("start", "public", {
        "en": ("How to add a customer",
               "<p>Open <b>Customers</b> in the menu and click <b>New customer</b>.</p>"
               "<ul><li><b>Customer details</b>: the company, its VAT number and phone.</li>"
               "<li><b>Primary contact</b>: the person who signs into the client portal.</li>"
               "<li><b>Permissions</b>: the portal modules this contact may use.</li>"
               "<li><b>Advanced options</b>: groups, currency and language.</li></ul>"
               "<p>Click <b>Save</b>. The contact receives a link to choose a password.</p>"),
        "fr": ("Comment ajouter un client",
               "<p>Ouvrez <b>Clients</b> dans le menu et cliquez sur <b>Nouveau client</b>.</p>"
               "<ul><li><b>Informations client</b> : la société, son numéro de TVA et son "
               "téléphone.</li><li><b>Contact principal</b> : la personne qui se connecte au "
               "portail client.</li><li><b>Autorisations</b> : les modules du portail que ce "
               "contact peut utiliser.</li><li><b>Options avancées</b> : groupes, devise et "
               "langue.</li></ul><p>Cliquez sur <b>Enregistrer</b>. Le contact reçoit un lien "
               "pour choisir son mot de passe.</p>"),
    }),
    ("start", "portal", {
        "en": ("How to reset your password",
               "<p>On the sign-in page, click <b>Forgot password?</b> and enter your email. "
               "The link we send works once, for one hour.</p>"),
        "fr": ("Comment réinitialiser votre mot de passe",
               "<p>Sur la page de connexion, cliquez sur <b>Mot de passe oublié ?</b> et "
               "saisissez votre e-mail. Le lien envoyé fonctionne une fois, pendant une "
               "heure.</p>"),
    }),
    ("billing", "portal", {
        "en": ("How to pay an invoice",
               "<p>Open <b>Invoices</b>, choose the invoice and download its PDF: the bank "
               "details are at the bottom. Your payment appears once we record it.</p>"),
        "fr": ("Comment payer une facture",
               "<p>Ouvrez <b>Factures</b>, choisissez la facture et téléchargez son PDF : les "
               "coordonnées bancaires figurent en bas. Votre paiement apparaît dès que nous "
               "l’enregistrons.</p>"),
    }),
]  # fmt: skip


def load_demo_kb(admin: User) -> int:
    """Add the demo articles if the knowledge base is empty; returns how many were added."""
    if db.session.scalar(select(exists().where(KbArticle.id.isnot(None)))):
        return 0
    default = default_language()  # a group needs its name in it: the English one unless French
    groups = {key: save_group(None, {default: names["en"], **names}, position)
              for key, (names, position) in GROUPS.items()}  # fmt: skip
    for group, visibility, texts in ARTICLES:
        article = None
        for language, (title, body) in texts.items():
            values = {"group_id": groups[group].id, "status": "published", "slug": "",
                      "visibility": visibility, "title": title, "body": body}  # fmt: skip
            article = save_article(article, language, values, admin)
    return len(ARTICLES)

"""The knowledge base in the portal: every contact (no permission needed) reads the published
articles in the customer's language, searches them and says whether one helped."""

from flask import request, url_for
from flask_login import current_user

from app.blueprints.kb_pages import article_context, readable_or_404, vote_post
from app.blueprints.portal import bp
from app.htmx import render
from app.services.kb.queries import grouped, readable_articles
from app.services.languages import customer_language
from app.services.lists import search_text
from app.throttle import throttle_kb_votes

kb_votes = throttle_kb_votes()


def _language() -> str:
    return customer_language(current_user.customer)


def _voter() -> dict:
    return {"contact_id": current_user.id}


@bp.get("/kb")
def kb_list():
    q, language = search_text(request.args), _language()
    sections = grouped(readable_articles(language, q, portal=True), language)
    return render("portal/kb/list.html", block="results", q=q, sections=sections,
                  language=language)  # fmt: skip


@bp.get("/kb/<slug>")
def kb_article(slug: str):
    text = readable_or_404(slug, portal=True)
    return render("portal/kb/article.html", **article_context(text, _language(), _voter()))


@bp.post("/kb/<slug>/vote")
@kb_votes
def kb_vote(slug: str):
    text = readable_or_404(slug, portal=True)
    return vote_post(text, "portal/kb/article.html", _language(), _voter(),
                     url_for("portal.kb_article", slug=slug))  # fmt: skip

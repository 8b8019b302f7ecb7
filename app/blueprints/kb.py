"""The knowledge base's public pages (/kb/<address>): a published public article, readable by
anyone with the link, no sign-in; a browser's answer is kept under a signed cookie's id."""

import secrets

from flask import Blueprint, after_this_request, current_app, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from app.blueprints.kb_pages import article_context, readable_or_404, vote_post
from app.htmx import render
from app.services.languages import speak
from app.throttle import throttle_kb_votes

bp = Blueprint("kb", __name__, url_prefix="/kb")

VISITOR_COOKIE = "kb_visitor"
VISITOR_AGE = 2 * 365 * 24 * 3600
kb_votes = throttle_kb_votes()


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="kb-visitor")


def visitor_id() -> str | None:
    """This browser's id from its signed cookie (None: none yet, or a forged one)."""
    try:
        value = _signer().loads(request.cookies.get(VISITOR_COOKIE, ""))
    except BadSignature:
        return None
    return value if isinstance(value, str) and len(value) <= 64 else None


def _new_visitor() -> str:
    """A new id for this browser, set in its cookie with this response."""
    visitor = secrets.token_urlsafe(24)

    @after_this_request
    def remember(response):
        response.set_cookie(VISITOR_COOKIE, _signer().dumps(visitor), max_age=VISITOR_AGE,
                            secure=request.is_secure, httponly=True, samesite="Lax")  # fmt: skip
        return response

    return visitor


def _page(text) -> str:
    """The page speaks the article's language (its other languages are linked by their names)."""
    speak(text.language)
    return text.language


@bp.get("/<slug>")
def article_show(slug: str):
    text = readable_or_404(slug, portal=False)
    reader = _page(text)
    return render("kb/article.html", **article_context(text, reader, {"visitor": visitor_id()}))


@bp.post("/<slug>/vote")
@kb_votes
def article_vote(slug: str):
    text = readable_or_404(slug, portal=False)
    reader = _page(text)
    voter = {"visitor": visitor_id() or _new_visitor()}
    return vote_post(text, "kb/article.html", reader, voter,
                     url_for("kb.article_show", slug=slug))  # fmt: skip

"""What the portal's and the public knowledge base article pages share: the article's context
and the "Was this article helpful?" post (one template block, `vote`, answers htmx)."""

from flask import abort
from flask_babel import gettext as _

from app.blueprints.posting import saved_form
from app.forms.kb import VoteForm
from app.htmx import form_status, render
from app.models import KbTranslation
from app.services import ValidationError
from app.services.kb.queries import readable_translation
from app.services.kb.votes import my_vote, vote


def readable_or_404(slug: str, portal: bool) -> KbTranslation:
    """The published text at this address (public ones only outside the portal), else 404."""
    return readable_translation(slug, portal) or abort(404)


def article_context(text: KbTranslation, reader_language: str, voter: dict, form=None) -> dict:
    """The page's values: the text, the reader's earlier answer, and the article's text in the
    reader's language when this one is in another."""
    own = next((t for t in text.article.translations if t.language == reader_language), None)
    answer = my_vote(text.article, **voter)
    form = form or VoteForm(data={"comment": answer.comment if answer else None})
    return {"text": text, "article": text.article, "vote": answer, "form": form,
            "in_reader_language": own if own is not text else None,
            "other_texts": [t for t in text.article.translations if t is not text],
            "reader_language": reader_language}  # fmt: skip


def _answer(form) -> bool:
    answer = form.helpful.data
    if answer not in ("yes", "no"):
        raise ValidationError(_("Choose Yes or No."), "helpful")
    return answer == "yes"


def vote_post(text: KbTranslation, template: str, reader_language: str, voter: dict, to: str):
    """Record the answer; htmx gets the page's `vote` block (with the comment box after No)."""
    form = VoteForm()

    def save():
        return vote(text.article, _answer(form), form.comment.data, text.language, **voter)

    def block(_vote):
        return render(template, block="vote", **article_context(text, reader_language, voter))

    message = _("Thank you for your answer.")
    done = saved_form(form, save, message, to, htmx=block, field="helpful")
    return done or render(template, block="vote", status=form_status(form),
                          **article_context(text, reader_language, voter, form))  # fmt: skip

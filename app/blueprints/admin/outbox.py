"""Settings → Email → Outbox (admins): every message with its state and last error; Retry now."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action
from app.htmx import render
from app.models import OutboxMessage
from app.services.lists import paginate
from app.services.mail.outbox import retry_now
from app.services.mail.queries import OUTBOX_STATES, OutboxFilters, outbox_query, outbox_state
from app.services.scope import scope_of


@bp.get("/settings/email/outbox")
def outbox_list():
    filters = OutboxFilters.from_args(request.args)
    page = paginate(outbox_query(filters, scope_of(current_user)), request.args, "outbox")
    return render("admin/settings/outbox.html", block="results", page=page, filters=filters,
                  states=OUTBOX_STATES, state_of=outbox_state)  # fmt: skip


def resend(message: OutboxMessage, back: str):
    """Hand an unsent message to the worker now and say so (here and on the customer's page)."""
    text = _("The email to %(email)s will be sent again in a moment.", email=message.recipient)
    return run_action(lambda: retry_now(message), text, back)


@bp.post("/settings/email/outbox/<int:message_id>/retry")
def outbox_retry(message_id: int):
    message = scope_of(current_user).get_or_404(OutboxMessage, message_id)
    if message.sent_at is not None:
        abort(404)
    return resend(message, url_for("admin.outbox_list", state=request.args.get("state") or None))

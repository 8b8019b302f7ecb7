"""Settings → Email → Outbox (admins): every message with its state and last error; Retry now."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_pgettext

from app.blueprints.admin import admin_required, bp
from app.extensions import db
from app.htmx import render
from app.models import OutboxMessage
from app.services.mail.outbox import retry_now
from app.services.mail.outbox_list import OUTBOX_STATES, outbox_query, outbox_state

PER_PAGE = 50
STATE_LABELS = {
    "queued": lazy_pgettext("email", "Queued"),
    "failed": lazy_pgettext("email", "Failed"),
    "sent": lazy_pgettext("email", "Sent"),
}


@bp.get("/settings/email/outbox")
@admin_required
def outbox_list():
    state = request.args.get("state") if request.args.get("state") in OUTBOX_STATES else ""
    pagination = db.paginate(outbox_query(state), per_page=PER_PAGE, error_out=False)
    return render("admin/settings/outbox.html", block="results", messages=pagination.items,
                  pagination=pagination, state=state, states=STATE_LABELS,
                  state_of=outbox_state)  # fmt: skip


@bp.post("/settings/email/outbox/<int:message_id>/retry")
@admin_required
def outbox_retry(message_id: int):
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.sent_at is not None:
        abort(404)
    retry_soon(message)
    return redirect(url_for("admin.outbox_list", state=request.args.get("state") or None), 303)


def retry_soon(message: OutboxMessage) -> None:
    """Hand an unsent message to the worker now and say so (here and on the customer's page)."""
    retry_now(message)
    db.session.commit()
    flash(
        _("The email to %(email)s will be sent again in a moment.", email=message.recipient),
        "success",
    )

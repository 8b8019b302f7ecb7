"""Emails to a customer's people that have not left yet: shown on its page, resent on demand."""

from flask import abort, url_for

from app.blueprints.admin import bp
from app.blueprints.admin.outbox import resend
from app.extensions import db
from app.models import OutboxMessage


@bp.post("/customers/<int:customer_id>/emails/<int:message_id>/resend")
def customer_email_resend(customer_id: int, message_id: int):
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.customer_id != customer_id or message.sent_at is not None:
        abort(404)
    return resend(message, url_for("admin.customer_detail", customer_id=customer_id))

"""Emails to a customer's people that have not left yet: shown on its page, resent on demand."""

from flask import abort, url_for
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.outbox import resend
from app.models import OutboxMessage
from app.services.scope import scope_of


@bp.post("/customers/<int:customer_id>/emails/<int:message_id>/resend")
def customer_email_resend(customer_id: int, message_id: int):
    message = scope_of(current_user).of_customer_or_404(OutboxMessage, customer_id, message_id)
    if message.sent_at is not None:
        abort(404)
    return resend(message, url_for("admin.customer_detail", customer_id=customer_id))

"""Emails to a customer's people that have not left yet: shown on its page, resent on demand."""

from flask import abort, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action
from app.extensions import db
from app.models import OutboxMessage
from app.services import ValidationError
from app.services.mail.outbox import retry_now
from app.services.scope import scope_of


@bp.post("/customers/<int:customer_id>/emails/<int:message_id>/resend")
def customer_email_resend(customer_id: int, message_id: int):
    message = scope_of(current_user).get_or_404(OutboxMessage, message_id)
    if message.customer_id != customer_id or message.sent_at is not None:
        abort(404)

    def resend():
        if not retry_now(message):  # the attempt is recorded (committed) by the outbox itself
            db.session.refresh(message)
            raise ValidationError(
                _("The email could not be sent: %(error)s", error=message.last_error)
            )

    return run_action(resend, _("The email to %(email)s was sent.", email=message.recipient),
                      url_for("admin.customer_detail", customer_id=customer_id))  # fmt: skip

"""Settings → Finance, payment reminders (admin only): the days before and after the due date."""

from flask import url_for
from flask_babel import gettext as _

from app.blueprints.admin import bp
from app.blueprints.admin.finance import finance_page
from app.blueprints.posting import reload_goes_to, saved_form
from app.forms.settings import PaymentRemindersForm
from app.services.sales.reminder_schedule import check_reminder_settings, save_reminder_settings


@bp.route("/settings/finance/reminders", methods=["GET", "POST"])
@reload_goes_to(lambda: url_for("admin.settings_finance"))
def settings_payment_reminders():
    form = PaymentRemindersForm()
    done = saved_form(
        form,
        lambda: save_reminder_settings(form.data),
        _("Payment reminders saved."),
        url_for("admin.settings_finance"),
        check=lambda: check_reminder_settings(form.data),
    )
    return done or finance_page(reminders=form, status=422)

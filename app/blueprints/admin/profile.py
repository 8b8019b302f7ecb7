"""My profile: a staff member's own name, email, password, language and time zone."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_user

from app.blueprints.admin import bp
from app.blueprints.posting import reload_goes_to, saved_form
from app.blueprints.two_step_profile import panel, two_step_profile_routes
from app.forms.profile import ChangePasswordForm, StaffProfileForm
from app.htmx import form_status, render
from app.services.settings import get_settings
from app.services.staff_profile import change_own_password, update_own_profile


def _profile_form(user, posted: bool) -> StaffProfileForm:
    """The details form: as posted, or filled from the staff member."""
    zone = get_settings().timezone
    if posted:
        return StaffProfileForm(default_timezone=zone)
    form = StaffProfileForm(formdata=None, obj=user, default_timezone=zone)
    form.language.data, form.timezone.data = user.language or "", user.timezone or ""
    return form


def _page(profile_form, password_form, status=200, off_form=None):
    return render(
        "admin/profile.html",
        status=status,
        profile_form=profile_form,
        password_form=password_form,
        **panel(current_user._get_current_object(), off_form),
    )


def _saved(new_email: str | None):
    """What the page says once saved, in the language just chosen: a new address waits for its
    link to be opened."""
    refresh()  # the locale of this request was worked out before the save
    if new_email:
        return _(
            "Your profile is saved. We have emailed a link to %(email)s: your address changes "
            "when you open it.",
            email=new_email,
        )
    return _("Your profile is saved.")


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    user = current_user._get_current_object()
    form = _profile_form(user, posted=request.method == "POST")
    done = saved_form(form, lambda: update_own_profile(user, form.data), _saved,
                      url_for("admin.profile"))  # fmt: skip
    return done or _page(form, ChangePasswordForm(formdata=None), form_status(form))


@bp.route("/profile/password", methods=["GET", "POST"])
@reload_goes_to(lambda: url_for("admin.profile"))
def profile_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    done = saved_form(
        form, lambda: change_own_password(user, form.current_password.data, form.password.data),
        _("Your password is changed."), url_for("admin.profile"), field="password",
    )  # fmt: skip
    if done:
        login_user(user)  # committed: the new session token keeps this browser signed in
        return done
    return _page(_profile_form(user, posted=False), form, 422)


def _refused_turn_off(off_form):
    user = current_user._get_current_object()
    blank = ChangePasswordForm(formdata=None)
    return _page(_profile_form(user, posted=False), blank, 422, off_form)


two_step_profile_routes(bp, layout="layouts/admin.html", profile="admin.profile",
                        page=_refused_turn_off)  # fmt: skip

"""Settings → Staff: invite, edit, deactivate, reactivate, send a reset link."""

from flask import request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from app.blueprints.admin import bp
from app.blueprints.admin.capabilities import changeable_member
from app.blueprints.posting import run_action, saved_form
from app.forms.staff import EditStaffForm, InviteStaffForm
from app.htmx import form_status, render
from app.models import User
from app.services import two_step
from app.services.scope import scope_of
from app.services.staff import all_staff
from app.services.staff_accounts import (
    check_details,
    invite_staff,
    is_invited,
    send_invitation,
    send_reset_link,
    set_active,
    update_staff,
)


def _member(user_id: int) -> User:
    return scope_of(current_user).get_or_404(User, user_id)


def _changeable(user_id: int) -> User:
    """A colleague whose account the signed-in member may change: an administrator's only by
    an administrator (403 otherwise)."""
    return changeable_member(_member(user_id))


def _edit_url(user: User) -> str:
    return url_for("admin.staff_edit", user_id=user.id)


@bp.get("/staff/")
def staff_list():
    members = all_staff()
    invited = {member.id for member in members if is_invited(member)}
    return render("admin/staff/list.html", members=members, invited=invited,
                  with_two_step=two_step.staff_with_two_step())  # fmt: skip


@bp.route("/staff/invite", methods=["GET", "POST"])
def staff_invite():
    form = InviteStaffForm()
    if not form.is_submitted():
        form.language.data = str(get_locale())  # the inviter's language, unless changed
    done = saved_form(
        form, lambda: invite_staff(form.data, current_user._get_current_object()),
        lambda user: _("Invitation sent to %(email)s.", email=user.email),
        url_for("admin.staff_list"),
        check=lambda: check_details(form.data, by=current_user._get_current_object()),
    )  # fmt: skip
    return done or render("admin/staff/invite.html", status=form_status(form), form=form)


def _after_change(_result=None) -> str:
    """The staff list; the dashboard for an administrator who has just stepped down (or the
    sign-in page, through it, for one who deactivated themselves)."""
    me = current_user._get_current_object()
    return url_for(
        "admin.staff_list" if me.active and me.can("staff", "view") else "admin.dashboard"
    )


def _edit_page(user: User, form: EditStaffForm, status: int = 200):
    return render("admin/staff/edit.html", status=status, form=form, member=user,
                  invited=is_invited(user))  # fmt: skip


def _filled_form(user: User) -> EditStaffForm:
    form = EditStaffForm(formdata=None, obj=user)
    form.language.data = user.language or ""
    form.role.data = str(user.role_id)
    return form


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
def staff_edit(user_id: int):
    user = _member(user_id)
    if request.method == "GET":
        return _edit_page(user, _filled_form(user))
    form = EditStaffForm()
    changeable_member(user)
    by = current_user._get_current_object()
    done = saved_form(form, lambda: update_staff(user, form.data, by),
                      _("%(name)s is saved.", name=form.name.data), _after_change,
                      check=lambda: check_details(form.data, user, by))  # fmt: skip
    return done or _edit_page(user, form, form_status(form))


def _switch(user: User, active: bool, message: str):
    """Deactivate or reactivate from the button on the edit page; a refusal (the last active
    administrator) shows that page again, the reason beside *Active*, with 422."""
    action = FlaskForm()  # the button's CSRF token only
    done = saved_form(action, lambda: set_active(user, active), message, _after_change)
    if done:
        return done
    form = _filled_form(user)
    form.active.errors = [str(error) for errors in action.errors.values() for error in errors]
    return _edit_page(user, form, 422)


@bp.post("/staff/<int:user_id>/deactivate")
def staff_deactivate(user_id: int):
    user = _changeable(user_id)
    message = _("%(name)s is deactivated: they are signed out and cannot sign in.", name=user.name)
    return _switch(user, False, message)


@bp.post("/staff/<int:user_id>/reactivate")
def staff_reactivate(user_id: int):
    user = _changeable(user_id)
    return _switch(user, True, _("%(name)s is active again.", name=user.name))


@bp.post("/staff/<int:user_id>/invitation")
def staff_resend_invitation(user_id: int):
    user = _member(user_id)
    return run_action(
        lambda: send_invitation(user, current_user._get_current_object()),
        _("Invitation sent to %(email)s.", email=user.email),
        _edit_url(user),
    )


@bp.post("/staff/<int:user_id>/reset-link")
def staff_send_reset(user_id: int):
    user = _changeable(user_id)
    by = current_user._get_current_object()
    return run_action(lambda: send_reset_link(user, by),
                      _("A password reset link was sent to %(email)s.", email=user.email),
                      _edit_url(user))  # fmt: skip


@bp.post("/staff/<int:user_id>/two-step/reset")
def staff_two_step_reset(user_id: int):
    """Clear a colleague's lost second step (their phone is gone, and so are the codes)."""
    member = _changeable(user_id)
    by = current_user._get_current_object()
    return run_action(lambda: two_step.reset_for(member, by=by),
                      _("Two-step sign-in of %(name)s is reset.", name=member.name),
                      url_for("admin.staff_list"))  # fmt: skip

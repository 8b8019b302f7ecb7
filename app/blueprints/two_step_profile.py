"""Two-step sign-in on a profile page, the same for staff (My profile) and contacts (portal
Profile): set it up (QR code, first code), see the recovery codes once, turn it off."""

from flask import Blueprint, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.auth.second_step import enrol, enrolment_context, take_codes_for_display
from app.blueprints.posting import reload_goes_to, saved_form
from app.forms.two_step import CodeForm, TurnOffForm
from app.htmx import form_status, render
from app.services import two_step


def panel(person, off_form: TurnOffForm | None = None) -> dict:
    """What the profile page's Two-step sign-in panel shows (its view passes it along)."""
    return {
        "two_step_on": two_step.is_on(person),
        "two_step_required": two_step.required(person),
        "codes_left": two_step.recovery_codes_left(person),
        "off_form": off_form or TurnOffForm(formdata=None),
    }


def enrolment_first(area: str):
    """A session opened before two-step sign-in became mandatory: set it up before anything
    else (the set-up pages and sign-out stay open). None when nothing stands in the way."""
    if request.endpoint in {f"{area}.two_step_setup", f"{area}.two_step_codes"}:
        return None
    person = current_user._get_current_object()
    if two_step.required(person) and not two_step.is_on(person):
        return redirect(url_for(f"{area}.two_step_setup"))
    return None


def two_step_profile_routes(bp: Blueprint, *, layout: str, profile: str, page) -> None:
    """Endpoints two_step_setup, two_step_codes and two_step_off on `bp`; `profile` is the
    profile page's endpoint, `page(off_form)` renders it with a refused turn-off form (422)."""

    def two_step_setup():
        person = current_user._get_current_object()
        if two_step.is_on(person):
            return redirect(url_for(profile))
        form = CodeForm()
        done = saved_form(form, lambda: enrol(person, form.code.data), None,
                          url_for(f"{bp.name}.two_step_codes"))  # fmt: skip
        return done or render("two_step/setup.html", status=form_status(form), form=form,
                              layout=layout, **enrolment_context(person))  # fmt: skip

    def two_step_codes():
        codes = take_codes_for_display()  # shown once: a reload shows none
        return render("two_step/codes.html", codes=codes, layout=layout, home=url_for(profile))

    def two_step_off():
        person = current_user._get_current_object()
        form = TurnOffForm()
        done = saved_form(
            form, lambda: two_step.turn_off(person, form.proof.data),
            _("Two-step sign-in is off."), url_for(profile), field="proof",
        )  # fmt: skip
        return done or page(form)

    bp.add_url_rule("/profile/two-step", "two_step_setup", two_step_setup,
                    methods=["GET", "POST"])  # fmt: skip
    bp.add_url_rule("/profile/two-step/codes", "two_step_codes", two_step_codes)
    off = reload_goes_to(lambda: url_for(profile))(two_step_off)  # a reload of a refused form
    bp.add_url_rule("/profile/two-step/off", "two_step_off", off, methods=["GET", "POST"])

"""Form posts, one way: validate → service → errors beside fields (422) → commit → flash → 303.

A page that shows a form and takes its post:

    form = GroupForm()
    done = saved_form(form, lambda: create_group(form.name.data), _("Group created."), url_for(...))
    return done or render("...", status=form_status(form), form=form)

`saved_form` answers None until the form is posted and while it is refused (the errors are on
the form; the view shows its page again, `form_status` makes that 422); once saved it has
committed, flashed and answered `see_other` (303, or HX-Redirect for htmx).
A one-button POST on a record (send, delete, activate):

    return run_action(lambda: delete_group(group), _("Group deleted."), url_for("admin.group_list"))

A delete that takes other records with it (a customer, a project) has its own confirm page at
the same URL: `return confirmed_action(page, action, message, to)` shows `page()` on GET and runs
the action on its button's POST, as run_action does (the route is `methods=["GET", "POST"]`).

Messages and addresses are a text, or a function of what the save or action returned (a new
record's id, a name known only afterwards). A message may be a (text, category) pair.
The save raises the service's FormErrors / ValidationError and the helper puts them beside the
fields; `check=` shows the service's rules on a form the browser's values already failed,
`field=` places a refusal that names no field, `back=` sends one about the record itself (signed
meanwhile) back with a flash, `htmx=` answers htmx with a fragment or events instead of
HX-Redirect. Views never commit, flash or redirect after a post themselves.

Routes: `@bp.post(rule)` for a URL that only takes posts (actions, and forms shown on another
page); `@bp.route(rule, methods=["GET", "POST"])` only for a page that shows a form and takes its
post itself. A rule made once per sales kind goes through app/blueprints/kinds.py::kind_routes.
A URL that only takes posts but shows its refused form itself (422, the address bar then shows
it) also answers GET, with `@reload_goes_to(page)`: a reload goes to the form's page, never 405.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, flash, redirect, request

from app.extensions import db
from app.forms import all_errors, show_errors
from app.htmx import is_htmx, see_other
from app.services import FormErrors, ValidationError

Outcome = Any  # a value, or a function of what the save/action returned


class Refused(Exception):
    """A save function already put its reasons on the form (a conflict, a check of its own)."""


def reload_goes_to(page: Callable[..., str]) -> Callable:
    """For a POST-only URL that shows its refused form at that address: a GET (the person reloads
    the page) goes to `page(**url values)`, the page the form lives on. The route then takes
    `methods=["GET", "POST"]`; put this below the access checks."""

    def wrap(view: Callable) -> Callable:
        @wraps(view)
        def answer(*args, **values):
            if request.method == "GET":
                return redirect(page(**values), 303)
            return view(*args, **values)

        return answer

    return wrap


def _of(outcome: Outcome, result):
    return outcome(result) if callable(outcome) else outcome


def refuse_action(exc: ValidationError, back: str) -> Response:
    """A refused action: nothing is kept, the reason is flashed, the browser goes `back`."""
    db.session.rollback()
    flash(exc.message, "error")
    return see_other(back)


def finish(result, message: Outcome, to: Outcome, htmx: Callable | None = None) -> Response:
    """A post that worked: commit once, flash `message` (if any), go to `to`; htmx gets
    `htmx(result)` instead when given (a fragment or events, which show the message)."""
    db.session.commit()
    if htmx is not None and is_htmx():
        return htmx(result)
    text = _of(message, result)
    if text:
        text, category = text if isinstance(text, tuple) else (text, "success")
        flash(text, category)
    return see_other(_of(to, result))


def _place(form, exc: ValidationError, field: str | None) -> None:
    """Put a service's refusal beside its field, else beside `field`, else above the form."""
    name = exc.field if exc.field in form else field
    if name is None:
        form.form_errors.append(exc.message)
    else:
        form[name].errors = list(form[name].errors) + [exc.message]


def saved_form(
    form,
    save: Callable,
    message: Outcome,
    to: Outcome,
    *,
    check: Callable | None = None,
    rename: dict[str, str] | None = None,
    field: str | None = None,
    back: str | None = None,
    htmx: Callable | None = None,
) -> Response | None:
    """Run a form post; None while the form is not posted or is refused (errors on the form).

    `check` runs the service's rules on a form the browser's values failed (every error at
    once; `save` runs them again on a valid one); `save` may raise
    FormErrors (beside fields, `rename`d), ValidationError (beside its field or `field`; with
    `back`, one naming no field of the form is flashed and the browser goes back) or Refused."""
    if not form.is_submitted():
        return None
    if not form.validate():
        if check is not None:
            all_errors(form, check, rename)
        return None
    try:
        result = save()
    except FormErrors as exc:
        show_errors(form, exc, rename)
    except ValidationError as exc:
        if back is not None and exc.field not in form:
            return refuse_action(exc, back)
        _place(form, exc, field)
    except Refused:
        pass
    else:
        return finish(result, message, to, htmx)
    db.session.rollback()  # a refused post writes nothing
    return None


def run_action(
    action: Callable,
    message: Outcome,
    to: Outcome,
    *,
    back: str | None = None,
    htmx: Callable | None = None,
) -> Response:
    """A one-button POST on a record: run `action`; a ValidationError is rolled back, flashed
    and sends the browser `back` (else `to`); success commits, flashes `message`, goes `to`."""
    try:
        result = action()
    except ValidationError as exc:
        return refuse_action(exc, back or to)
    return finish(result, message, to, htmx)


def confirmed_action(
    page: Callable[[], Response], action: Callable, message: Outcome, to: Outcome, *,
    back: str | None = None,
) -> Response:  # fmt: skip
    """A delete with its own confirm page: GET shows `page()`, the page's button posts here
    and the action runs as run_action runs it (CSRF is checked for every POST by CSRFProtect)."""
    if request.method != "POST":
        return page()
    return run_action(action, message, to, back=back)

"""Forms, and how a service's refusals reach them."""


def show_errors(form, exc, rename: dict[str, str] | None = None) -> None:
    """Put each message of a service's FormErrors beside its field (above the form when the form
    has no such field); a field the form itself refused keeps only its own message."""
    for name, messages in exc.errors.items():
        name = (rename or {}).get(name, name)
        if name not in form:
            form.form_errors.extend(messages)
        elif not form[name].errors:
            form[name].errors = list(form[name].errors) + messages


def all_errors(form, check, rename: dict[str, str] | None = None) -> None:
    """A form the browser's values already failed: run the service's `check` too, so the person
    sees every problem at once rather than one round at a time."""
    from app.services import FormErrors

    try:
        check()
    except FormErrors as exc:
        show_errors(form, exc, rename)

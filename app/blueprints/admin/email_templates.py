"""Settings → Email templates (admin only): per template and language, with a live preview."""

from flask import abort, current_app, request, url_for
from flask_babel import gettext as _

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.extensions import db
from app.forms.settings import EmailTemplateForm
from app.htmx import form_status, render
from app.models import EmailTemplate
from app.services.mail.registry import BY_KEY, GROUPS, SPECS
from app.services.mail.render import (
    check_template,
    merge_fields,
    preview,
    sanitize,
    saved_template,
    template_texts,
)


@bp.get("/settings/email-templates")
def email_template_list():
    saved = {(t.key, t.language): t for t in db.session.query(EmailTemplate)}
    return render(
        "admin/settings/email_templates.html",
        groups=GROUPS,
        specs=SPECS,
        saved=saved,
        languages=current_app.config["LANGUAGES"],
    )


@bp.route("/settings/email-templates/<key>/<language>", methods=["GET", "POST"])
def email_template_edit(key: str, language: str):
    spec = BY_KEY.get(key)
    if spec is None or language not in current_app.config["LANGUAGES"]:
        abort(404)
    form = EmailTemplateForm()
    if request.method == "GET":
        form.subject.data, form.body_html.data, form.active.data = template_texts(key, language)
    if request.form.get("_preview"):
        shown = preview(key, language, form.subject.data or "", form.body_html.data or "")
        return render("admin/settings/email_template_form.html", block="preview", shown=shown)

    def save():
        check_template(key, form.subject.data, form.body_html.data)
        template = saved_template(key, language) or EmailTemplate(key=key, language=language)
        template.subject = form.subject.data.strip()
        template.body_html = sanitize(form.body_html.data)
        template.active = form.active.data
        db.session.add(template)

    done = saved_form(
        form, save, _("Template saved."), url_for("admin.email_template_list"),
        check=lambda: check_template(key, form.subject.data, form.body_html.data),
    )  # fmt: skip
    if done:
        return done
    shown = preview(key, language, form.subject.data or "", form.body_html.data or "")
    status = form_status(form)
    return render(
        "admin/settings/email_template_form.html",
        status=status,
        form=form,
        spec=spec,
        merge_names=merge_fields(key),
        language=language,
        shown=shown,
        groups=GROUPS,
    )


@bp.post("/settings/email-templates/<key>/<language>/reset")
def email_template_reset(key: str, language: str):
    if key not in BY_KEY or language not in current_app.config["LANGUAGES"]:
        abort(404)

    def reset():
        template = saved_template(key, language)
        if template is not None:
            db.session.delete(template)

    return run_action(reset, _("The shipped text is back."),
                      url_for("admin.email_template_edit", key=key, language=language))  # fmt: skip

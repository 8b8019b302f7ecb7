"""The role form: a name; the capabilities grid is read from the posted form by the service's
shape (see app/services/roles.py), one select and a few boxes per module."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from app.forms.validators import max_length
from app.roles import MODULES


class RoleForm(FlaskForm):
    name = StringField(_l("Name"), validators=[max_length(80)])


def posted_capabilities(formdata) -> dict:
    """{module: {"view": "", "own" or "all", action: True…}} from the grid's fields
    (`<module>.view` select, `<module>.<action>` boxes). Every module is there (the grid shows
    each); a name that is no module or action is passed on too, for the service to refuse."""
    chosen = {module: {"view": ""} for module in MODULES}
    for key in formdata:
        module, dot, action = key.partition(".")
        if not dot:
            continue
        values = chosen.setdefault(module, {"view": ""})
        if action == "view":
            values["view"] = formdata.get(key, "")
        elif formdata.get(key):
            values[action] = True
    return chosen

"""The role form: a name; the capabilities grid is read from the posted form by the service's
shape (see app/services/roles.py), one select and a few boxes per module."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from app.forms.validators import max_length
from app.roles import MODULES, VIEW_ALL, VIEW_OWN


class RoleForm(FlaskForm):
    name = StringField(_l("Name"), validators=[max_length(80)])


def posted_capabilities(formdata) -> dict:
    """{module: {"view": "", "own" or "all", action: True…}} from the grid's fields
    (`<module>.view` select, `<module>.<action>` boxes); unknown names are ignored."""
    chosen = {}
    for module, (_name, actions) in MODULES.items():
        values = {"view": formdata.get(f"{module}.view", "")}
        for action in actions:
            if action not in (VIEW_ALL, VIEW_OWN) and formdata.get(f"{module}.{action}"):
                values[action] = True
        chosen[module] = values
    return chosen

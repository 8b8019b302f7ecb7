"""The form of a refused personal data request: the reason the contact is told."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField


class RefuseForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        render_kw={"rows": 4},
        description=_l("Emailed to the contact as you write it."),
    )

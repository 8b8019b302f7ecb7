"""The form of a customer's note (new or edited)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.fields.choices import SelectChoice

from app.forms.fields import RichTextField


class NoteForm(FlaskForm):
    body = RichTextField(
        _l("Note"),
        render_kw={"rows": 6},
        description=_l("Bold, italic, lists and links are kept; anything else is removed."),
    )
    contact_id = SelectField(_l("About"), default="", validate_choice=False)
    pinned = BooleanField(_l("Pin to the top"))
    version = HiddenField()

    def __init__(self, contacts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact_id.choices = [SelectChoice("", _l("The customer"))] + [
            SelectChoice(str(c.id), c.full_name) for c in contacts
        ]

"""The upload form of a customer's Files tab."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, StringField


class CustomerFileForm(FlaskForm):
    file = FileField(_l("File"))
    description = StringField(_l("Description"))
    shared = BooleanField(_l("Share with the customer (its contacts with Files see it in the "
                             "client portal)"))  # fmt: skip
    form_key = HiddenField()  # posted twice, the file is stored once

    def __init__(self, limit: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file.description = _l(
            "Up to %(size)s: PDF, images (PNG, JPEG, WebP, GIF), text, CSV, DOCX, XLSX, PPTX, "
            "ODT or ODS; files with macros are refused.",
            size=limit,
        )

"""Field types of our own."""

from decimal import Decimal

from flask_babel import gettext as _
from wtforms import DecimalField, TextAreaField

from app.services.mail.render import sanitize


class RichTextField(TextAreaField):
    """Staff-written HTML (proposals, contracts). Shown again through the allow-list sanitiser,
    so what a refused form puts back into the editor is never live markup."""

    def _value(self) -> str:
        return sanitize(super()._value())


class NumberField(DecimalField):
    """A decimal number: NaN, sNaN and infinities are refused as not a number, so that range
    checks and totals never meet them (WTForms' NumberRange fails on a signalling NaN)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, Decimal) and not self.data.is_finite():
            self.data = None
            raise ValueError(_("Enter a number."))

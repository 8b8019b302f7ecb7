"""Field types of our own."""

from flask_babel import get_locale
from wtforms import Field, TextAreaField
from wtforms.widgets import TextInput

from app.numbers import NumberError, format_number, parse_number
from app.services.mail.render import sanitize


class RichTextField(TextAreaField):
    """Staff-written HTML (proposals, contracts). Shown again through the allow-list sanitiser,
    so what a refused form puts back into the editor is never live markup."""

    def _value(self) -> str:
        return sanitize(super()._value())


class NumberField(Field):
    """An amount, quantity, rate or percentage, read and shown in the user's language
    (app/numbers.py: `1 800,50` in French, `1,800.50` in English; NaN, infinities, exponents and
    ambiguous text are refused beside the field). A text input with inputmode="decimal": a
    type=number box lets the browser reinterpret what was typed. Empty is None (validators such
    as InputRequired or Optional decide)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["render_kw"] = {"inputmode": "decimal", **(kwargs.get("render_kw") or {})}
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        text = valuelist[0]
        if not isinstance(text, str) or not text.strip():
            return
        try:
            self.data = parse_number(text, get_locale() or "en")
        except NumberError as error:
            raise ValueError(str(error)) from None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data, get_locale() or "en")

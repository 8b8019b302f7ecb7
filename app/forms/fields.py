"""Field types of our own."""

from wtforms import TextAreaField

from app.services.mail.render import sanitize


class RichTextField(TextAreaField):
    """Staff-written HTML (proposals, contracts). Shown again through the allow-list sanitiser,
    so what a refused form puts back into the editor is never live markup."""

    def _value(self) -> str:
        return sanitize(super()._value())

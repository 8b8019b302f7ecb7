"""Business rules. Views call these; these validate, write and flush."""


class ValidationError(Exception):
    """A rule refused the input; `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

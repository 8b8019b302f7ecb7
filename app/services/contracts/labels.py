"""How contract statuses are named and coloured on screen and in PDFs."""

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.models import Contract

CONTRACT_STATUS_LABELS = {
    "draft": _l("Draft"),
    "sent": _l("Sent"),
    "signed": _l("Signed"),
    "expired": _l("Expired"),
}
# Badge colours borrowed from the sales documents' statuses.
BADGE_CLASSES = {
    "draft": "doc-draft",
    "sent": "",
    "signed": "doc-accepted",
    "expired": "doc-expired",
}


def contract_status_label(status: str) -> str:
    return str(CONTRACT_STATUS_LABELS.get(status, status))


def contract_status_badge(contract: Contract) -> Markup:
    """The status people see (expired once the end date has passed) as a coloured badge."""
    from app.services.contracts.status import effective_status

    status = effective_status(contract)
    return Markup('<span class="badge {}" data-status="{}">{}</span>').format(
        BADGE_CLASSES.get(status, ""), status, contract_status_label(status)
    )

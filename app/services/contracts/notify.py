"""Contract emails: to the customer's contact, and to staff when it is signed or ends soon."""

from flask_babel import force_locale, format_date

from app.extensions import db
from app.i18n import money
from app.links import external_url
from app.models import Contact, Contract, User
from app.services.languages import sending_email_language
from app.services.mail.contacts import queue_contact_email
from app.services.mail.staff import email_staff, owner_else_admins


def _day(value) -> str:
    return format_date(value, "medium") if value else "—"


def send_to_contact(contract: Contract, contact: Contact) -> bool:
    """The 'contract sent' email, in the customer's language, with its portal link."""
    language = sending_email_language(contract)
    with force_locale(language):
        end = _day(contract.end_date)
        value = money(contract.value, contract.currency_code)
    message = queue_contact_email(
        contact, "contract_send", language=language, contract_subject=contract.subject,
        contract_value=value,
        contract_end_date=end,
        contract_url=external_url("portal.contract_detail", contract_id=contract.id),
    )  # fmt: skip
    return message is not None


def staff_for(contract: Contract, admins: list[User] | None = None) -> list[User]:
    """The contract's creator if still active; else every active administrator."""
    creator = db.session.get(User, contract.created_by_id) if contract.created_by_id else None
    return owner_else_admins(creator, admins)


def tell_staff(contract: Contract, key: str, admins: list[User] | None = None) -> int:
    """Email `key` (signed, or ending soon) to the staff of this contract; how many queued."""
    url = external_url("admin.contract_detail", contract_id=contract.id)
    return email_staff(staff_for(contract, admins), key, lambda user: {
        "client_company": contract.customer.company,
        "contract_subject": contract.subject,
        "contract_end_date": _day(contract.end_date),
        "contract_signed_name": contract.signed_name or "",
        "contract_admin_url": url,
    }, contract.customer_id)  # fmt: skip

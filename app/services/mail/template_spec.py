"""What an editable email template is: its key, group, merge fields and shipped texts."""

from dataclasses import dataclass

CONTACT = ("contact_firstname", "contact_lastname", "client_company", "company_name")
STAFF_CONTRACT = (
    "staff_firstname",
    "client_company",
    "contract_subject",
    "contract_end_date",
    "contract_admin_url",
    "company_name",
)


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    group: str
    name: object
    fields: tuple[str, ...]
    subject: object
    body: object

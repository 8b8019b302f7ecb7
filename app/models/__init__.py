"""All models, imported so that metadata (and Alembic) sees every table."""

from app.models.activity import ActivityLog
from app.models.attempt import FailedAttempts
from app.models.balance import CustomerBalance
from app.models.contact import EMAIL_TOPICS, PORTAL_MODULES, Contact
from app.models.contract import CONTRACT_STATUSES, Contract, ContractType
from app.models.currency import Currency
from app.models.custom_field import (
    CUSTOM_ENTITIES,
    FIELD_TYPES,
    CustomFieldChoice,
    CustomFieldDefinition,
    CustomFieldTerm,
    CustomFieldValue,
)
from app.models.customer import Customer
from app.models.customer_admin import CustomerAdmin
from app.models.customer_file import CustomerFile
from app.models.customer_import import IMPORT_KEYS, IMPORT_STATUSES, CustomerImport, ImportChange
from app.models.email import EmailTemplate, OutboxAttachment, OutboxMessage
from app.models.group import CustomerGroup, customer_group_members
from app.models.group_sales import CustomerYearSales, GroupSales, GroupYearSales
from app.models.kb import (
    ARTICLE_STATUSES,
    ARTICLE_VISIBILITIES,
    KbArticle,
    KbGroup,
    KbTranslation,
    KbVote,
)
from app.models.note import CustomerNote, NoteVersion
from app.models.payment import CreditApplication, Payment
from app.models.payment_reminder import REMINDER_STAGES, PaymentReminder
from app.models.privacy import PRIVACY_KINDS, PRIVACY_STATUSES, PrivacyRequest
from app.models.project import PROJECT_STATUSES, TASK_STATUSES, Project, Task, TaskComment
from app.models.recurring import (
    END_TYPES,
    INTERVAL_UNITS,
    RECURRING_MODES,
    RecurringInvoice,
    RecurringItem,
    RecurringItemTax,
    RecurringRun,
)
from app.models.reminder import Reminder
from app.models.role import Role, RolePermission
from app.models.sales import (
    CREDIT_NOTE_STATUSES,
    DISCOUNT_TYPES,
    DOCUMENT_KINDS,
    ESTIMATE_STATUSES,
    INVOICE_STATUSES,
    PROPOSAL_STATUSES,
    Document,
    DocumentDefault,
    NumberSequence,
    TaxRate,
)
from app.models.sales_line import DocumentItem, DocumentItemTax
from app.models.search import CustomerSearchTerm
from app.models.session import SecurityEvent, SignInSession
from app.models.setting import CacheVersion, Setting, StoredFile
from app.models.stored_pdf import StoredPdf
from app.models.tally import CustomerCount, DocumentTally
from app.models.ticket import (
    TICKET_PRIORITIES,
    TICKET_STATUSES,
    Department,
    Ticket,
    TicketAttachment,
    TicketReply,
    department_staff,
)
from app.models.token import PasswordToken, hash_token
from app.models.two_step import RecoveryCode, TwoStep
from app.models.user import User

__all__ = [
    "ARTICLE_STATUSES",
    "ARTICLE_VISIBILITIES",
    "KbArticle",
    "KbGroup",
    "KbTranslation",
    "KbVote",
    "CUSTOM_ENTITIES",
    "FIELD_TYPES",
    "CustomFieldChoice",
    "CustomFieldDefinition",
    "CustomFieldTerm",
    "CustomFieldValue",
    "CustomerBalance",
    "CustomerCount",
    "DocumentTally",
    "CustomerYearSales",
    "GroupSales",
    "GroupYearSales",
    "PRIVACY_KINDS",
    "PRIVACY_STATUSES",
    "PrivacyRequest",
    "REMINDER_STAGES",
    "PaymentReminder",
    "END_TYPES",
    "INTERVAL_UNITS",
    "RECURRING_MODES",
    "RecurringInvoice",
    "RecurringItem",
    "RecurringItemTax",
    "RecurringRun",
    "Role",
    "RolePermission",
    "FailedAttempts",
    "CONTRACT_STATUSES",
    "PROJECT_STATUSES",
    "TASK_STATUSES",
    "Contract",
    "ContractType",
    "Project",
    "Task",
    "TaskComment",
    "DISCOUNT_TYPES",
    "DOCUMENT_KINDS",
    "ESTIMATE_STATUSES",
    "INVOICE_STATUSES",
    "PROPOSAL_STATUSES",
    "CREDIT_NOTE_STATUSES",
    "CreditApplication",
    "Document",
    "DocumentDefault",
    "DocumentItem",
    "DocumentItemTax",
    "NumberSequence",
    "OutboxAttachment",
    "Payment",
    "TaxRate",
    "TICKET_PRIORITIES",
    "TICKET_STATUSES",
    "Department",
    "Ticket",
    "TicketAttachment",
    "TicketReply",
    "department_staff",
    "ActivityLog",
    "CustomerSearchTerm",
    "EmailTemplate",
    "OutboxMessage",
    "SecurityEvent",
    "CacheVersion",
    "Setting",
    "SignInSession",
    "StoredFile",
    "StoredPdf",
    "CustomerNote",
    "Reminder",
    "NoteVersion",
    "PORTAL_MODULES",
    "EMAIL_TOPICS",
    "Contact",
    "Currency",
    "Customer",
    "CustomerAdmin",
    "CustomerFile",
    "CustomerImport",
    "IMPORT_KEYS",
    "IMPORT_STATUSES",
    "ImportChange",
    "CustomerGroup",
    "PasswordToken",
    "RecoveryCode",
    "TwoStep",
    "User",
    "customer_group_members",
    "hash_token",
]

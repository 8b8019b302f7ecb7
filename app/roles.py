"""What a role can grant: for each module, the actions (the Perfex model), and the roles shipped
with every install. Stored rows are (module, action) pairs; the Administrator role holds every
capability without rows, including those no other role can be given (`ADMINISTRATOR_ONLY`)."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

ADMINISTRATOR = "administrator"
TEAM_MEMBER = "team_member"

VIEW_ALL, VIEW_OWN, CREATE, EDIT, DELETE, VIEW_AS = (
    "view_all", "view_own", "create", "edit", "delete", "view_as",
)  # fmt: skip
FIVE = (VIEW_ALL, VIEW_OWN, CREATE, EDIT, DELETE)

# Each module: (its name, the actions a role may be granted on it), in the order shown.
MODULES = {
    "customers": (_l("Customers and contacts"), (*FIVE, VIEW_AS)),
    "invoices": (_l("Invoices and payments"), FIVE),
    "estimates": (_l("Estimates"), FIVE),
    "proposals": (_l("Proposals"), FIVE),
    "contracts": (_l("Contracts"), FIVE),
    "projects": (_l("Projects"), FIVE),
    "support": (_l("Support"), FIVE),
    "knowledge_base": (_l("Knowledge base"), (VIEW_ALL, CREATE, EDIT, DELETE)),
    "reports": (_l("Reports"), (VIEW_ALL, VIEW_OWN)),
    "settings": (_l("Settings"), (VIEW_ALL, EDIT)),
    "staff": (_l("Staff"), (VIEW_ALL, CREATE, EDIT)),
}

ACTIONS = {
    VIEW_ALL: lazy_pgettext("capability", "View all"),
    VIEW_OWN: lazy_pgettext("capability", "View own"),
    CREATE: lazy_pgettext("capability", "Create"),
    EDIT: lazy_pgettext("capability", "Edit"),
    DELETE: lazy_pgettext("capability", "Delete"),
    VIEW_AS: lazy_pgettext("capability", "View portal as"),
}

# Roles and sign-in pages no other role may be given: managing roles, and making someone an
# administrator.
ADMINISTRATOR_ONLY = ("roles", EDIT)

# The document kinds' modules.
# Credit notes belong to the invoices module.
KIND_MODULES = {"invoice": "invoices", "estimate": "estimates", "proposal": "proposals",
                "credit": "invoices"}  # fmt: skip
# The module of every kind of row of sales_documents: an opening balance is the invoices'.
DOCUMENT_MODULES = {**KIND_MODULES, "opening": "invoices"}


def grantable() -> list[tuple[str, str]]:
    """Every (module, action) a role may hold, in display order."""
    return [(module, action) for module, (_name, actions) in MODULES.items() for action in actions]


def _everything(modules, actions=FIVE) -> set[tuple[str, str]]:
    return {(m, a) for m in modules for a in actions if a in MODULES[m][1]}


_BUSINESS = ("customers", "invoices", "estimates", "proposals", "contracts", "projects", "support")

# The roles every install starts with: key -> (capabilities). Administrators may change all of
# them but the Administrator role. A migration seeds the same rows (migrations never import this).
BUILT_IN = {
    ADMINISTRATOR: set(),  # every capability, none stored
    # What staff who were not administrators could do before roles: everything but settings.
    TEAM_MEMBER: _everything(_BUSINESS, (VIEW_ALL, CREATE, EDIT, DELETE))
    | {("reports", VIEW_ALL)}
    | _everything(("knowledge_base",), (VIEW_ALL, CREATE, EDIT, DELETE)),
    "sales": {("customers", VIEW_OWN), ("customers", CREATE), ("customers", EDIT)}
    | _everything(("estimates", "proposals"), (VIEW_OWN, CREATE, EDIT, DELETE))
    | _everything(("invoices", "contracts"), (VIEW_OWN, CREATE, EDIT))
    | {("projects", VIEW_OWN), ("support", VIEW_OWN), ("reports", VIEW_OWN)},
    "support": {("customers", VIEW_ALL), ("customers", EDIT), ("contracts", VIEW_ALL)}
    | _everything(("support",), (VIEW_ALL, CREATE, EDIT, DELETE))
    | _everything(("projects",), (VIEW_ALL, CREATE, EDIT))
    | _everything(("knowledge_base",), (VIEW_ALL, CREATE, EDIT)),
    "accounting": {("customers", VIEW_ALL), ("customers", EDIT), ("reports", VIEW_ALL)}
    | _everything(("invoices",), (VIEW_ALL, CREATE, EDIT, DELETE))
    | _everything(("estimates", "proposals", "contracts"), (VIEW_ALL,)),
}

BUILT_IN_NAMES = {
    ADMINISTRATOR: lazy_pgettext("role", "Administrator"),
    TEAM_MEMBER: lazy_pgettext("role", "Team member"),
    "sales": lazy_pgettext("role", "Sales"),
    "support": lazy_pgettext("role", "Support"),
    "accounting": lazy_pgettext("role", "Accounting"),
}

"""The role × endpoint matrix: every dashboard endpoint declares the capability it needs, and
each is tried, with real ids (tests/access.py), by a role lacking that capability (403, or 404
when the record the URL names is outside the role's scope) and by a "view own" role whose
customers do not include the record's (404 for every method, until the member is assigned).

One member and one role per test; the role's capabilities change between requests (the role is
read again on every request), so no account is made per endpoint."""

import pytest
from sqlalchemy import func, select

from app.blueprints.admin.capabilities import RECORDS, capability_of
from app.blueprints.admin.capabilities.table import ANY_STAFF, CAPABILITIES
from app.extensions import db
from app.models import CustomerAdmin, Document, RolePermission
from app.roles import ADMINISTRATOR_ONLY, KIND_MODULES, MODULES, VIEW_ALL, VIEW_OWN, grantable
from tests.access import URL_VARIABLE, customer_objects, real_url, settings_objects
from tests.factories import make_admin, make_contact, make_customer, make_role, make_user

METHODS = ("GET", "POST")

# The modules whose "view" (all or own) shows the record a URL variable names: what
# app/services/scope.py narrows each entity of RECORDS by. A record of a module the role cannot
# view at all is outside its scope, so check_capability answers 404 before any 403.
# A document belongs to its kind's module (invoice -> invoices); an outbox message is seen with
# the customers' view or, on Settings → Email → Outbox, the settings' view; staff accounts
# (user_id) are not narrowed by scope: their capability alone decides.
RECORD_MODULES = {
    "customer_id": ("customers",),
    "contact_id": ("customers",),
    "note_id": ("customers",),
    "file_id": ("customers",),
    "reminder_id": ("customers",),
    "opening_id": ("invoices",),
    "document_id": None,  # the endpoint's kind
    "ticket_id": ("support",),
    "contract_id": ("contracts",),
    "project_id": ("projects",),
    "task_id": ("projects",),
    "message_id": ("customers", "settings"),
    "user_id": (),
    "recurring_id": ("invoices",),
}

# URL variables naming a record that belongs to one customer (the attachment through its ticket).
CUSTOMER_RECORDS = {
    "customer_id", "contact_id", "document_id", "ticket_id", "contract_id", "project_id",
    "task_id", "message_id", "attachment_id", "recurring_id", "file_id", "reminder_id",
}  # fmt: skip


def _admin_pairs(app) -> list[tuple[object, str]]:
    """(rule, method) of every dashboard endpoint, GET and POST."""
    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("admin.")
        for method in METHODS
        if method in rule.methods
    ]


def _declared() -> set:
    """Every capability value the table uses (a page's dict unfolded)."""
    values = set()
    for needed in CAPABILITIES.values():
        values |= set(needed.values()) if isinstance(needed, dict) else {needed}
    return values


def _variables(rule) -> list[str]:
    return URL_VARIABLE.findall(rule.rule)


def _record_modules(variable: str, endpoint: str) -> tuple[str, ...]:
    if variable == "document_id":
        return (KIND_MODULES[endpoint.split(".")[-1].split("_")[0]],)
    return RECORD_MODULES.get(variable, ())


def _views(grants: set, module: str) -> bool:
    return (module, VIEW_ALL) in grants or (module, VIEW_OWN) in grants


def _out_of_scope(rule, grants: set) -> bool:
    """Whether the URL names a record of a module (or modules) the role cannot view at all."""
    for variable in _variables(rule):
        modules = _record_modules(variable, rule.endpoint)
        if modules and not any(_views(grants, module) for module in modules):
            return True
    return False


def _all_but(capability: tuple[str, str]) -> set:
    """Every capability a role may hold except `capability` ("view": neither view all nor own)."""
    module, action = capability
    lacking = {(module, VIEW_ALL), (module, VIEW_OWN)} if action == "view" else {capability}
    return set(grantable()) - lacking


def _grant(role, grants: set) -> None:
    """Give `role` exactly `grants` (committed: the next request reads them)."""
    role.permissions = [RolePermission(module=m, action=a) for m, a in sorted(grants)]
    db.session.commit()


def _row_counts() -> dict:
    """Rows per table, but the role's own capabilities (which the test rewrites)."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
        if table.name != RolePermission.__tablename__
    }


@pytest.fixture
def world(ctx):
    """The objects every URL names, one customer's and the settings'."""
    customer = make_customer(company="Acme")
    contact = make_contact(customer)
    return {**customer_objects(customer, contact), **settings_objects()}


@pytest.fixture
def member(client, ctx, login_as):
    """A signed-in staff member with a role of their own, and the client's CSRF token."""
    role = make_role(capabilities=grantable())
    user = make_user(name="Matrix Member", role=role)
    login_as(user)
    return user, role, client.csrf_token("/admin/")


def _ask(client, url: str, method: str, token: str):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": token})


# --- 1. The table itself ---------------------------------------------------------------------


def test_every_admin_endpoint_declares_its_capability(app):
    undeclared = sorted(
        f"{method} {rule.endpoint}"
        for rule, method in _admin_pairs(app)
        if capability_of(rule.endpoint, method) is None
    )
    assert not undeclared, (
        f"declare what these need in app/blueprints/admin/capabilities/table.py: {undeclared}"
    )


def test_the_table_names_only_endpoints_and_methods_that_exist(app):
    methods = {}
    for rule, method in _admin_pairs(app):
        methods.setdefault(rule.endpoint.removeprefix("admin."), set()).add(method)
    stale = sorted(set(CAPABILITIES) - set(methods))
    assert not stale, f"capabilities/ lists endpoints that no longer exist: {stale}"
    unused = sorted(
        f"{method} {endpoint}"
        for endpoint, needed in CAPABILITIES.items()
        if isinstance(needed, dict)
        for method in set(needed) - methods[endpoint]
    )
    assert not unused, f"capabilities/ declares methods these endpoints do not take: {unused}"


def test_every_capability_is_one_a_role_can_hold():
    def holdable(needed) -> bool:
        if needed in (ANY_STAFF, ADMINISTRATOR_ONLY):
            return True
        module, action = needed
        actions = MODULES.get(module, (None, ()))[1]
        return action in actions or (action == "view" and bool({VIEW_ALL, VIEW_OWN} & {*actions}))

    wrong = sorted(str(needed) for needed in _declared() if not holdable(needed))
    assert not wrong, f"no role can hold these capabilities (app/roles.py MODULES): {wrong}"


def test_every_record_a_url_names_has_its_module():
    assert set(RECORDS) <= set(RECORD_MODULES), "say which module's view shows the new record"


# --- 2. A role lacking the capability: 403, or 404 when the record is out of its scope -------

CAPABILITIES_TRIED = sorted(
    needed for needed in _declared() if needed not in (ANY_STAFF, ADMINISTRATOR_ONLY)
)


@pytest.mark.parametrize("capability", CAPABILITIES_TRIED, ids="-".join)
def test_a_role_lacking_the_capability_is_refused(app, client, world, member, capability):
    _user, role, token = member
    grants = _all_but(capability)
    _grant(role, grants)
    pairs = [(r, m) for r, m in _admin_pairs(app) if capability_of(r.endpoint, m) == capability]
    assert pairs
    before = _row_counts()
    wrong = []
    for rule, method in pairs:
        url = real_url(rule, world)
        expected = 404 if _out_of_scope(rule, grants) else 403
        status = _ask(client, url, method, token).status_code
        if status != expected:
            wrong.append(f"{method} {url}: {status}, expected {expected}")
    assert not wrong, wrong
    assert _row_counts() == before


def test_pages_only_administrators_use_refuse_every_other_role(app, client, world, member):
    _user, _role, token = member  # the role holds every capability a role can be given
    pairs = [
        (r, m) for r, m in _admin_pairs(app) if capability_of(r.endpoint, m) == ADMINISTRATOR_ONLY
    ]
    assert pairs
    before = _row_counts()
    for rule, method in pairs:
        url = real_url(rule, world)
        assert _ask(client, url, method, token).status_code == 403, (method, url)
    assert _row_counts() == before


def test_a_role_with_every_capability_opens_every_page(app, client, world, member):
    """The other side of the refusals above: nothing is refused for a reason of its own."""
    for rule, method in _admin_pairs(app):
        if method == "GET" and capability_of(rule.endpoint, method) != ADMINISTRATOR_ONLY:
            url = real_url(rule, world)
            assert client.get(url).status_code in (200, 303), url


@pytest.mark.parametrize(
    ("kind", "target"), [("estimate", "invoice"), ("proposal", "estimate"), ("proposal", "invoice")]
)
def test_converting_needs_the_targets_create_too(client, world, member, kind, target):
    """Converting is an edit of the source that makes a document of the target kind."""
    _user, role, token = member
    _grant(role, _all_but((KIND_MODULES[target], "create")))
    url, form = f"/admin/{kind}s/{world[kind]}/convert", {"csrf_token": token, "to": target}
    before = _row_counts()
    assert client.post(url, data=form).status_code == 403
    assert _row_counts() == before
    _grant(role, set(grantable()))
    assert client.post(url, data=form).status_code == 303
    kinds = db.session.scalars(select(Document.kind).order_by(Document.id)).all()
    assert kinds[-1] == target and len(kinds) == before[Document.__tablename__] + 1


# --- 3. "View own": another customer's records are 404 for every method -----------------------


def test_view_own_sees_only_the_customers_assigned(app, client, world, member):
    user, role, token = member
    _grant(role, set(grantable()) - {(module, VIEW_ALL) for module in MODULES})
    pairs = [
        (rule, method)
        for rule, method in _admin_pairs(app)
        if CUSTOMER_RECORDS & set(_variables(rule))
    ]
    assert len(pairs) >= 60
    before = _row_counts()
    wrong = []
    for rule, method in pairs:
        url = real_url(rule, world)
        status = _ask(client, url, method, token).status_code
        if status != 404:
            wrong.append(f"{method} {url}: {status}")
    assert not wrong, f"records of a customer not assigned to the member answered: {wrong}"
    assert _row_counts() == before

    db.session.add(CustomerAdmin(customer_id=world["customer_id"], user_id=user.id))
    db.session.commit()
    for rule, method in pairs:  # an administrators-only page stays 403 to every role
        if method == "GET" and capability_of(rule.endpoint, method) != ADMINISTRATOR_ONLY:
            url = real_url(rule, world)
            assert client.get(url).status_code in (200, 303), url


def test_view_own_pages_without_ids_show_nothing_of_other_customers(app, client, world, member):
    """Lists, choosers (also a "New …" form asked for that customer), exports, reports and the
    dashboard: the customer's name is nowhere."""
    _user, role, _token = member
    _grant(role, set(grantable()) - {(module, VIEW_ALL) for module in MODULES})
    # Searches for parts of the names only: the search box shows what was typed.
    queries = ("", "?q=Acm", "?q=Thei", f"?customer={world['customer_id']}")
    shown = []
    for rule, method in _admin_pairs(app):
        if method == "GET" and not _variables(rule):
            for query in queries:
                response = client.get(rule.rule + query)
                body = response.get_data()  # an XLSX file is zipped: its CSV twin is read
                if any(word in body for word in (b"Acme", b"Their project", b"Their task")):
                    shown.append(f"{rule.rule}{query} ({response.status_code})")
    assert not shown, shown


def test_records_of_a_url_belong_together(app, client, world, login_as):
    """/customers/<B>/contacts/<A's contact> and the like: 404, even for an administrator."""
    other = customer_objects(make_customer(company="Bravo"))
    login_as(make_admin())
    token = client.csrf_token("/admin/")
    pairs = [(r, m) for r, m in _admin_pairs(app) if len(CUSTOMER_RECORDS & {*_variables(r)}) > 1]
    assert len(pairs) >= 10
    before = _row_counts()
    wrong = []
    for rule, method in pairs:
        parent = _variables(rule)[0]
        ids = {**world, parent: other[parent]}  # the first record B's, the others A's
        url = real_url(rule, ids)
        status = _ask(client, url, method, token).status_code
        if status != 404:
            wrong.append(f"{method} {url}: {status}")
    assert not wrong, wrong
    assert _row_counts() == before

"""Plain factory functions: make_x(**overrides) returns a committed, usable object."""

import itertools

from app.extensions import db
from app.models import Contact, Currency, Customer, CustomerCount, CustomerGroup, User

_seq = itertools.count(1)
PASSWORD = "correct horse battery"


def staff_role(is_admin: bool = False, role=None):
    """`role` itself, a shipped role by key ("sales"), a new role from a set of (module,
    action) pairs, or Administrator / Team member by `is_admin`."""
    from app.models import Role, RolePermission
    from app.services.roles import built_in_role

    if isinstance(role, Role):
        return role
    if isinstance(role, str):
        return built_in_role(role)
    if role is not None:
        made = Role(
            name=f"Role {next(_seq)}",
            permissions=[RolePermission(module=m, action=a) for m, a in role],
        )
        db.session.add(made)
        return made
    return built_in_role("administrator" if is_admin else "team_member")


def make_role(capabilities=(("customers", "view_own"),), name: str | None = None):
    """A role an administrator made, holding `capabilities` ((module, action) pairs)."""
    from app.models import Role, RolePermission

    role = Role(
        name=name or f"Role {next(_seq)}",
        permissions=[RolePermission(module=m, action=a) for m, a in capabilities],
    )
    db.session.add(role)
    db.session.commit()
    return role


def make_user(**overrides) -> User:
    """A staff member whose password is PASSWORD."""
    n = next(_seq)
    password = overrides.pop("password", PASSWORD)
    fields = {"email": f"staff{n}@example.com", "name": f"Staff {n}"}
    fields.update(overrides)
    fields["role"] = staff_role(fields.pop("is_admin", False), fields.pop("role", None))
    user = User(**fields)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def make_session_row(person) -> int:
    """The id of a new, committed session of `person` (for URLs that name one)."""
    from app.services.sessions import open_session

    row = open_session(db.session.merge(person))
    db.session.commit()
    return row.id


def make_sign_in(person, remember: bool = False) -> str:
    """A committed server-side session of `person`: its Flask-Login identity (what the session
    and remember-me cookies carry)."""
    from app.services.sessions import open_session

    person = db.session.merge(person)
    open_session(person, remember=remember)
    identity = person.get_id()
    db.session.commit()
    return identity


def make_admin(**overrides) -> User:
    return make_user(**{"is_admin": True, **overrides})


def make_currency(code: str = "EUR", **overrides) -> Currency:
    fields = {"code": code, "symbol": "€", "decimals": 2, "symbol_after": True}
    fields.update(overrides)
    currency = Currency(**fields)
    db.session.add(currency)
    db.session.commit()
    return currency


def make_group(**overrides) -> CustomerGroup:
    group = CustomerGroup(**{"name": f"Group {next(_seq)}", **overrides})
    db.session.add(group)
    db.session.commit()
    return group


def make_customer(**overrides) -> Customer:
    from app.models import CustomerAdmin
    from app.services.customers.normalize import company_key

    assigned = overrides.pop("admins", ())  # staff members assigned to the customer
    fields = {"company": f"Company {next(_seq)} Ltd", **overrides}
    fields.setdefault("company_key", company_key(fields["company"]))
    customer = Customer(**fields)
    customer.admin_links = [CustomerAdmin(user_id=user.id) for user in assigned]
    db.session.add(customer)
    db.session.commit()
    return customer


def make_contact(customer: Customer | None = None, **overrides) -> Contact:
    n = next(_seq)
    customer = customer or make_customer()
    fields = {
        "first_name": "Ann",
        "last_name": f"Contact{n}",
        "email": f"contact{n}@example.com",
        "is_primary": not customer.contacts,
    }
    fields.update(overrides)
    contact = Contact(customer=customer, **fields)
    db.session.add(contact)
    db.session.commit()
    return contact


def new_customer_form(**overrides) -> dict:
    """A valid, complete New customer form as a browser would post it."""
    data = {
        "company": "Boulangerie Martin SARL",
        "vat_number": "FR40303265045",
        "phone": "01 42 68 53 00",
        "website": "Boulangerie-Martin.example.com/",
        "address": "12 rue de la Paix",
        "city": "Paris",
        "state": "Île-de-France",
        "zip": "75002",
        "country": "FR",
        "contact_first_name": "Claire",
        "contact_last_name": "Martin",
        "contact_email": "Claire.Martin@example.com",
        "contact_phone": "+33 6 12 34 56 78",
        "contact_position": "Gérante",
        "password_choice": "link",
        "perm_invoices": "y",
        "perm_estimates": "y",
        "perm_contracts": "y",
        "perm_proposals": "y",
        "perm_projects": "y",
        "billing_street": "12 rue de la Paix",
        "billing_city": "Paris",
        "billing_zip": "75002",
        "billing_country": "FR",
        "shipping_street": "3 quai des Entrepôts",
        "shipping_city": "Lyon",
        "shipping_zip": "69002",
        "shipping_country": "FR",
        "language": "fr",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_document(customer=None, kind="invoice", status="draft", lines=None, **overrides):
    """A saved estimate or invoice through the real service (totals computed; numbered unless
    it is a draft invoice)."""
    from datetime import date, timedelta
    from decimal import Decimal

    from app.services.sales.service import DocumentInput, ItemInput, save_document

    customer = customer or make_customer()
    currency = Currency.query.filter_by(code="EUR").first() or make_currency("EUR")
    data = DocumentInput(
        customer_id=customer.id,
        issue_date=date(2026, 11, 2),
        due_date=overrides.pop("due_date", date.today() + timedelta(days=30)),  # not yet late
        currency_id=currency.id,
        language=overrides.pop("language", "en"),
        billing={"street": "1 rue A", "city": "Paris", "country": "FR"},
        include_shipping=False,
        shipping={},
        items=lines or [ItemInput("Design work", Decimal("2"), Decimal("450"))],
        **overrides,
    )
    document = save_document(None, kind, data, None)
    if kind in ("invoice", "credit") and status != "draft":  # issued: it has its number
        from app.services.sales.numbering import assign_number

        assign_number(document, document.issue_date)
    document.status = status
    db.session.commit()
    return document


def _saved(obj):
    """Add and commit `obj`; return it."""
    db.session.add(obj)
    db.session.commit()
    return obj


def document_form(customer, currency, **overrides) -> dict:
    """A valid estimate or invoice form as a browser would post it."""
    from datetime import date, timedelta

    data = {
        "customer_id": str(customer.id),
        "issue_date": date.today().isoformat(),
        "due_date": (date.today() + timedelta(days=30)).isoformat(),
        "currency_id": str(currency.id),
        "language": "en",
        "billing_city": "Paris",
        "billing_country": "FR",
        "items-0-description": "Design",
        "items-0-quantity": "2",
        "items-0-rate": "450",
        "discount_type": "none",
        "discount_value": "0",
        "discount_before_tax": "y",
    }
    data.update(overrides)
    return data


def document_input(document, **overrides):
    """What saving `document` again takes (one line of 10), for direct service calls."""
    from decimal import Decimal

    from sqlalchemy import select

    from app.services.sales.service import DocumentInput, ItemInput

    currency_id = db.session.scalar(
        select(Currency.id).where(Currency.code == document.currency_code)
    )
    fields = dict(
        customer_id=document.customer_id,
        issue_date=document.issue_date,
        due_date=document.due_date,
        currency_id=currency_id,
        language=document.language,
        billing={},
        include_shipping=False,
        shipping={},
        items=[ItemInput("X", Decimal(1), Decimal(10))],
    )
    fields.update(overrides)
    return DocumentInput(**fields)


def make_indexed_customer(**fields) -> Customer:
    """A customer (and `contacts`, a list of field dicts) as the services save them: searchable."""
    from app.services.customers.search import reindex_customer

    contacts = fields.pop("contacts", [])
    customer = make_customer(**fields)
    for contact in contacts:
        make_contact(customer, **contact)
    db.session.refresh(customer)
    reindex_customer(customer)
    db.session.commit()
    return customer


def make_portal_contact(customer: Customer | None = None, **overrides) -> Contact:
    """A contact whose portal password is PASSWORD."""
    from werkzeug.security import generate_password_hash

    contact = make_contact(customer or make_customer(company="Acme Portal"), **overrides)
    contact.password_hash = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")
    db.session.commit()
    return contact


def make_contract(customer, **overrides):
    """A committed contract of `customer` (a sent one, a year long, unless told otherwise)."""
    from datetime import date, timedelta

    from app.models import Contract
    from app.models.types import utcnow

    fields = {
        "subject": "Maintenance",
        "currency_code": "EUR",
        "start_date": date.today(),
        "end_date": date.today() + timedelta(days=365),
        "status": "sent",
        "content": "<p>We maintain your site.</p>",
        **overrides,
    }
    if fields["status"] == "signed":
        fields.setdefault("signed_at", utcnow())
    return _saved(Contract(customer=customer, **fields))


def make_project(customer=None, tasks=(), **fields):
    """A project named Website unless told; tasks as (name, status) or (name, status, assignee)."""
    from app.models import Project, Task

    project = Project(customer=customer or make_customer(), **{"name": "Website", **fields})
    for name, status, *assignee in tasks:
        project.tasks.append(Task(name=name, status=status, assignee=(assignee or [None])[0]))
    return _saved(project)


def make_ticket(contact=None, attachment: bytes | None = None, **fields):
    """A ticket a contact opened with one message (carrying `attachment`, a text file, if given)."""
    from app.models import Ticket, TicketAttachment, TicketReply

    contact = contact or make_contact()
    ticket = Ticket(
        customer_id=contact.customer_id,
        contact=contact,
        **{"subject": "Help", "priority": "medium", **fields},
    )
    reply = TicketReply(ticket=ticket, contact=contact, body="Please help")
    if attachment is not None:
        reply.attachments.append(
            TicketAttachment(
                filename="a.txt", content_type="text/plain", size=len(attachment),
                content=attachment,
            )
        )  # fmt: skip
    db.session.add(reply)
    return _saved(ticket)


def make_outbox_message(customer, **overrides):
    """An email to a contact of `customer` that has not left yet."""
    from app.models import OutboxMessage

    fields = {"kind": "contact_link", "recipient": "someone@example.com", "body_text": "x",
              "subject": "Your password link", "body_html": "<p>x</p>", **overrides}  # fmt: skip
    return _saved(OutboxMessage(customer_id=customer.id, **fields))


def make_two_step(person) -> tuple[str, list[str]]:
    """Two-step sign-in on for `person`: (secret, recovery codes). It was confirmed with the
    previous time step's code, so `pyotp.TOTP(secret).now()` is still unused in a test."""
    import time

    import pyotp

    from app.services import two_step

    secret = pyotp.random_base32()
    earlier = pyotp.TOTP(secret).at(time.time() - two_step.STEP)
    codes = two_step.confirm_enrolment(person, secret, earlier)
    db.session.commit()
    return secret, codes


def make_recurring(customer=None, lines=None, **overrides):
    """A recurring invoice profile through the real service: monthly, starting today, 2 × 450
    EUR, leaving drafts (`today` overrides the service's day, for profiles starting earlier)."""
    from datetime import date
    from decimal import Decimal

    from app.services.recurring.service import RecurringInput, save_profile
    from app.services.sales.service import ItemInput

    customer = customer or make_customer()
    currency = Currency.query.filter_by(code="EUR").first() or make_currency("EUR")
    today = overrides.pop("today", None)
    user = overrides.pop("user", None)
    fields = {
        "customer_id": customer.id,
        "currency_id": currency.id,
        "language": "en",
        "items": lines or [ItemInput("Retainer", Decimal("2"), Decimal("450"))],
        "interval_count": 1,
        "interval_unit": "month",
        "start_date": today or date.today(),
        **overrides,
    }
    profile = save_profile(
        None, RecurringInput(**fields), user, today=today or fields["start_date"]
    )
    db.session.commit()
    return profile


def make_note(customer=None, contact=None, body="<p>Prefers calls in the morning.</p>", **more):
    """A staff note on `customer` (about `contact` when given), through the real service."""
    from app.services.customers.notes import add_note

    customer = customer or make_customer()
    author = more.pop("author", None) or make_user(name="Note author")
    note = add_note(customer, body, contact.id if contact else None, more.pop("pinned", False),
                    author)  # fmt: skip
    db.session.commit()
    return note


def make_file(customer=None, filename="terms.pdf", content=None, description="Our terms",
              shared=False, **more):  # fmt: skip
    """A file on `customer` (staff-only unless `shared`; a small PDF unless `content`), through
    the real service."""
    from app.services.customers.files import add_file
    from tests.file_samples import PDF

    content = PDF if content is None else content
    customer = customer or make_customer()
    uploader = more.pop("uploaded_by", None) or make_user(name="File uploader")
    file = add_file(customer, (filename, content), description, shared, uploader)
    db.session.commit()
    return file


def make_kb_group(names=None, position=0):
    """A knowledge base group, named in English unless `names` ({language: name}) says more."""
    from app.services.kb.service import save_group

    group = save_group(None, names or {"en": f"Group {next(_seq)}"}, position)
    db.session.commit()
    return group


def make_article(title="How to add a customer", body="<p>Open Customers.</p>", **more):
    """A knowledge base article through the real service: published, portal-only, in English
    unless told (`language`, `status`, `visibility`, `group`, `slug`, `texts`: more languages as
    {language: (title, body)})."""
    from app.services.kb.service import save_article

    group = more.pop("group", None) or make_kb_group()
    author = more.pop("author", None) or make_user(name="KB author")
    values = {"group_id": group.id, "status": more.pop("status", "published"),
              "visibility": more.pop("visibility", "portal"), "title": title,
              "slug": more.pop("slug", ""), "body": body}  # fmt: skip
    article = save_article(None, more.pop("language", "en"), values, author)
    for language, (other_title, other_body) in more.pop("texts", {}).items():
        save_article(article, language, {**values, "title": other_title, "body": other_body,
                                         "slug": ""}, author)  # fmt: skip
    db.session.commit()
    return article


def make_reminder(record=None, user=None, due=None, description="Call back about the renewal",
                  email=False, by=None):  # fmt: skip
    """A reminder on `record` (a customer by default) for `user`, due at `due` (UTC, default in
    a day), written straight to the table (a due time in the past is allowed here: it is how a
    reminder becomes due)."""
    from datetime import timedelta

    from app.models import Customer, Reminder
    from app.models.types import utcnow
    from app.services.reminders.service import RECORD_COLUMNS

    record = record or make_customer()
    user = user or make_user(name="Reminded person")
    reminder = Reminder(
        customer_id=record.id if isinstance(record, Customer) else record.customer_id,
        user_id=user.id, created_by_id=(by or user).id, due_at=due or utcnow() + timedelta(days=1),
        description=description, email=email,
    )  # fmt: skip
    if not isinstance(record, Customer):
        setattr(reminder, RECORD_COLUMNS[type(record)], record.id)
    db.session.add(reminder)
    db.session.commit()
    return reminder


def make_custom_field(key: str = "tier", field_type: str = "text", entity: str = "customer",
                      choices=(), **overrides):  # fmt: skip
    """A custom field of `entity`; `choices`: [(key, {language: label})] or [(key, label)]."""
    from app.models import CustomFieldChoice, CustomFieldDefinition

    fields = {"labels": {"en": key.replace("_", " ").capitalize()}, "section": "details",
              "required": False, "in_lists": True, "searchable": False, "active": True,
              **overrides}  # fmt: skip
    field = CustomFieldDefinition(entity_type=entity, key=key, field_type=field_type, **fields)
    field.choices = [
        CustomFieldChoice(key=k, labels=label if isinstance(label, dict) else {"en": label},
                          position=n)
        for n, (k, label) in enumerate(choices)
    ]  # fmt: skip
    db.session.add(field)
    db.session.commit()
    return field


def make_opening(customer=None, amount="1234.56", code="EUR", as_of=None, **kwargs):
    """An opening balance of `customer` through the real service (owed on 30 Nov 2026)."""
    from datetime import date
    from decimal import Decimal

    from app.services.sales.opening import record_opening_balance

    customer = customer or make_customer()
    currency = Currency.query.filter_by(code=code).first() or make_currency(code)
    opening = record_opening_balance(customer, currency, Decimal(amount),
                                     as_of or date(2026, 11, 30), None, **kwargs)  # fmt: skip
    db.session.commit()
    return opening


def empty_tables(conn, tables=None) -> None:
    """`tables` (every table by default, children first) emptied on `conn`, as a new database
    after its migrations: the customer counts' row is put back at zero (on PostgreSQL their
    triggers, deferred to the commit, are run with each delete first, so that they do not take
    the deleted customers off it)."""
    from sqlalchemy import insert, text

    if conn.dialect.name == "postgresql":
        conn.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
    for table in reversed(db.metadata.sorted_tables) if tables is None else tables:
        conn.execute(table.delete())
    conn.execute(insert(CustomerCount).values(id=1, active=0, inactive=0))


def empty_database() -> None:
    """Every table emptied, as each test starts: the shipped roles seeded again."""
    from app.services.roles import ensure_built_in

    db.session.remove()
    with db.engine.begin() as conn:
        empty_tables(conn)
    ensure_built_in()
    db.session.commit()

"""Settings → Roles: the shipped roles, and the roles administrators make, change and delete.

A role's capabilities come from a form as {module: {"view": "" | "own" | "all", "create":
bool, ...}}: seeing a module is one choice (nothing, your own records, all of them), so a role
never holds view all and view own at once."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import delete, exists, func, select
from sqlalchemy.exc import IntegrityError

from app.collation import collated
from app.extensions import db
from app.models import Role, RolePermission, User
from app.roles import ACTIONS, ADMINISTRATOR, BUILT_IN, MODULES, VIEW_ALL, VIEW_OWN
from app.services import ValidationError
from app.services.locks import savepoint
from app.services.names import unique_name

NAME_MAX = 80

# The words of the role form's "See" choice, used in the summary too.
SEE_WORDS = {VIEW_ALL: _l("Everything"), VIEW_OWN: _l("Their own")}


def ensure_built_in() -> None:
    """Add any shipped role that is missing (the migration seeds them; this restores them in a
    database emptied by hand or by the tests)."""
    present = set(db.session.scalars(select(Role.key).where(Role.key.is_not(None))))
    for key, granted in BUILT_IN.items():
        if key in present:
            continue
        try:
            with savepoint():
                role = Role(key=key)
                role.permissions = [RolePermission(module=m, action=a) for m, a in granted]
                db.session.add(role)
        except IntegrityError:  # another request added it at the same moment
            continue


def built_in_role(key: str) -> Role:
    """The shipped role with this key (added if missing)."""
    role = db.session.scalar(select(Role).where(Role.key == key))
    if role is None:
        ensure_built_in()
        role = db.session.scalar(select(Role).where(Role.key == key))
    return role


def all_roles() -> list[Role]:
    """Every role: Administrator first, then by name in the reader's language."""
    ensure_built_in()
    roles = collated(db.session.scalars(select(Role)), lambda role: role.display_name)
    return sorted(roles, key=lambda role: not role.is_administrator)


def members_per_role() -> dict[int, int]:
    """How many staff members (active or not) hold each role."""
    rows = db.session.execute(select(User.role_id, func.count()).group_by(User.role_id))
    return dict(rows.all())


def _checked_name(name: str, role: Role | None) -> str:
    """`name` trimmed and checked: required, and no other role's, whatever its case (also a
    shipped role's name in the reader's language, unless that role was renamed)."""
    taken = _("A role with this name already exists.")
    name = unique_name(Role.name, name, role, NAME_MAX, taken, _("Enter the role's name."))
    unnamed = select(Role).where(Role.key.is_not(None), Role.name.is_(None))
    if role is not None and role.id is not None:
        unnamed = unnamed.where(Role.id != role.id)
    if name.casefold() in {other.display_name.casefold() for other in db.session.scalars(unnamed)}:
        raise ValidationError(taken, "name")
    return name


def capabilities_from(data: dict) -> set[tuple[str, str]]:
    """The (module, action) pairs a role form asks for; unknown modules or actions are refused."""
    granted = set()
    for module, choices in (data or {}).items():
        if module not in MODULES:
            raise ValidationError(_("Choose capabilities from the list."), "capabilities")
        actions = MODULES[module][1]
        view = choices.get("view") or ""
        if view not in ("", "own", "all") or (view == "own" and VIEW_OWN not in actions):
            raise ValidationError(_("Choose capabilities from the list."), "capabilities")
        if view:
            granted.add((module, VIEW_ALL if view == "all" else VIEW_OWN))
        for action, chosen in choices.items():
            if action == "view" or not chosen:
                continue
            if action not in actions or action in (VIEW_ALL, VIEW_OWN):
                raise ValidationError(_("Choose capabilities from the list."), "capabilities")
            granted.add((module, action))
    return granted


def form_values(role: Role | None) -> dict:
    """A role's capabilities as the form shows them (see `capabilities_from`)."""
    granted = role.granted() if role is not None else frozenset()
    values = {}
    for module, (_name, actions) in MODULES.items():
        view = (
            "all"
            if (module, VIEW_ALL) in granted
            else "own"
            if (module, VIEW_OWN) in granted
            else ""
        )
        values[module] = {"view": view} | {
            action: (module, action) in granted
            for action in actions
            if action not in (VIEW_ALL, VIEW_OWN)
        }
    return values


def save_role(role: Role | None, name: str | None, capabilities: dict) -> Role:
    """Create a role (`role` None) or change one. The Administrator role cannot change; a
    shipped role keeps its name in each language unless given another (an empty name gives
    it back)."""
    if role is not None and role.is_administrator:
        raise ValidationError(_("The Administrator role always holds every capability."))
    granted = capabilities_from(capabilities)
    if role is not None and role.key is not None and not (name or "").strip():
        role.name = None  # the shipped name, in each reader's language
    else:
        checked = _checked_name(name or "", role)
        if role is None:
            role = Role()
            db.session.add(role)
        if role.key is None or role.name or checked != role.display_name:
            role.name = checked
    role.permissions = [RolePermission(module=m, action=a) for m, a in sorted(granted)]
    db.session.flush()
    return role


def _holders(role_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.role_id == role_id))


def _held_message(holders: int) -> str:
    return ngettext(
        "%(num)d staff member holds this role: give them another one first.",
        "%(num)d staff members hold this role: give them another one first.",
        holders,
    )


def delete_role(role: Role) -> None:
    """Delete a role nobody holds; shipped roles stay (they can be changed).

    One conditional DELETE: a staff member given the role meanwhile (another request, at the
    same moment) keeps it and the deletion is refused, never half done. PostgreSQL checks the
    foreign key of a row written by a transaction still open when this one commits, so that
    late conflict is refused the same way."""
    if role.key is not None:
        raise ValidationError(_("A shipped role cannot be deleted; change its capabilities."))
    holders = _holders(role.id)
    if holders:
        raise ValidationError(_held_message(holders))
    held = exists().where(User.role_id == Role.id)
    try:
        with savepoint():
            deleted = db.session.execute(
                delete(Role).where(Role.id == role.id, Role.key.is_(None), ~held),
                execution_options={"synchronize_session": False},
            ).rowcount
    except IntegrityError:
        deleted = 0
    if deleted != 1 and db.session.get(Role, role.id, populate_existing=True) is not None:
        raise ValidationError(_held_message(max(_holders(role.id), 1)))
    db.session.expunge(role)  # gone (also when another administrator deleted it first)


def role_summary(role: Role) -> str:
    """One line saying what a role allows, module by module ("Invoices and payments: View all,
    Create; Reports: View own"), for the Role choice of the staff forms."""
    if role.is_administrator:
        text = _("every capability, including settings, staff and roles")
        return text[:1].upper() + text[1:]
    granted = role.granted()
    parts = []
    for module, (name, actions) in MODULES.items():
        held = [str(SEE_WORDS[action] if action in SEE_WORDS else ACTIONS[action])
                for action in actions if (module, action) in granted]  # fmt: skip
        if held:
            parts.append(_("%(module)s: %(action)s", module=name, action=", ".join(held)))
    return " · ".join(parts) or _("Nothing")  # a middle dot: the same in every language


def find_role(wanted: str) -> Role:
    """The role a shipped key ("sales") or a name names (any case, a shipped role's name in the
    current language too); ValidationError when none does."""
    wanted = (wanted or "").strip()
    if wanted in BUILT_IN:
        return built_in_role(wanted)
    for role in all_roles():
        if role.display_name.casefold() == wanted.casefold():
            return role
    keys = ", ".join(BUILT_IN)
    raise ValidationError(
        _(
            "Unknown role: %(name)s. Give a shipped role's key (%(keys)s) or a role's name.",
            name=wanted,
            keys=keys,
        ),
        "role",
    )


def administrator_role() -> Role:
    """The Administrator role (every capability)."""
    return built_in_role(ADMINISTRATOR)

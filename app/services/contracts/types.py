"""Settings → Contracts: the managed list of contract types."""

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Contract, ContractType
from app.services import ValidationError, control_characters

NAME_MAX = 100


def all_types() -> list[ContractType]:
    return list(db.session.scalars(select(ContractType).order_by(ContractType.name)))


def save_type(contract_type: ContractType | None, name: str) -> ContractType:
    """Add or rename a type; names are unique whatever their case."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Enter a name."), "name")
    if len(name) > NAME_MAX:
        raise ValidationError(_("Use at most %(n)d characters.", n=NAME_MAX), "name")
    bad = control_characters({"name": name})
    if bad:
        raise ValidationError(bad["name"], "name")
    # Compared in Python: SQLite's lower() folds ASCII only, PostgreSQL's every letter. The list
    # is short (a settings page).
    folded = name.casefold()
    if any(t.name.casefold() == folded and t is not contract_type for t in all_types()):
        raise ValidationError(_("A contract type with this name already exists."), "name")
    contract_type = contract_type or ContractType()
    contract_type.name = name
    try:
        with db.session.begin_nested():  # two admins adding the same name at once
            db.session.add(contract_type)
    except IntegrityError:
        raise ValidationError(_("A contract type with this name already exists."), "name") from None
    return contract_type


def delete_type(contract_type: ContractType) -> None:
    """Remove a type; its contracts keep going, without a type."""
    db.session.execute(
        update(Contract).where(Contract.type_id == contract_type.id).values(type_id=None)
    )
    db.session.delete(contract_type)
    db.session.flush()

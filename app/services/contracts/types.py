"""Settings → Contracts: the managed list of contract types."""

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.collation import collated
from app.extensions import db
from app.models import Contract, ContractType
from app.services import ValidationError
from app.services.locks import savepoint
from app.services.names import unique_name

NAME_MAX = 100


def all_types() -> list[ContractType]:
    """Every contract type, by name in the reader's language."""
    return collated(db.session.scalars(select(ContractType)), lambda t: t.name)


def save_type(contract_type: ContractType | None, name: str) -> ContractType:
    """Add or rename a type; names are unique whatever their case."""
    taken = _("A contract type with this name already exists.")
    name = unique_name(ContractType.name, name, contract_type, NAME_MAX, taken)
    contract_type = contract_type or ContractType()
    contract_type.name = name
    try:
        with savepoint():  # two admins adding the same name at once
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

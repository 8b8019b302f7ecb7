"""Settings names (groups, departments, taxes, contract types) are unique whatever their case,
accents included, on SQLite and PostgreSQL alike; they refuse control characters and long names."""

from decimal import Decimal

import pytest

from app.services import FormErrors, ValidationError
from app.services.contracts.types import save_type
from app.services.customers.groups import create_group, find_or_create_group, rename_group
from app.services.sales.taxes import save_tax
from app.services.tickets.departments import save_department

SAVERS = {
    "group": lambda name: create_group(name),
    "department": lambda name: save_department(None, name, []),
    "tax": lambda name: save_tax(None, name, Decimal("20")),
    "contract type": lambda name: save_type(None, name),
}


@pytest.mark.parametrize("kind", SAVERS)
def test_a_name_differing_only_in_accented_case_is_taken(ctx, kind):
    SAVERS[kind]("École")
    with pytest.raises((ValidationError, FormErrors)) as refused:
        SAVERS[kind]("école")
    assert refused.value.field == "name"
    SAVERS[kind]("Ecole")  # another word, not the same name


@pytest.mark.parametrize("kind", SAVERS)
@pytest.mark.parametrize("name", ["Sales\x07", "x" * 101, "   "])
def test_a_bad_name_is_refused_beside_the_field(ctx, kind, name):
    with pytest.raises(ValidationError) as refused:
        SAVERS[kind](name)
    assert refused.value.field == "name"


def test_renaming_to_its_own_name_in_another_case_is_allowed(ctx):
    group = create_group("Écoles")
    rename_group(group, "ÉCOLES")
    assert group.name == "ÉCOLES"
    assert find_or_create_group("écoles") is group


def test_changing_a_department_keeps_its_name_free_for_itself(ctx):
    department = save_department(None, "Équipe", [])
    assert save_department(department, "équipe", []) is department
    assert department.name == "équipe"

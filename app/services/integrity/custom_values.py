"""Check 9: every custom value belongs to a record that exists (the values table has no foreign
key, one table serving every entity: a deleted record's values go with it in its service)."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import CustomFieldValue, Document
from app.services.custom_fields.values import RECORDS
from app.services.integrity.registry import Problem, check


def _orphans(entity: str, model) -> list[Problem]:
    found = select(model.id).where(model.id == CustomFieldValue.record_id)
    if model is Document:
        found = found.where(Document.kind == entity)
    query = (
        select(CustomFieldValue.record_id, func.count())
        .where(CustomFieldValue.entity_type == entity, ~found.exists())
        .group_by(CustomFieldValue.record_id)
        .order_by(CustomFieldValue.record_id)
    )
    return [
        Problem(
            f"{entity} id {record_id} (missing)",
            f"{count} custom value(s) left behind",
            expected="no values",
            found=f"{count} value(s)",
        )  # fmt: skip
        for record_id, count in db.session.execute(query)
    ]


@check("custom_values", "Custom values belong to records that exist", order=80)
def custom_values() -> list[Problem]:
    return [problem for entity, model in RECORDS.items() for problem in _orphans(entity, model)]

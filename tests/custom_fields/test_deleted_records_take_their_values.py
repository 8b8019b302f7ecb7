"""Deleting a contract, a project or a customer (with its tickets) deletes their custom values;
check-data finds values left behind by a record that is gone."""

from sqlalchemy import func, select, text

from app.extensions import db
from app.models import CustomFieldValue
from tests.factories import (
    make_admin,
    make_contact,
    make_contract,
    make_custom_field,
    make_customer,
    make_project,
    make_ticket,
)


def give(entity, record_id, value="x"):
    field = make_custom_field(f"f_{entity}_{record_id}", "text", entity=entity)
    db.session.add(CustomFieldValue(entity_type=entity, record_id=record_id, field_id=field.id,
                                    value_text=value))  # fmt: skip
    db.session.commit()


def values_of(entity) -> int:
    query = select(func.count()).where(CustomFieldValue.entity_type == entity)
    return db.session.scalar(query.select_from(CustomFieldValue))


def test_deleting_records_deletes_their_values(client, ctx, login_as):
    login_as(make_admin())
    keep = make_project()
    contract, project = make_contract(make_customer(), status="draft"), make_project()
    give("contract", contract.id), give("project", project.id), give("project", keep.id, "kept")
    url = f"/admin/contracts/{contract.id}"
    assert client.post_form(f"{url}/delete", {}, token_from=url).status_code == 303
    url = f"/admin/projects/{project.id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    assert (values_of("contract"), values_of("project")) == (0, 1)
    customer = make_customer()
    ticket = make_ticket(make_contact(customer))
    give("ticket", ticket.id)
    url = f"/admin/customers/{customer.id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    assert values_of("ticket") == 0


def test_check_data_finds_values_left_behind(app, ctx):
    ticket_id = make_ticket().id
    give("ticket", ticket_id)
    runner = app.test_cli_runner()
    assert "All 11 checks passed" in runner.invoke(args=["check-data"]).output
    db.session.execute(text("DELETE FROM ticket_replies"))
    db.session.execute(text("DELETE FROM tickets"))
    db.session.commit()
    output = runner.invoke(args=["check-data"]).output
    assert f"ticket id {ticket_id} (missing): 1 custom value(s) left behind" in output

"""Custom fields on tickets: staff open and update a ticket with them (refused beside the field,
nothing written), its page shows them; a contact's new-ticket form asks only those marked *Show
in the client portal*, and the ticket's portal page shows only those."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import CustomFieldValue, Ticket
from tests.factories import make_admin, make_contact, make_custom_field, make_customer, make_ticket

PORTAL_NEW = "/clients/tickets/new"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def portal_post(client, **fields):
    data = {"subject": "Printer", "priority": "high", "department": "", "body": "It smokes.",
            **fields}  # fmt: skip
    return client.post_form(PORTAL_NEW, data, token_from=PORTAL_NEW,
                            content_type="multipart/form-data")  # fmt: skip


def test_a_contact_fills_the_portal_fields_only(client, ctx, login_as, inbox):
    make_admin(email="boss@example.com")
    make_custom_field("serial", "text", entity="ticket", required=True, in_portal=True,
                      labels={"en": "Serial number"})  # fmt: skip
    make_custom_field("cost", "number", entity="ticket", required=True, labels={"en": "Cost"})
    contact = make_contact(make_customer())
    login_as(contact)
    page = client.get(PORTAL_NEW).get_data(as_text=True)
    assert "Serial number" in page and "Cost" not in page
    response = portal_post(client, cf_serial="  ")
    assert response.status_code == 422
    assert 'id="cf_serial-error"' in response.get_data(as_text=True)
    assert count(Ticket) == 0 and count(CustomFieldValue) == 0 and inbox.messages == []
    response = portal_post(client, cf_serial="SN-42", cf_cost="99")  # a staff field is ignored
    assert response.status_code == 303
    ticket = db.session.scalars(select(Ticket)).one()
    rows = db.session.scalars(select(CustomFieldValue)).all()
    assert [(r.entity_type, r.record_id, r.value_text) for r in rows] == [
        ("ticket", ticket.id, "SN-42")
    ]
    page = client.get(f"/clients/tickets/{ticket.id}").get_data(as_text=True)
    assert "<dt>Serial number</dt><dd>SN-42</dd>" in page


def test_staff_open_and_update_a_ticket_with_its_fields(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("cost", "number", entity="ticket", required=True, labels={"en": "Cost"})
    secret = make_custom_field("secret", "text", entity="ticket", labels={"en": "Secret"})
    contact = make_contact(make_customer())
    url = f"/admin/customers/{contact.customer_id}/tickets/new"
    assert "Cost" in client.get(url).get_data(as_text=True)
    data = {"contact": contact.id, "subject": "Help", "priority": "medium", "department": "",
            "body": "Hello", "cf_cost": "abc"}  # fmt: skip
    response = client.post_form(url, data, token_from=url, content_type="multipart/form-data")
    assert response.status_code == 422
    assert 'id="cf_cost-error"' in response.get_data(as_text=True)
    assert count(Ticket) == 0 and count(CustomFieldValue) == 0
    data["cf_cost"] = "1,250.5"
    response = client.post_form(url, data, token_from=url, content_type="multipart/form-data")
    assert response.status_code == 303
    ticket = db.session.scalars(select(Ticket)).one()
    page = client.get(f"/admin/tickets/{ticket.id}").get_data(as_text=True)
    assert "<dt>Cost</dt><dd>1,250.50</dd>" in page
    update = f"/admin/tickets/{ticket.id}/update"
    meta = {"status": "closed", "priority": "low", "department": "", "assigned_to": "",
            "cf_cost": "", "cf_secret": "Gold"}  # fmt: skip
    assert client.post_form(update, meta, token_from="/admin/").status_code == 422
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "open"
    meta["cf_cost"] = "7"
    assert client.post_form(update, meta, token_from="/admin/").status_code == 303
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "closed"
    page = client.get(f"/admin/tickets/{ticket.id}").get_data(as_text=True)
    assert "<dt>Cost</dt><dd>7</dd>" in page and "<dt>Secret</dt><dd>Gold</dd>" in page
    # The contact sees none of them: none is marked for the portal.
    login_as(ticket.contact)
    page = client.get(f"/clients/tickets/{ticket.id}").get_data(as_text=True)
    assert "Gold" not in page and secret.labels["en"] not in page


def test_settings_offer_contracts_projects_and_tickets(client, ctx, login_as):
    from app.models import CustomFieldDefinition

    login_as(make_admin())
    new = "/admin/settings/custom-fields/new"
    page = client.get(new).get_data(as_text=True)
    for value, label in (("contract", "Contracts"), ("project", "Projects"), ("ticket", "Tickets")):
        assert f'<option value="{value}">{label}</option>' in page
    data = {"entity_type": "ticket", "field_type": "text", "label_en": "Serial number",
            "section": "billing", "position": "1", "in_portal": "y", "active": "y"}  # fmt: skip
    assert client.post_form(new, data, token_from=new).status_code == 303
    field = db.session.scalar(select(CustomFieldDefinition))
    assert (field.entity_type, field.key, field.section, field.in_portal) == (
        "ticket", "serial_number", "details", True)  # fmt: skip


def test_the_ticket_list_filters_and_shows_a_field(client, ctx, login_as):
    login_as(make_admin())
    choices = [("printer", "Printer"), ("laptop", "Laptop")]
    device = make_custom_field("device", "choice", entity="ticket", choices=choices,
                               labels={"en": "Device"})  # fmt: skip
    printer, laptop = make_ticket(subject="Alpha"), make_ticket(subject="Beta")
    for ticket, key in ((printer, "printer"), (laptop, "laptop")):
        db.session.add(CustomFieldValue(entity_type="ticket", record_id=ticket.id,
                                        field_id=device.id, value_text=key))  # fmt: skip
    db.session.commit()

    def listed(**params):
        page = client.get("/admin/tickets", query_string=params).text
        return sorted(s for s in ("Alpha", "Beta") if f">{s}</a>" in page), page

    assert listed()[0] == ["Alpha", "Beta"]
    assert listed(cf_device="printer")[0] == ["Alpha"]
    assert listed(cf_device="nonsense")[0] == ["Alpha", "Beta"]  # unknown: ignored
    names, page = listed(col="device")
    assert '<td data-label="Device">Printer</td>' in page
    assert '<td data-label="Device">' not in listed()[1]

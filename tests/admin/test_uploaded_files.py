"""Uploaded images and attachments: bombs are refused, names made safe, empty files refused."""

import io

from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.models import TicketAttachment
from tests.factories import make_admin, make_contact, make_customer


def huge_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (13000, 13000)).save(out, format="PNG")
    return out.getvalue()


def test_decompression_bombs_are_refused(client, ctx, login_as):
    bomb = huge_png()
    login_as(make_admin())
    url = "/admin/settings/company"
    response = client.post_form(
        url,
        {"company_name": "X", "logo": (io.BytesIO(bomb), "l.png")},
        token_from=url,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    contact = make_contact(make_customer())
    login_as(contact)
    new = "/clients/tickets/new"
    response = client.post_form(
        new,
        {
            "subject": "S",
            "priority": "low",
            "department": "",
            "body": "b",
            "attachments": [(io.BytesIO(bomb), "b.png")],
        },
        token_from=new,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422


def test_attachment_names_in_other_scripts_and_empty_files(client, ctx, login_as):
    login_as(make_contact(make_customer()))
    new = "/clients/tickets/new"
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG")
    ok = client.post_form(
        new,
        {
            "subject": "S",
            "priority": "low",
            "department": "",
            "body": "b",
            "attachments": [(io.BytesIO(out.getvalue()), "日本語.png")],
        },
        token_from=new,
        content_type="multipart/form-data",
    )
    assert ok.status_code == 303
    assert db.session.scalar(select(TicketAttachment.filename)) == "attachment.png"
    empty = client.post_form(
        new,
        {
            "subject": "S",
            "priority": "low",
            "department": "",
            "body": "b",
            "attachments": [(io.BytesIO(b""), "e.txt")],
        },
        token_from=new,
        content_type="multipart/form-data",
    )
    assert empty.status_code == 422

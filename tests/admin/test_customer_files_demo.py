"""`flask demo` adds two files on Boulangerie Martin once: one shared with its portal (its
contacts see and download it, described in French), one kept for staff."""

import html

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, CustomerFile


def test_the_demo_files_are_added_once_and_one_is_shared(app, client, ctx, login_as):
    runner = app.test_cli_runner()
    for _ in range(2):
        assert runner.invoke(args=["demo"]).exit_code == 0
        assert db.session.scalar(select(func.count()).select_from(CustomerFile)) == 2
    claire = db.session.scalar(
        select(Contact).where(Contact.email == "claire@boulangerie-martin.example.com")
    )
    login_as(claire)
    page = html.unescape(client.get("/clients/files").get_data(as_text=True))
    assert "maintenance-schedule.csv" in page and "Calendrier de maintenance" in page
    assert "kick-off-notes.txt" not in page
    shared = db.session.scalar(select(CustomerFile).where(CustomerFile.shared.is_(True)))
    staff_only = db.session.scalar(select(CustomerFile).where(CustomerFile.shared.is_(False)))
    download = client.get(f"/clients/files/{shared.id}")
    assert download.status_code == 200 and b"Backups checked" in download.data
    assert client.get(f"/clients/files/{staff_only.id}").status_code == 404
    assert staff_only.description == "Notes from the kick-off meeting"  # the system language

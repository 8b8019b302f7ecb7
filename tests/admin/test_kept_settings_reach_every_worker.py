"""What each app process keeps (settings, groups, staff, the lists' custom fields) follows a
change made through another app on the same database at its next request, and a write that
rolled back never shows: on SQLite and PostgreSQL."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app.extensions import db
from app.models import User
from app.services.customers.groups import create_group, group_choices
from app.services.settings import get_settings, save_settings
from tests.factories import make_admin, make_custom_field, make_customer


@pytest.fixture
def pages(app, second, login_as):
    """The customer list as the same administrator sees it through each app."""
    with app.app_context():
        admin = make_admin(name="Ada Admin")
        make_customer(company="Alpha Atelier")
        admin_id = admin.id
    first = login_as(admin)
    other = second.test_client()
    with first.session_transaction() as session, other.session_transaction() as copy:
        copy.update(session)

    def page(through: str) -> str:
        client = first if through == "first" else other
        response = client.get("/admin/customers")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    page.admin_id = admin_id
    return page


def test_a_change_through_one_app_shows_in_the_other_at_its_next_request(app, pages):
    before = pages("second")  # the second app now keeps what it read
    assert "Wholesale" not in before and "Niveau client" not in before
    with app.test_request_context():
        create_group("Wholesale")
        save_settings({"company_name": "Fromagerie Dupuis"})
        make_custom_field("tier", "text", labels={"en": "Niveau client"})
        db.session.get(User, pages.admin_id).name = "Ada Renamed"
        db.session.commit()
    after = pages("second")
    assert "Wholesale" in after  # the group filter
    assert "Fromagerie Dupuis" in after  # the brand, from the settings
    assert "Niveau client" in after  # the custom field's column and filter
    assert "Ada Renamed" in after and "Ada Admin" not in after  # the staff filter
    assert "Wholesale" in pages("first")


def test_a_write_that_rolled_back_never_shows(app, second, pages):
    pages("second")
    with second.test_request_context():
        # Read inside the failed transaction: what is read there must not outlive it, even
        # once later commits have written as many changes as it did.
        create_group("Ghost group")
        assert "Ghost group" in [g.name for g in group_choices()]
        save_settings({"company_name": "Ghost Company"})
        assert get_settings().company_name == "Ghost Company"
        db.session.rollback()
    with app.test_request_context():  # as many writes as it made, committed
        create_group("Real group")
        save_settings({"company_name": "Real Company"})
        db.session.commit()
    for through in ("second", "first"):
        page = pages(through)
        assert "Real group" in page and "Real Company" in page
        assert "Ghost group" not in page and "Ghost Company" not in page


def test_plain_sql_is_seen_too_after_the_migration_goes_down_and_up(app, pages):
    pages("second")
    with app.app_context():
        db.session.remove()
        downgrade(revision="0045_groups_report")  # the revision before 0046
        upgrade()
        db.session.execute(text("INSERT INTO customer_groups (name) VALUES ('Typed in SQL')"))
        db.session.execute(text("UPDATE users SET name = 'Ada SQL' WHERE id = :id"),
                           {"id": pages.admin_id})  # fmt: skip
        db.session.commit()
    page = pages("second")
    assert "Typed in SQL" in page and "Ada SQL" in page

"""Custom fields on projects: on the staff form (refused beside the field with nothing
written), on the project's page, and on its portal page when *Show in the client portal*."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import CustomFieldValue, Project
from tests.admin.test_projects import project_form
from tests.factories import make_admin, make_contact, make_custom_field, make_customer

NEW = "/admin/projects/new"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_project_form_saves_its_fields(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("go_live", "date", entity="project", required=True, in_portal=True,
                      labels={"en": "Go-live", "fr": "Mise en service"})  # fmt: skip
    make_custom_field("budget_ok", "yes_no", entity="project", labels={"en": "Budget agreed"})
    contact = make_contact(make_customer(language="fr"))
    url = f"{NEW}?customer={contact.customer_id}"
    assert "Go-live" in client.get(url).text
    for bad in ("", "2299-01-01", "31/02/2027"):
        data = project_form(contact.customer_id, cf_go_live=bad, cf_budget_ok="yes")
        response = client.post_form(NEW, data, token_from=url)
        assert response.status_code == 422
        assert 'id="cf_go_live-error"' in response.text
    assert count(Project) == 0 and count(CustomFieldValue) == 0
    data = project_form(contact.customer_id, cf_go_live="2027-03-01", cf_budget_ok="yes")
    assert client.post_form(NEW, data, token_from=url).status_code == 303
    project = db.session.scalars(select(Project)).one()
    page = client.get(f"/admin/projects/{project.id}").text
    assert "<dt>Go-live</dt><dd>Mar 1, 2027</dd>" in page
    assert "<dt>Budget agreed</dt><dd>Yes</dd>" in page
    edit = f"/admin/projects/{project.id}/edit"
    assert 'value="2027-03-01"' in client.get(edit).text
    data = project_form(contact.customer_id, cf_go_live="2027-04-01", cf_budget_ok="no")
    assert client.post_form(edit, data, token_from=edit).status_code == 303
    login_as(contact)
    page = client.get(f"/clients/projects/{project.id}").text
    assert "<dt>Mise en service</dt><dd>1 avr. 2027</dd>" in page and "Budget" not in page


def test_the_project_list_filters_and_shows_a_yes_no_field(client, ctx, login_as):
    from tests.factories import make_project

    login_as(make_admin())
    agreed = make_custom_field("budget_ok", "yes_no", entity="project",
                               labels={"en": "Budget agreed"})  # fmt: skip
    for name, value in (("Alpha", True), ("Beta", False)):
        project = make_project(name=name)
        db.session.add(CustomFieldValue(entity_type="project", record_id=project.id,
                                        field_id=agreed.id, value_bool=value))  # fmt: skip
    db.session.commit()

    def listed(**params):
        page = client.get("/admin/projects", query_string=params).text
        return sorted(s for s in ("Alpha", "Beta") if f">{s}</a>" in page), page

    assert listed()[0] == ["Alpha", "Beta"]
    assert listed(cf_budget_ok="yes")[0] == ["Alpha"]
    assert listed(cf_budget_ok="no")[0] == ["Beta"]
    assert '<td data-label="Budget agreed">Yes</td>' in listed(col="budget_ok")[1]

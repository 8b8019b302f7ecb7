"""Buttons whose action depends on more than the page's own capability: a colleague's account
(an administrator's only by an administrator), converting (create on the kind it makes), and
links from a report to customers (customers view)."""

from tests.factories import (
    make_admin,
    make_customer,
    make_document,
    make_session_row,
    make_user,
)

STAFF_MANAGER = {("staff", "view_all"), ("staff", "edit"), ("customers", "view_all")}


def test_a_staff_manager_sees_no_change_buttons_on_an_administrators_pages(client, ctx, login_as):
    admin, colleague = make_admin(name="Ada Admin"), make_user(name="Cole Colleague")
    make_session_row(admin), make_session_row(colleague)  # signed in somewhere: sessions listed
    login_as(make_user(role=STAFF_MANAGER))
    for member, shown in ((admin, False), (colleague, True)):
        edit = client.get(f"/admin/staff/{member.id}").get_data(as_text=True)
        security = client.get(f"/admin/staff/{member.id}/security").get_data(as_text=True)
        assert (f"/admin/staff/{member.id}/deactivate" in edit) is shown, member.name
        assert (f"/admin/staff/{member.id}/reset-link" in edit) is shown, member.name
        assert (f'action="/admin/staff/{member.id}"' in edit) is shown, member.name  # the form
        assert (f"/admin/staff/{member.id}/sessions/end" in security) is shown, member.name
        assert (f"/admin/staff/{member.id}/reset-link" in security) is shown, member.name
    # What the page offers, the server allows (and nothing more).
    token = client.csrf_token("/admin/")
    assert client.post(f"/admin/staff/{admin.id}/deactivate", data={"csrf_token": token}
                       ).status_code == 403  # fmt: skip
    assert client.post(f"/admin/staff/{colleague.id}/deactivate", data={"csrf_token": token}
                       ).status_code == 303  # fmt: skip


def test_an_administrator_sees_the_buttons_on_another_administrators_page(client, ctx, login_as):
    other = make_admin(name="Other Admin")
    login_as(make_admin())
    assert f"/admin/staff/{other.id}/deactivate" in client.get(f"/admin/staff/{other.id}").text


def test_convert_shows_only_with_create_on_the_kind_it_makes(client, ctx, login_as):
    customer = make_customer(company="Acme")
    proposal = make_document(customer, kind="proposal", status="sent")
    editor = {("proposals", "view_all"), ("proposals", "edit"), ("customers", "view_all")}
    login_as(make_user(role=editor))
    page = client.get(f"/admin/proposals/{proposal.id}").get_data(as_text=True)
    assert "Convert to invoice" not in page and "Convert to estimate" not in page
    login_as(make_user(role=editor | {("estimates", "create")}))
    page = client.get(f"/admin/proposals/{proposal.id}").get_data(as_text=True)
    assert "Convert to estimate" in page and "Convert to invoice" not in page
    login_as(make_user(role=editor | {("invoices", "create")}))
    page = client.get(f"/admin/proposals/{proposal.id}").get_data(as_text=True)
    assert "Convert to invoice" in page and "Convert to estimate" not in page


def test_the_customers_report_links_to_customers_only_for_those_who_may_open_them(
    client, ctx, login_as
):
    customer = make_customer(company="Acme")
    make_document(customer, kind="invoice", status="unpaid")
    login_as(make_user(role={("reports", "view_all")}))
    page = client.get("/admin/reports/customers?preset=all").get_data(as_text=True)
    assert "Acme" in page and f"/admin/customers/{customer.id}" not in page
    login_as(make_user(role={("reports", "view_all"), ("customers", "view_all")}))
    page = client.get("/admin/reports/customers?preset=all").get_data(as_text=True)
    assert f"/admin/customers/{customer.id}" in page

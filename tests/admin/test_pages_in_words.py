"""Pages say things in words: no "0 contacts" on a delete page, languages by their name."""

from tests.factories import make_admin, make_contact, make_customer, make_user


def test_deleting_a_customer_without_contacts_does_not_count_zero_of_them(client, ctx, login_as):
    login_as(make_admin())
    alone = make_customer(company="Alone")
    page = client.get(f"/admin/customers/{alone.id}/delete").get_data(as_text=True)
    assert "0 contacts" not in page and "This cannot be undone." in page
    with_one = make_customer(company="Pair")
    make_contact(with_one)
    page = client.get(f"/admin/customers/{with_one.id}/delete").get_data(as_text=True)
    assert "Its 1 contact will be deleted too." in page


def test_the_staff_list_names_each_language_in_itself(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    make_user(name="Jonas", language="de")
    page = client.get("/admin/staff/").get_data(as_text=True)
    assert "Deutsch" in page and ">de<" not in page

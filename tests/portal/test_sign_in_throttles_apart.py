"""Staff and contacts sign in through pages built by one helper; their throttles stay apart."""

from tests.factories import PASSWORD, make_portal_contact


def login(client, path, email, password):
    return client.post_form(path, {"email": email, "password": password}, token_from=path)


def test_failed_staff_sign_ins_do_not_block_the_portal(client, ctx):
    for n in range(20):
        assert login(client, "/admin/login", f"guess{n}@example.com", "wrong").status_code == 422
    assert login(client, "/admin/login", "guess@example.com", "wrong").status_code == 429
    contact = make_portal_contact()
    assert login(client, "/clients/login", contact.email, PASSWORD).status_code == 303


def test_reset_emails_are_counted_per_area(client, ctx, app):
    limit = int(app.config["LOGIN_LIMIT_ADDRESS"].split()[0])
    for _ in range(limit):
        client.post_form("/admin/forgot-password", {"email": "a@example.com"},
                         token_from="/admin/forgot-password")  # fmt: skip
    staff = client.post_form("/admin/forgot-password", {"email": "a@example.com"},
                             token_from="/admin/forgot-password")  # fmt: skip
    assert staff.status_code == 429
    portal = client.post_form("/clients/forgot-password", {"email": "a@example.com"},
                              token_from="/clients/forgot-password")  # fmt: skip
    assert portal.status_code == 303

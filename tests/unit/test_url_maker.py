"""url_maker (app/templating.py): a list's rows link with the very addresses url_for gives."""

from flask import render_template_string, url_for


def test_rows_get_url_for_addresses(app):
    page = (
        "{% set detail = url_maker('admin.customer_detail', 'customer_id') %}"
        "{% for n in ids %}{{ detail(n) }} {% endfor %}"
    )
    ids = [1, 7, 2147483647, 123456]
    with app.test_request_context("/admin/customers"):
        expected = "".join(url_for("admin.customer_detail", customer_id=n) + " " for n in ids)
        assert render_template_string(page, ids=ids) == expected
    with app.test_request_context("/admin/customers", base_url="http://x.example/crm"):
        assert render_template_string(page, ids=[5]) == "/crm/admin/customers/5 "

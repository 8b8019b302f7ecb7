"""url_maker (app/templating.py): a list's rows link with the very addresses url_for gives."""

from flask import render_template_string, url_for
from markupsafe import escape


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


def test_templates_url_for_is_flasks_wherever_the_app_is_reached(app):
    """Templates' url_for remembers addresses per process, yet gives url_for's for each mount
    point and host, and tells 1 from "1" and True."""
    page = (
        "{{ url_for('static', filename='css/app.css') }}|{{ url_for('admin.customer_list') }}|"
        "{{ url_for('admin.customer_list', page=1) }}|"
        "{{ url_for('admin.customer_list', page='1') }}|"
        "{{ url_for('admin.customer_list', page=true) }}|"
        "{{ url_for('admin.customer_list', q='a b&c') }}|"
        "{{ url_for('admin.customer_list', _external=true) }}"
    )
    for base in (
        "http://localhost",
        "http://x.example/crm",
        "https://y.example/other",
        "http://localhost",
    ):
        with app.test_request_context("/admin/customers", base_url=base):
            expected = "|".join(
                str(escape(url))
                for url in (
                    url_for("static", filename="css/app.css"),
                    url_for("admin.customer_list"),
                    url_for("admin.customer_list", page=1),
                    url_for("admin.customer_list", page="1"),
                    url_for("admin.customer_list", page=True),
                    url_for("admin.customer_list", q="a b&c"),
                    url_for("admin.customer_list", _external=True),
                )
            )
            assert render_template_string(page) == expected
            assert "page=True" in expected and base in expected

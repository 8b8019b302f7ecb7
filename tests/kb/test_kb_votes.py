"""'Was this article helpful?': one answer per contact (portal) or per browser (public pages, a
signed cookie), changeable, a comment kept only with No; parallel clicks never count twice;
staff see the counts, the comments and the least helpful articles."""

import html

from sqlalchemy import func, select

from app.extensions import db
from app.models import KbVote
from tests.factories import make_admin, make_article, make_contact, make_sign_in

HX = {"HX-Request": "true"}


def _votes() -> list[KbVote]:
    db.session.expire_all()
    return list(db.session.scalars(select(KbVote).order_by(KbVote.id)))


def test_a_contact_answers_once_and_may_change_it(client, ctx, login_as):
    make_article("Pay an invoice", slug="pay")
    contact = make_contact()
    login_as(contact)
    url = "/clients/kb/pay/vote"
    response = client.post_form(url, {"helpful": "yes", "comment": "ignored"},
                                token_from="/clients/kb/pay", headers=HX)  # fmt: skip
    assert response.status_code == 200
    fragment = html.unescape(response.get_data(as_text=True))
    assert fragment.lstrip().startswith('<section id="kb-vote"')
    assert "Thank you for your answer." in fragment and 'name="comment"' not in fragment
    [vote] = _votes()
    assert vote.helpful and vote.comment is None and vote.contact_id == contact.id
    # No: the comment box appears (htmx), the comment is kept with the same single answer.
    fragment = client.post_form(url, {"helpful": "no"}, token_from="/clients/kb/pay",
                                headers=HX).get_data(as_text=True)  # fmt: skip
    assert 'name="comment"' in fragment
    client.post_form(url, {"helpful": "no", "comment": "Where is the button?"},
                     token_from="/clients/kb/pay", headers=HX)  # fmt: skip
    [vote] = _votes()
    assert not vote.helpful and vote.comment == "Where is the button?"
    # Changing to Yes drops the comment; without htmx the answer redirects to the article.
    response = client.post_form(url, {"helpful": "yes"}, token_from="/clients/kb/pay")
    assert response.status_code == 303 and response.headers["Location"] == "/clients/kb/pay"
    [vote] = _votes()
    assert vote.helpful and vote.comment is None


def test_bad_answers_are_refused_and_nothing_is_written(client, ctx, login_as):
    make_article("Pay an invoice", slug="pay")
    login_as(make_contact())
    url = "/clients/kb/pay/vote"
    refused = (({"helpful": "maybe"}, "Choose Yes or No."),
               ({"helpful": "no", "comment": "x" * 2001}, "at most 2000 characters"))  # fmt: skip
    for data, message in refused:
        response = client.post_form(url, data, token_from="/clients/kb/pay", headers=HX)
        assert response.status_code == 422, data
        assert message in html.unescape(response.get_data(as_text=True))
    assert _votes() == []
    assert client.post_form("/clients/kb/nope/vote", {"helpful": "yes"},
                            token_from="/clients/kb/pay").status_code == 404  # fmt: skip


def test_a_visitor_answers_once_per_browser(app, client, ctx):
    make_article("Open", slug="open", visibility="public")
    make_article("Members", slug="members")
    token = client.csrf_token("/kb/open")
    for answer in ("yes", "no", "no"):
        response = client.post("/kb/open/vote", data={"csrf_token": token, "helpful": answer})
        assert response.status_code == 303
    [vote] = _votes()
    assert vote.visitor and vote.contact_id is None and not vote.helpful
    other = app.test_client()
    other_token = other.csrf_token("/kb/open")
    other.post("/kb/open/vote", data={"csrf_token": other_token, "helpful": "yes"})
    assert len(_votes()) == 2
    # A forged cookie is a new browser, never someone else's answer.
    client.set_cookie("kb_visitor", "forged")
    client.post("/kb/open/vote", data={"csrf_token": token, "helpful": "yes"})
    assert len(_votes()) == 3
    assert client.post("/kb/members/vote", data={"csrf_token": token,
                                                 "helpful": "yes"}).status_code == 404  # fmt: skip


def _contact_browsers(app, contact, count):
    browsers = []
    for _ in range(count):
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(contact), True
        browsers.append((browser, browser.csrf_token("/clients/kb")))
    return browsers


def test_parallel_clicks_count_one_answer(app, ctx):
    from tests.sales.test_invoice_actions_at_once import _at_once

    article = make_article("Pay an invoice", slug="pay")
    contact = make_contact()
    posts = [("/clients/kb/pay/vote", {"helpful": "yes" if n % 2 else "no"}) for n in range(6)]
    results = _at_once(_contact_browsers(app, contact, 6), posts)
    assert [code for _u, code, _p in results] == [303] * 6
    count = db.session.scalar(select(func.count()).where(KbVote.article_id == article.id))
    assert count == 1


def test_staff_see_counts_comments_and_the_least_helpful(client, ctx, login_as):
    from app.services.kb.votes import vote

    good = make_article("Good one")
    bad = make_article("Bad one")
    few = make_article("Too few answers")
    for n in range(4):
        vote(good, n > 0, None, "en", contact_id=make_contact().id)
        vote(bad, n == 0, "Nothing about refunds" if n == 1 else None, "fr",
             contact_id=make_contact(first_name=f"Zoé{n}").id)  # fmt: skip
    vote(few, False, None, "en", visitor="v1")
    db.session.commit()
    login_as(make_admin())
    page = html.unescape(client.get("/admin/kb").get_data(as_text=True))
    assert "Yes: 3, No: 1" in page and "Yes: 1, No: 3" in page
    detail = html.unescape(client.get(f"/admin/kb/{bad.id}?language=en").text)
    assert "Nothing about refunds" in detail and "Zoé1" in detail
    least = html.unescape(client.get("/admin/kb/least-helpful").get_data(as_text=True))
    assert least.index("Bad one") < least.index("Good one")
    assert "Too few answers" not in least and "75.0" in least


def test_answers_are_rate_limited(app, client, ctx):
    make_article("Open", slug="open", visibility="public")
    app.config["KB_VOTE_LIMIT"] = "3 per 10 minutes"
    token = client.csrf_token("/kb/open")
    codes = [client.post("/kb/open/vote", data={"csrf_token": token, "helpful": "yes"}).status_code
             for _ in range(4)]  # fmt: skip
    assert codes == [303, 303, 303, 429]
    assert len(_votes()) == 1

"""`flask demo` adds the knowledge base once: two groups, three articles in English and French,
the first one public."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import KbArticle, KbGroup, KbTranslation


def test_the_demo_knowledge_base_is_added_once(app, client, ctx):
    runner = app.test_cli_runner()
    for _ in range(2):
        assert runner.invoke(args=["demo"]).exit_code == 0
        counts = [db.session.scalar(select(func.count()).select_from(model))
                  for model in (KbGroup, KbArticle, KbTranslation)]  # fmt: skip
        assert counts == [2, 3, 6]
    page = client.get("/kb/how-to-add-a-customer")
    assert page.status_code == 200 and "New customer" in page.text
    assert client.get("/kb/comment-ajouter-un-client").status_code == 200
    assert client.get("/kb/how-to-pay-an-invoice").status_code == 404  # portal only

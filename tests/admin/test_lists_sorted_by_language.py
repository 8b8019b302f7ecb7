"""Lists sorted in Python follow the rules of the language shown (Bénin before Burundi in
French, Ñandú after Nigeria in Spanish), whoever reads them."""

import re

import pytest

from tests.factories import make_currency, make_group, make_project, make_user


def option_texts(html: str, select_name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={select_name}>"
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r">([^<]*)</option>", select[1])]


def before(items: list[str], first: str, second: str) -> bool:
    return items.index(first) < items.index(second)


@pytest.mark.parametrize(
    ("language", "first", "second", "e_word"),
    [
        ("fr", "Bénin", "Burundi", "Égypte"),
        ("es", "Benín", "Burundi", "Egipto"),
        ("de", "Benin", "Burundi", "Ägypten"),
        ("en", "Benin", "Burundi", "Egypt"),
    ],
)
def test_countries_sort_by_the_readers_language(client, ctx, login_as, language, first, second,
                                                e_word):  # fmt: skip
    login_as(make_user(language=language))
    make_currency()
    countries = option_texts(client.get("/admin/customers/new").get_data(as_text=True), "country")
    assert before(countries, first, second)
    if language == "fr":  # an accented capital sorts among its letter, not after Z
        assert before(countries, "Équateur", "Érythrée") and before(countries, "Égypte", "Espagne")
        assert before(countries, "Île de Man", "Inde") and before(countries, "Inde", "Islande")
    elif language == "de":
        assert before(countries, "Ägypten", "Albanien") and before(countries, "Äthiopien", "Chile")
    else:
        assert before(countries, e_word, "Estonia")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["Nigeria", "Noruega", "Ñandú", "Oficina"]),
        ("fr", ["Ñandú", "Nigeria", "Noruega", "Oficina"]),  # ñ is an n with an accent there
        ("en", ["Ñandú", "Nigeria", "Noruega", "Oficina"]),
    ],
)
def test_groups_page_and_group_filter_sort_by_the_readers_language(client, ctx, login_as,
                                                                   language, expected):  # fmt: skip
    for name in ["Ñandú", "Oficina", "Noruega", "Nigeria"]:
        make_group(name=name)
    login_as(make_user(language=language))
    page = client.get("/admin/customers/groups").get_data(as_text=True)
    shown = [name for name in re.findall(r">([^<>]+)</", page) if name in expected]
    assert list(dict.fromkeys(shown)) == expected
    listing = client.get("/admin/customers").get_data(as_text=True)
    assert [o for o in option_texts(listing, "group") if o in expected] == expected


def test_staff_choices_sort_by_the_readers_language(client, ctx, login_as):
    for name in ["Zoé Zola", "Élodie Martin", "Emma Petit", "Ángel Ruiz"]:
        make_user(name=name)
    reader = make_user(language="fr", name="Bruno Leroy")
    login_as(reader)
    project = make_project(tasks=[("Maquettes", "todo")])
    page = client.get(f"/admin/projects/{project.id}").get_data(as_text=True)
    staff = [o for o in option_texts(page, "new-assignee") if o not in ("Personne", "—")]
    assert staff == ["Ángel Ruiz", "Bruno Leroy", "Élodie Martin", "Emma Petit", "Zoé Zola"]


def test_currency_choices_sort_by_code(client, ctx, login_as):
    for code in ["USD", "CHF", "EUR"]:
        make_currency(code, symbol=code, is_default=code == "EUR")
    login_as(make_user())
    page = client.get("/admin/customers/new").get_data(as_text=True)
    codes = [o.split(" ")[0] for o in option_texts(page, "currency")[1:]]
    assert codes == ["CHF", "EUR", "USD"]

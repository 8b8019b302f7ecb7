"""Names sort by the rules of the language shown: ICU's tailoring for each language."""

import pytest

from app.collation import collated, sort_key


def ordered(locale, names):
    return sorted(names, key=sort_key(locale))


def test_french_accents_sort_with_their_letter():
    names = ["Burundi", "Égypte", "Islande", "Bénin", "Estonie", "Île Maurice", "Inde", "Zambie"]
    assert ordered("fr", names) == [
        "Bénin", "Burundi", "Égypte", "Estonie", "Île Maurice", "Inde", "Islande", "Zambie",
    ]  # fmt: skip


def test_spanish_n_tilde_is_a_letter_after_n():
    names = ["Ñandú", "Oma", "Nigeria", "Noruega"]
    assert ordered("es", names) == ["Nigeria", "Noruega", "Ñandú", "Oma"]


def test_polish_l_stroke_is_a_letter_after_l():
    """Polish is not shipped: the sort key takes any ICU locale all the same."""
    names = ["Mazury", "Łódź", "Lublin", "Lwów"]
    assert ordered("pl", names) == ["Lublin", "Lwów", "Łódź", "Mazury"]
    assert ordered("en", names) == ["Łódź", "Lublin", "Lwów", "Mazury"]  # no tailoring there


@pytest.mark.parametrize("locale", ["en", "fr", "de", "es"])
def test_case_does_not_split_the_list(locale):
    assert ordered(locale, ["beta", "Alpha", "alpha", "Beta", None]) == [
        None, "alpha", "Alpha", "beta", "Beta",
    ]  # fmt: skip


def test_collated_sorts_objects_by_a_name():
    rows = [("b", "Öl"), ("a", "Ozean"), ("c", "Oase")]
    assert [code for code, _ in collated(rows, lambda row: row[1], locale="de")] == ["c", "b", "a"]

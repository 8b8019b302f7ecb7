"""`{% from … import %}` (app/template_class.py) gives the macros what Jinja's own Template
gives them: the environment's globals, and those the importing page was given."""

import jinja2
import pytest
from jinja2 import DictLoader, Environment

from app.template_class import Template

SOURCES = {
    "macros.html": "{% macro hello() %}{{ greeting }} {{ name | default('nobody') }}{% endmacro %}",
    "page.html": "{% from 'macros.html' import hello %}{{ hello() }}",
}


def environment(template_class) -> Environment:
    env = Environment(loader=DictLoader(SOURCES), autoescape=True)
    env.template_class = template_class
    env.globals["greeting"] = "Hello"
    return env


@pytest.mark.parametrize("template_class", [Template, jinja2.Template])
def test_a_macro_sees_the_environment_globals_not_the_page_values(template_class):
    env = environment(template_class)
    assert type(env.get_template("page.html")) is template_class
    assert env.get_template("page.html").render() == "Hello nobody"
    assert env.get_template("page.html").render(name="Ada") == "Hello nobody"  # no context


@pytest.mark.parametrize("template_class", [Template, jinja2.Template])
def test_a_macro_sees_the_globals_its_page_was_given(template_class):
    page = environment(template_class).get_template("page.html", globals={"name": "Ada"})
    assert page.render() == "Hello Ada"
    assert page.render(name="Bob") == "Hello Bob"  # the page's value of that global

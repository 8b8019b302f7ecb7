"""Templates' imports and calls (app/template_class.py) give what Jinja's own Template and
Context give: an imported macro sees the environment's globals and those its page was given; a
call gets the context, environment or evaluation context its marks ask for, loop variables
included, a callable object's marked `__call__` too, and a StopIteration is undefined."""

import jinja2
import pytest
from jinja2 import DictLoader, Environment

from app.template_class import Context, Template

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


class Greeter:
    @jinja2.pass_context
    def __call__(self, context, word):
        return f"{word} {context['who']}"


@jinja2.pass_context
def with_context(context, word):
    return f"{word} {context.get('item', '-')} {context['who']}"


def stops():
    raise StopIteration


PAGE = (
    "{% macro box(x) %}[{{ x }}{{ caller() if caller else '' }}]{% endmacro %}"
    "{{ plain(1, b=2) }}|{{ with_context('hi') }}|"
    "{% for i in [7] %}{% set item = i %}{{ with_context('in') }}{% endfor %}|"
    "{{ greeter('yo') }}|{{ env_name() }}|{{ auto() }}|{{ box(3) }}{% call box(4) %}!{% endcall %}|"
    "{{ stops() is undefined }}|{{ 'ab'.upper() }}"
)


@pytest.mark.parametrize("context_class", [Context, jinja2.runtime.Context])
def test_calls_in_templates_get_what_jinja_gives_them(context_class):
    env = Environment(autoescape=True)
    env.context_class = context_class
    names = {
        "plain": lambda a, b: f"{a}+{b}",
        "with_context": with_context,
        "greeter": Greeter(),
        "env_name": jinja2.pass_environment(lambda env: type(env).__name__),
        "auto": jinja2.pass_eval_context(lambda eval_ctx: eval_ctx.autoescape),
        "stops": stops,
        "who": "Ada",
    }
    shown = env.from_string(PAGE).render(**names)
    assert shown.split("|") == ["1+2", "hi - Ada", "in 7 Ada", "yo Ada", "Environment", "True",
                                "[3][4!]", "True", "AB"]  # fmt: skip

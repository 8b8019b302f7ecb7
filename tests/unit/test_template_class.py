"""Templates' imports and calls (app/template_class.py) give what Jinja's own Template and
Context give: an imported macro sees the environment's globals and those its page was given; a
call gets the context, environment or evaluation context its marks ask for, loop variables
included, a callable object's marked `__call__` too, and a StopIteration is undefined; a written
value is escaped as MarkupSafe escapes it."""

import jinja2
import jinja2.compiler
import pytest
from flask_babel.speaklater import LazyString
from jinja2 import DictLoader, Environment
from markupsafe import Markup, escape

from app.template_class import CodeGenerator, Context, Template, escaped

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
    "{{ stops() is undefined }}|{{ 'ab'.upper() }}|"
    "{% for i in [1] %}{% autoescape false %}{{ auto() }}{% endautoescape %}{{ auto() }}"
    "{% endfor %}"
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
                                "[3][4!]", "True", "AB", "FalseTrue"]  # fmt: skip


class Shown:
    """An object a template writes out through its `__html__` (as flask-babel's lazy strings)."""

    def __html__(self):
        return "<em>safe</em>"


class Text(str):
    """A str subclass without `__html__`."""


VALUES = {
    "text": '<b>Tom & "Jerry"</b> l\'été',
    "markup": Markup("<i>kept</i>"),
    "number": 12,
    "decimal": 1.5,
    "flag": True,
    "nothing": None,
    "shown": Shown(),
    "subclass": Text("a<b"),
    "items": ["<x>", 1],
    "lazy": LazyString(str, "<b>a label</b>"),  # flask-babel's: shown as it is
}
WRITTEN = (
    "{% macro cell(v) %}<td>{{ v }}{{ caller() if caller }}</td>{% endmacro %}"
    "{% set block %}{{ text }}{% endset %}"
    "{% for name, value in values|dictsort %}{{ name }}={{ value }}|{{ cell(value) }}|{% endfor %}"
    "{{ block }}|{{ missing }}|{{ text ~ '&' }}|{{ markup + '&' }}|"
    "{% call cell(1) %}{{ text }}{% endcall %}"
    "{% autoescape false %}{{ text }}{% endautoescape %}"
)


@pytest.mark.parametrize("value", list(VALUES.values()))
def test_a_written_value_is_escaped_as_markupsafe_escapes_it(value):
    assert escaped(value) == str(escape(value))


def test_templates_write_values_as_jinjas_own_code_writes_them():
    """The same page from the app's classes and from Jinja's: every kind of value escaped the
    same way, Markup and `__html__` kept, in macros, blocks, `set` blocks and calls."""
    pages = []
    jinjas = (jinja2.Template, jinja2.runtime.Context, jinja2.compiler.CodeGenerator)
    for classes in ((Template, Context, CodeGenerator), jinjas):
        env = Environment(autoescape=True)
        env.template_class, env.context_class, env.code_generator_class = classes
        pages.append(env.from_string(WRITTEN).render(values=VALUES, **VALUES))
    assert pages[0] == pages[1]
    assert "&lt;b&gt;Tom &amp; &#34;Jerry&#34;&lt;/b&gt; l&#39;été" in pages[0]
    assert "<i>kept</i>" in pages[0] and "<em>safe</em>" in pages[0]
    assert "a&lt;b" in pages[0] and "<b>Tom" in pages[0]  # autoescape false writes it as is

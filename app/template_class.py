"""Jinja's Template and Context, with two of their steps made cheaper and their results the same.

`{% from "macros/x.html" import y %}`: Jinja asks, at each import, which of the importing page's
globals the imported template lacks (`ctx.globals_keys - self.globals.keys()`): a generic set
difference against a ChainMap, a Python-level lookup in each of its maps for each of the ~80
globals, about 0.1 ms per import, and a list page imports six times. The same question asked as
`set.difference` (the ChainMap's keys gathered once, the rest in C) costs a tenth of it. The
answer, hence the module used, is the same: when nothing is missing, the template's own cached
module; otherwise Jinja's path.

A call in a template (`{{ detail_url(customer.id) }}`, a macro, `_()`: about 400 a list page)
goes through `Context.call`, which looks for Jinja's pass_context marks on the callable and on
its `__call__` each time. A function, method, builtin or macro carries them on itself only, if
at all: when it has none, or pass_eval_context's (the app's gettext), it is called here
directly, as Jinja would call it; anything else, or one marked otherwise, goes through Jinja's
own `call`.

A value written out (`{{ customer.company }}`: about 900 a list page) goes through MarkupSafe's
`escape`, which wraps the escaped text in a Markup (whose constructor asks the plain string for
`__html__`, an AttributeError each time) only for the template to join it into the page's text.
The app's templates write `escaped(value)` instead: the same characters, as a plain string for
text, the value itself for Markup, a lazy string's `__html__`, MarkupSafe's `escape` for anything
else."""

from types import BuiltinFunctionType, FunctionType, MethodType

from flask_babel.speaklater import LazyString
from jinja2 import Template as JinjaTemplate
from jinja2.compiler import CodeGenerator as JinjaCodeGenerator
from jinja2.runtime import Context as JinjaContext
from jinja2.runtime import Macro
from jinja2.utils import _PassArg, internalcode
from markupsafe import Markup, _escape_inner, escape

# Callables whose `__call__` never carries a mark (a method-wrapper, or Macro.__call__).
PLAIN = frozenset({FunctionType, MethodType, BuiltinFunctionType, Macro})
EVAL_CONTEXT = _PassArg.eval_context


def new_markup(text: str) -> Markup:
    """`Markup(text)` for a plain string `text`, without asking it for `__html__`."""
    return str.__new__(Markup, text)


def escaped(value) -> str:
    """What `str(escape(value))` gives, without the Markup in between for text."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    if kind is LazyString:  # flask-babel's, shown as it is (its __html__)
        return value.__html__()
    return escape(value)


class CodeGenerator(JinjaCodeGenerator):
    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        self.write("escaped(")  # Jinja writes "escape(" here
        if finalize.src is not None:
            self.write(finalize.src)


class Template(JinjaTemplate):
    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        """Jinja's, with `escaped` among the names the template's module sees."""
        namespace = {"environment": environment, "__file__": code.co_filename, "escaped": escaped}
        exec(code, namespace)  # noqa: S102 (Jinja's own step: the compiled template)
        rv = cls._from_namespace(environment, namespace, globals)
        rv._uptodate = uptodate
        return rv

    def _get_default_module(self, ctx=None):
        if ctx is not None and not ctx.globals_keys.difference(self.globals):
            ctx = None  # nothing to pass on: Jinja would return the cached module too
        return super()._get_default_module(ctx)


class Context(JinjaContext):
    @internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        mark = getattr(__obj, "jinja_pass_arg", None)
        if type(__obj) not in PLAIN or (mark is not None and mark is not EVAL_CONTEXT):
            return JinjaContext.call(__self, __obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            if mark is not None:  # pass_eval_context (the app's gettext): as Jinja passes it
                return __obj(__self.eval_ctx, *args, **kwargs)
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja answers it
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )

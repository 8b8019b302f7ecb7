"""Routes made once per sales kind (invoice, estimate, proposal, credit note), for staff and the
portal."""

from collections.abc import Callable, Iterable

from flask import Blueprint

# Each kind and the word its URLs use: /invoices, /estimates, /proposals, /credit-notes.
KINDS = {"invoice": "invoices", "estimate": "estimates", "proposal": "proposals",
         "credit": "credit-notes"}  # fmt: skip


def kind_routes(
    bp: Blueprint,
    kinds: Iterable[str],
    page: str,
    path: str,
    view: Callable,
    methods: tuple[str, ...] = ("GET",),
    wrap: Callable[[str], Callable] | None = None,
) -> None:
    """For each kind, `/<plural><path>` as endpoint <kind>_<page>, calling view(kind, **values).

    `wrap(kind)` gives a decorator for the kind's view (the portal's module check). Methods as
    in app/blueprints/posting.py: ("GET", "POST") only for a page that takes its own form."""
    for kind in kinds:
        bp.add_url_rule(f"/{KINDS[kind]}{path}", endpoint=f"{kind}_{page}",
                        view_func=_bound(view, kind, wrap), methods=list(methods))  # fmt: skip


def _bound(view: Callable, kind: str, wrap: Callable[[str], Callable] | None) -> Callable:
    """`view` with its kind filled in (a function per kind: a loop variable would be shared)."""

    def kind_view(**values):
        return view(kind, **values)

    kind_view.__name__ = f"{kind}_{view.__name__}"
    return wrap(kind)(kind_view) if wrap else kind_view

"""Services and forms sit below the web layer: they never import template helpers or views."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
UPWARD = ("app.templating", "app.blueprints")


def upward_imports(source: str) -> list[str]:
    """The modules of UPWARD (or below them) that `source` imports, at the top or in a function."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [n for n in names if any(n == u or n.startswith(u + ".") for u in UPWARD)]
    return found


def test_the_check_sees_imports_inside_functions_too():
    source = "def f():\n    from app.templating import plain_text\nfrom app import blueprints\n"
    assert set(upward_imports(source)) == {"app.templating", "app.templating.plain_text",
                                           "app.blueprints"}  # fmt: skip


def test_services_and_forms_import_nothing_from_templating_or_blueprints():
    offenders = {
        str(path.relative_to(APP)): found
        for folder in ("services", "forms")
        for path in sorted((APP / folder).rglob("*.py"))
        if (found := upward_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_labels_and_text_modules_import_nothing_from_the_app():
    """The words' modules sit at the bottom: they import only each other."""
    for path in [*sorted((APP / "labels").glob("*.py")), APP / "text.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        outside = [
            m for m in modules if m.split(".")[0] == "app" and m.split(".")[:2] != ["app", "labels"]
        ]
        assert not outside, path

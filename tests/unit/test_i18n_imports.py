"""app/i18n.py sits below the services and blueprints: it imports neither (the settings it needs
come through the function registered at app creation)."""

import ast
from pathlib import Path

import app

I18N = Path(app.__file__).parent / "i18n.py"


def imported_modules(source: str) -> set[str]:
    """Every module a source imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_i18n_imports_no_service_and_no_blueprint():
    imported = imported_modules(I18N.read_text())
    assert "app.models" in imported  # the check reads function-level imports too
    upward = [m for m in imported if m.startswith(("app.services", "app.blueprints"))]
    assert upward == []

"""One stylesheet serves left-to-right and right-to-left pages: app.css and pdf.css say *start*
and *end* (margin-inline-start, inset-inline-end, text-align: end…), never *left* or *right*.

A rule that must differ per direction (a gradient, which has no logical form) is written under a
direction selector (`[dir=rtl] …`, `:dir(rtl)`), where left and right are allowed. Page-margin
boxes of pdf.css (`@bottom-right`) are at-rule names, not declarations: pdf.css mirrors them on
its `rtl` named page.
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "app" / "static" / "css"

# Nothing is allowed today; a line here needs a comment saying why it cannot be logical.
ALLOWED: set[tuple[str, str, str]] = set()  # (file, selector, "property: value")

PHYSICAL_WORD = re.compile(r"(?<![\w-])(left|right)(?![\w-])")
PHYSICAL_PROPERTY = re.compile(r"(^|-)(left|right)(-|$)")
DIRECTIONAL_SELECTOR = re.compile(r"\[dir=|:dir\(")


def declarations(css: str):
    """(selector chain, property, value) of every declaration, comments dropped; the chain joins
    the selectors of nested blocks (@media … > .rule)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    stack: list[str] = []
    buffer = ""
    for char in css:
        if char == "{":
            stack.append(buffer.strip())
            buffer = ""
        elif char in ";}":
            if ":" in buffer:
                name, value = buffer.split(":", 1)
                yield " > ".join(stack), name.strip().lower(), value.strip()
            buffer = ""
            if char == "}" and stack:
                stack.pop()
        else:
            buffer += char


def _asymmetric_box(name: str, value: str) -> bool:
    """`margin: 0 1rem 0 0` (four values, left ≠ right) is physical; 1–3 values are symmetric."""
    if name not in {"margin", "padding", "inset", "border-width", "border-color", "border-style"}:
        return False
    parts = re.findall(r"[^\s(]+(?:\([^)]*\))?", value.replace("!important", ""))  # rgba(…) is one
    return len(parts) == 4 and parts[1] != parts[3]


def _asymmetric_radius(name: str, value: str) -> bool:
    """`border-radius: 4px 0 0 4px` rounds physical corners: use border-start-start-radius…"""
    if name != "border-radius":
        return False
    horizontal = value.split("/")[0].split()
    return len(set(horizontal)) > 1


def physical(css: str):
    """Every declaration of `css` that names a physical side, outside direction selectors."""
    for selector, name, value in declarations(css):
        if DIRECTIONAL_SELECTOR.search(selector):
            continue
        if (
            PHYSICAL_PROPERTY.search(name)
            or PHYSICAL_WORD.search(value)
            or _asymmetric_box(name, value)
            or _asymmetric_radius(name, value)
        ):
            yield selector, f"{name}: {value}"


@pytest.mark.parametrize("filename", ["app.css", "pdf.css"])
def test_the_stylesheet_names_no_physical_side(filename):
    found = [
        (selector, declaration)
        for selector, declaration in physical((CSS / filename).read_text(encoding="utf-8"))
        if (filename, selector, declaration) not in ALLOWED
    ]
    assert found == [], "write these with start/end (logical properties):\n" + "\n".join(
        f"  {selector} {{ {declaration} }}" for selector, declaration in found
    )


@pytest.mark.parametrize(
    "rule",
    [
        ".a { margin-left: 1rem; }",
        ".a { padding-right: 1rem; }",
        ".a { border-left: 4px solid; }",
        ".a { border-right-color: red; }",
        ".a { position: absolute; left: 0; }",
        ".a { right: 1rem; }",
        ".a { text-align: left; }",
        ".a { text-align: right; }",
        ".a { float: right; }",
        ".a { clear: left; }",
        ".a { transition: left .15s; }",
        ".a { mask-image: linear-gradient(to right, #000, transparent); }",
        ".a { margin: 0 .25rem .15rem 0; }",
        ".a { border-radius: 4px 0 0 4px; }",
        ".a { border-top-left-radius: 4px; }",
        "@media (min-width: 9px) { .a { padding-left: 1rem; } }",
    ],
)
def test_each_physical_side_is_caught(rule):
    assert list(physical(rule)), rule


@pytest.mark.parametrize(
    "rule",
    [
        ".a { margin-inline-start: 1rem; padding-inline: 0 1rem; border-inline-start: 4px solid; }",
        ".a { inset-inline-end: 1rem; text-align: end; float: inline-start; }",
        ".a { margin: 0 1rem; padding: .5rem 1rem 1rem; border-radius: 8px; }",
        ".a { transition: inset-inline-start .15s; content: 'copyright'; }",
        ".a { border-color: rgba(255, 255, 255, .6); }",
        "[dir=rtl] .a { mask-image: linear-gradient(to left, #000, transparent); }",
        "@media (max-width: 9px) { :dir(rtl) .a { left: 0; } }",
    ],
)
def test_logical_and_direction_specific_rules_pass(rule):
    assert list(physical(rule)) == [], rule

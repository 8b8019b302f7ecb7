"""Office and OpenDocument files are read as the ZIP packages they are, without inflating more
than a small member: broken packages, oversized type lists and misplaced `mimetype` refused."""

import io
import zipfile

import pytest

from app.services.uploads import SMALL_MEMBER, HasMacros, Refused, office_type, safe_name
from tests.file_samples import odf, ooxml, xlsx


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_real_packages_are_recognised():
    assert office_type("xlsx", xlsx()).endswith("spreadsheetml.sheet")
    assert office_type("docx", ooxml("docx")).endswith("wordprocessingml.document")
    assert office_type("ods", odf("ods")) == "application/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", b"", xlsx()[:200]])
def test_broken_packages_are_refused(data):
    with pytest.raises(Refused):
        office_type("xlsx", data)


def test_a_type_list_too_large_to_read_is_refused_not_inflated():
    huge = b" " * (SMALL_MEMBER + 1) + b"wordprocessingml.document.main+xml"
    with pytest.raises(Refused):
        office_type("docx", _zip({"[Content_Types].xml": huge, "word/document.xml": b"x"}))


def test_mimetype_must_come_first_and_macros_anywhere_are_found():
    late = _zip({"content.xml": b"<x/>", "mimetype": b"application/vnd.oasis.opendocument.text"})
    with pytest.raises(Refused):
        office_type("odt", late)
    hidden = _zip({"[Content_Types].xml": b"<Types/>", "deep/VBAPROJECT.BIN": b"x"})
    with pytest.raises(HasMacros):
        office_type("docx", hidden)


def test_names_are_made_safe_and_keep_their_extension():
    assert safe_name("../../etc/passwd.pdf") == "etc_passwd.pdf"
    assert safe_name("日本語.xlsx", fallback="file") == "file.xlsx"


TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{}</Types>'
WORD_MAIN = ('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.wordprocessingml.document.main+xml"/>')  # fmt: skip


def _word(extra: str, members: dict[str, bytes] | None = None) -> bytes:
    return _zip({"[Content_Types].xml": TYPES.format(WORD_MAIN + extra).encode(),
                 "word/document.xml": b"<document/>", **(members or {})})  # fmt: skip


@pytest.mark.parametrize("extra, members", [
    # a VBA project declared through a character reference (&#80; is "P")
    ('<Default Extension="dat" ContentType="application/vnd.ms-office.vba&#80;roject"/>',
     {"word/code.dat": b"\xd0\xcf"}),
    # a macro-enabled main part written with a reference, beside a decoy plain one
    ('<Override PartName="/word/other.xml" ContentType="application/vnd.ms-word.document.macro'
     '&#69;nabled.main+xml"/>', {}),
    # an Excel 4.0 macro sheet
    ('<Override PartName="/xl/macrosheets/sheet1.xml" '
     'ContentType="application/vnd.ms-excel.macrosheet+xml"/>', {}),
])  # fmt: skip
def test_macros_declared_in_any_spelling_are_found(extra, members):
    with pytest.raises(HasMacros):
        office_type("docx", _word(extra, members))


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_package_naming_a_member_twice_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            TYPES.format(
                '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            ),
        )
        archive.writestr("[Content_Types].xml", TYPES.format(WORD_MAIN))
        archive.writestr("word/document.xml", b"<document/>")
    with pytest.raises(Refused):
        office_type("docx", out.getvalue())


def test_a_type_list_with_a_doctype_is_refused():
    types = b'<!DOCTYPE Types [<!ENTITY m "macroEnabled">]>' + TYPES.format(WORD_MAIN).encode()
    with pytest.raises(Refused):
        office_type("docx", _zip({"[Content_Types].xml": types, "word/document.xml": b"x"}))


@pytest.mark.parametrize("name", ["./Basic/Standard/Module1.xml", "Object 1/Basic/Module.xml",
                                  "scripts/python/macro.py"])  # fmt: skip
def test_opendocument_scripts_at_any_depth_are_found(name):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)  # fmt: skip
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr(name, "<script:module/>")
    with pytest.raises(HasMacros):
        office_type("odt", out.getvalue())


def test_a_plain_word_file_declared_with_references_is_still_accepted():
    assert office_type("docx", _word("")).endswith("wordprocessingml.document")

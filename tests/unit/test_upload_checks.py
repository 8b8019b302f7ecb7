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

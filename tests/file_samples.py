"""Real bytes of each kind a customer's Files tab accepts or refuses (for request tests)."""

import io
import zipfile

from openpyxl import Workbook
from PIL import Image

OOXML = "application/vnd.openxmlformats-officedocument."
MAIN_PARTS = {
    "docx": ("word/document.xml", OOXML + "wordprocessingml.document.main+xml"),
    "pptx": ("ppt/presentation.xml", OOXML + "presentationml.presentation.main+xml"),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
}


def image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format=fmt)
    return out.getvalue()


def xlsx(macros: bool = False) -> bytes:
    """A workbook saved by openpyxl; with `macros`, a vbaProject.bin slipped into it."""
    book = Workbook()
    book.active["A1"] = "Prices 2027"
    out = io.BytesIO()
    book.save(out)
    if not macros:
        return out.getvalue()
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return out.getvalue()


def ooxml(kind: str) -> bytes:
    """A minimal Word/PowerPoint package: its [Content_Types].xml declaring the main part."""
    part, content_type = MAIN_PARTS[kind]
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/content-types"><Override PartName="/{part}" ContentType="{content_type}"/>'
        "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(part, "<document/>")
    return out.getvalue()


def odf(kind: str, macros: bool = False) -> bytes:
    """A minimal OpenDocument file (`mimetype` stored first); with `macros`, a Basic module."""
    mimetype = {"odt": "text", "ods": "spreadsheet"}[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{mimetype}",
                         compress_type=zipfile.ZIP_STORED)  # fmt: skip
        archive.writestr("content.xml", "<office:document-content/>")
        if macros:
            archive.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (name, bytes, content type served back) of every accepted kind.
ACCEPTED = [
    ("terms.pdf", PDF, "application/pdf"),
    ("logo.png", image("PNG"), "image/png"),
    ("photo.jpg", image("JPEG"), "image/jpeg"),
    ("photo.webp", image("WEBP"), "image/webp"),
    ("anim.gif", image("GIF"), "image/gif"),
    ("readme.txt", "Café au lait\n".encode(), "text/plain; charset=utf-8"),
    ("prices.csv", b"item,price\nbread,1.20\n", "text/csv; charset=utf-8"),
    ("letter.docx", ooxml("docx"), OOXML + "wordprocessingml.document"),
    ("prices.xlsx", xlsx(), OOXML + "spreadsheetml.sheet"),
    ("slides.pptx", ooxml("pptx"), OOXML + "presentationml.presentation"),
    ("letter.odt", odf("odt"), "application/vnd.oasis.opendocument.text"),
    ("prices.ods", odf("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
]

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

"""Uploaded files checked by their content, not their name: the pieces ticket attachments and
customer files share (a safe name, PDF, plain text, images, Office and OpenDocument files)."""

import io
import zipfile
import zlib
from xml.etree import ElementTree

from werkzeug.utils import secure_filename

from app.services.images import NotAnImage, TooManyPixels, image_header

IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
IMAGE_CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif",
                       "WEBP": "image/webp"}  # fmt: skip
TEXT_CONTENT_TYPES = {"txt": "text/plain; charset=utf-8", "log": "text/plain; charset=utf-8",
                      "csv": "text/csv; charset=utf-8"}  # fmt: skip
# Markup a browser could run if it ever rendered the file.
ACTIVE_MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<iframe", b"<body", b"<?xml")

_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
# Office Open XML: the main part's content type [Content_Types].xml must declare.
OOXML_TYPES = {
    "docx": (_OOXML + "wordprocessingml.document", _OOXML + "wordprocessingml.document.main+xml"),
    "xlsx": (_OOXML + "spreadsheetml.sheet", _OOXML + "spreadsheetml.sheet.main+xml"),
    "pptx": (_OOXML + "presentationml.presentation",
             _OOXML + "presentationml.presentation.main+xml"),
}  # fmt: skip
# OpenDocument: the `mimetype` member, stored first, says what the file is.
ODF_TYPES = {"odt": _ODF + "text", "ods": _ODF + "spreadsheet"}
# What a document with macros holds: a VBA project (any name case), a part whose declared type
# is a macro-enabled main part (.docm, .xlsm, .pptm renamed), VBA data or an Excel 4.0 macro
# sheet, or an OpenDocument Basic/Scripts folder at any depth (embedded objects have their own).
MACRO_MEMBERS = ("vbaproject.bin", "vbadata.xml")
MACRO_CONTENT_TYPES = ("macroenabled", "vba", "macrosheet")
MACRO_FOLDERS = {"basic", "scripts"}
SMALL_MEMBER = 1024 * 1024  # [Content_Types].xml and mimetype are a few KB; never inflate more


class Refused(Exception):
    """The content is not what the name says, or not a kind that is accepted."""


class HasMacros(Refused):
    """An Office or OpenDocument file carrying macros."""


def safe_name(original: str | None, fallback: str = "attachment") -> str:
    """A name safe to store and send back, at most 150 characters, keeping the extension."""
    original = original or ""
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    name = secure_filename(original)[-150:]
    if not name or "." not in name:  # e.g. a name in another script: keep the extension
        name = f"{fallback}.{secure_filename(extension)}" if extension else fallback
    return name


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-")


def is_plain_text(data: bytes) -> bool:
    """UTF-8 text without NUL characters or markup a browser could run."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lowered = data.lower()
    return "\x00" not in text and not any(marker in lowered for marker in ACTIVE_MARKUP)


def image_type(extension: str, data: bytes) -> str:
    """The content type of an image whose header matches its extension (any pixel count: a
    file only ever downloaded is never decoded), else Refused."""
    try:
        header = image_header(data, {IMAGE_FORMATS[extension]})
    except TooManyPixels:
        return IMAGE_CONTENT_TYPES[IMAGE_FORMATS[extension]]
    except NotAnImage as exc:
        raise Refused(extension) from exc
    return IMAGE_CONTENT_TYPES[header.format]


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > SMALL_MEMBER:
        return None
    with archive.open(info) as member:
        return member.read(SMALL_MEMBER + 1)[:SMALL_MEMBER]


def _declared_types(archive: zipfile.ZipFile) -> list[str]:
    """Every content type [Content_Types].xml declares, read as XML (character references
    resolved), lowercased; Refused when it is missing, too large, not XML or has a DOCTYPE."""
    declared = _small_member(archive, "[Content_Types].xml")
    try:
        text = (declared or b"").decode("utf-8-sig").lower()
    except UnicodeDecodeError as exc:
        raise Refused("content types") from exc
    if not text or "\x00" in text or "<!doctype" in text or "<!entity" in text:
        raise Refused("content types")
    try:  # no DTD, so no entity can expand and nothing outside is fetched
        root = ElementTree.fromstring(declared)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise Refused("content types") from exc
    return [element.get("ContentType", "").lower() for element in root.iter()]


def _in_macro_folder(name: str) -> bool:
    """An OpenDocument member under a Basic or Scripts folder, at any depth ("./Basic/…",
    "Object 1/Scripts/…")."""
    return any(segment in MACRO_FOLDERS for segment in name.lower().split("/")[:-1])


def office_type(extension: str, data: bytes) -> str:
    """The content type of a .docx/.xlsx/.pptx/.odt/.ods checked as the ZIP container it is;
    Refused when it is not one (or names a member twice, which readers resolve differently),
    HasMacros when it carries macros."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        lowered = [name.lower() for name in names]
        if len(set(lowered)) != len(lowered):
            raise Refused(extension)
        if any(name.rsplit("/", 1)[-1] in MACRO_MEMBERS for name in lowered):
            raise HasMacros(extension)
        if extension in OOXML_TYPES:
            content_type, main_part = OOXML_TYPES[extension]
            declared = _declared_types(archive)
            if any(marker in kind for kind in declared for marker in MACRO_CONTENT_TYPES):
                raise HasMacros(extension)
            if main_part.lower() not in declared:
                raise Refused(extension)
            return content_type
        if any(_in_macro_folder(name) for name in names):
            raise HasMacros(extension)
        if names[:1] != ["mimetype"] or _small_member(archive, "mimetype") != (
            ODF_TYPES[extension].encode()
        ):
            raise Refused(extension)
        return ODF_TYPES[extension]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError, zlib.error) as exc:  # fmt: skip
        raise Refused(extension) from exc

"""What customer imports keep of an erased person: the values Undo would put back
(`import_changes.before`) and the uploaded file itself (`imports.content`).

- The erased contacts' (or customer's) import changes are deleted: Undo then leaves those
  records as they are; the import counts them (`options["erased"]`) and its page says so.
- An uploaded file is searched as the import read it (CSV decoded in its encoding, an XLSX's
  parts unzipped and decoded) for the erased words (the email first: a name may be split over
  two columns); a file that holds one has its content dropped, its filename and counts kept
  (`options["file_erased"]`: the refused rows can no longer be downloaded, a dry-run import
  cannot start). A running import keeps its file until it ends (it still reads it).
- The words in the imports' own text (filename, refusal reasons, the customers Undo left) are
  replaced by their placeholders like everywhere else.

Files are searched rather than all dropped after some days: an erasure is rare and imports are
few, so the exact search costs little, and every other import keeps its refused-rows file."""

import io
import zipfile
import zlib

from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select, true, update

from app.extensions import db
from app.models import CustomerImport, ImportChange
from app.services import ValidationError
from app.services.imports.reading import FileRefused, sniff
from app.services.privacy.scrub import Scrubber

READING = ("checking", "running")  # statuses whose worker is reading the file


def _texts(content: bytes, filename: str):
    """The file's text as the import read it: a CSV decoded, or each part of a workbook."""
    try:
        fmt = sniff(content, filename)
    except FileRefused:
        return
    if fmt.kind == "csv":
        yield content[fmt.start :].decode(fmt.encoding, errors="replace")
        return
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for item in archive.infolist():
                yield archive.read(item).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return


def file_quotes(scrubber: Scrubber, content: bytes, filename: str) -> bool:
    """Whether the uploaded file holds one of the erased words (case ignored)."""
    if scrubber.pattern is None or not content:
        return False
    return any(scrubber.pattern.search(text) for text in _texts(content, filename))


def reading_message() -> str:
    return _(
        "An import is reading a file that names this person: erase once it has ended (its "
        "page under Customers → Import shows its progress)."
    )


def refuse_while_read(scrubber: Scrubber) -> None:
    """Refuse the erasure while an import reads a file that quotes the person (its worker holds
    the file and would write her back); called before the erasure writes anything."""
    reading = select(CustomerImport.id, CustomerImport.filename).where(
        CustomerImport.status.in_(READING)
    )
    for import_id, filename in db.session.execute(reading).all():
        content = db.session.scalar(
            select(CustomerImport.content).where(CustomerImport.id == import_id)
        )
        if file_quotes(scrubber, content, filename):
            raise ValidationError(reading_message())


def _flag(import_id: int, **flags) -> None:
    imp = db.session.get(CustomerImport, import_id)
    options = dict(imp.options or {})
    for name, value in flags.items():
        options[name] = value(options.get(name)) if callable(value) else value
    imp.options = options


def _changes(customer_id: int, contact_ids: list[int], whole: bool):
    changes = ImportChange.contact_id.in_(contact_ids)
    return or_(changes, ImportChange.customer_id == customer_id) if whole else changes


def lock_imports(customer_id: int, contact_ids: list[int], whole: bool) -> None:
    """Take the rows of the imports that changed these records, before the contact's row: an
    Undo (which takes its import's row first, then the contacts') waits for the erasure or the
    erasure for it, in the same order, so neither deadlocks nor puts the person back."""
    ids = select(ImportChange.import_id).where(_changes(customer_id, contact_ids, whole))
    if db.session.get_bind().dialect.name == "sqlite":  # the database's write lock
        db.session.execute(
            update(CustomerImport).where(CustomerImport.id.in_(ids))
            .values(sha256=CustomerImport.sha256)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
    else:
        db.session.execute(
            select(CustomerImport.id).where(CustomerImport.id.in_(ids)).with_for_update()
        )
    db.session.expire_all()  # read again what was loaded before waiting


def forget_in_imports(
    scrubber: Scrubber, customer_id: int, contact_ids: list[int], whole: bool
) -> None:
    """Delete the erased records' import changes (the customer's own too when `whole`), drop the
    files that quote them, and scrub the rest (one transaction with the erasure)."""
    changes = _changes(customer_id, contact_ids, whole)
    counted = db.session.execute(
        select(ImportChange.import_id, func.count()).where(changes)
        .group_by(ImportChange.import_id)
    ).all()  # fmt: skip
    db.session.execute(delete(ImportChange).where(changes))
    for import_id, n in counted:
        _flag(import_id, erased=lambda before, n=n: (before or 0) + n)
    kept = select(CustomerImport.id, CustomerImport.filename).where(
        CustomerImport.status.not_in(READING)
    )
    for import_id, filename in db.session.execute(kept.order_by(CustomerImport.id)).all():
        content = db.session.scalar(
            select(CustomerImport.content).where(CustomerImport.id == import_id)
        )
        if file_quotes(scrubber, content, filename):
            dropped = db.session.execute(
                update(CustomerImport)
                .where(CustomerImport.id == import_id, CustomerImport.status.not_in(READING))
                .values(content=b"")
                .execution_options(synchronize_session=False)
            ).rowcount  # fmt: skip
            if not dropped:  # its dry run or run started meanwhile: it reads the file now
                raise ValidationError(reading_message())
            _flag(import_id, file_erased=True)
    scrubber.rows(ImportChange, ("before",), ImportChange.customer_id == customer_id)
    scrubber.rows(CustomerImport, ("filename", "refusals", "undo_kept"), true())

"""An import's dry run and its run: rows in chunks of CHUNK, each chunk one transaction that also
moves `rows_done`, so a run cut short resumes where it stopped with whole customers only. One
import writes at a time (the unique `writing` column, claimed with a conditional update)."""

import gc
import logging
from contextlib import contextmanager
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import CustomerImport, User
from app.models.types import utcnow
from app.services import ValidationError
from app.services.custom_fields.definitions import fields_kept
from app.services.imports.engine import Engine, Outcome
from app.services.imports.reading import iter_rows, read_headers
from app.services.imports.rows import read_row
from app.services.locks import savepoint

CHUNK = 500
# A running import whose worker has not written for this long is taken again (sweep, resume).
STALE = timedelta(minutes=2)
COUNTS = ("created", "updated", "unchanged", "skipped", "refused")
logger = logging.getLogger(__name__)


def _rows(imp: CustomerImport, start: int = 0):
    content, filename, mapping = imp.content, imp.filename, imp.mapping
    headers = imp.options.get("headers") or read_headers(content, filename)
    for number, cells in iter_rows(content, filename, start):
        yield read_row(number, cells, mapping, headers)


def _chunks(rows):
    chunk, size = [], CHUNK
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _tally(outcomes: list[Outcome]) -> tuple[dict, list]:
    counts = dict.fromkeys(COUNTS, 0)
    for outcome in outcomes:
        counts[outcome.action] += 1
    return counts, [[o.row, o.reason] for o in outcomes if o.action == "refused"]


def check_import(import_id: int) -> None:
    """The dry run: every row through the same checks as the run, nothing written; the counts
    and the refused rows (with reasons) are kept on the import, which is then `checked`."""
    imp = db.session.get(CustomerImport, import_id)
    if imp is None or imp.status not in ("mapping", "checking", "checked"):
        return
    engine = Engine(imp, write=False, user=imp.user)
    outcomes = []
    with fields_kept(), steady_heap():
        for chunk in _chunks(_rows(imp)):
            engine.prefetch(chunk)
            outcomes += [engine.process(row) for row in chunk]
    db.session.rollback()  # nothing the checks read may be written (a dry run writes nothing)
    imp = db.session.get(CustomerImport, import_id)
    counts, refusals = _tally(outcomes)
    for name, n in counts.items():
        setattr(imp, name, n)
    imp.refusals = refusals
    imp.total_rows = len(outcomes)
    imp.status = "checked"
    db.session.commit()


def file_erased_message() -> str:
    """Shown on an import whose uploaded file an erasure dropped (no mapping, no refused rows)."""
    return _(
        "The uploaded file is no longer kept: it held the personal data of someone erased "
        "since. Upload the file again to import it or to download its refused rows."
    )


def start_import(imp: CustomerImport) -> None:
    """Claim the data for this import (refused while another one writes); the job follows."""
    if imp.status != "checked":
        raise ValidationError(_("Check the file before importing it."))
    if (imp.options or {}).get("file_erased"):
        raise ValidationError(file_erased_message())
    try:
        with savepoint():
            claimed = db.session.execute(
                update(CustomerImport)
                .where(CustomerImport.id == imp.id, CustomerImport.status == "checked",
                       CustomerImport.content != b"")  # an erasure dropped it meanwhile
                .values(status="running", writing=1, started_at=utcnow(), heartbeat_at=utcnow(),
                        rows_done=0, refusals=[], **dict.fromkeys(COUNTS, 0))
                .execution_options(synchronize_session=False)
            ).rowcount  # fmt: skip
    except IntegrityError as exc:
        raise ValidationError(_("Another import is running: wait until it ends.")) from exc
    if not claimed:
        db.session.refresh(imp)
        if (imp.options or {}).get("file_erased"):
            raise ValidationError(file_erased_message())
        raise ValidationError(_("This import has started already."))
    db.session.refresh(imp)


def run_import(import_id: int, stop_after: int | None = None) -> None:
    """Import the rows not done yet, a chunk per transaction (the job; idempotent: a second
    worker on the same import finds its chunk taken and stops). `stop_after`: chunks to do
    before returning (tests of a worker cut short)."""
    imp = db.session.get(CustomerImport, import_id)
    if imp is None or imp.status != "running":
        return
    user = db.session.get(User, imp.user_id) if imp.user_id else None
    with fields_kept(), steady_heap():
        _run_chunks(imp, Engine(imp, write=True, user=user), stop_after)


def _run_chunks(imp: CustomerImport, engine: Engine, stop_after: int | None) -> None:
    import_id, done = imp.id, imp.rows_done
    for n, chunk in enumerate(_chunks(_rows(imp, done))):
        if stop_after is not None and n >= stop_after:
            return
        if not _take_chunk(import_id, done):
            db.session.rollback()
            return
        engine.prefetch(chunk)
        outcomes = [engine.process(row) for row in chunk]
        engine.writer.finish_chunk()
        done = chunk[-1].number - 1  # data rows before the next one, blank ones included
        _record_chunk(import_id, outcomes, done)
        db.session.commit()
        engine.forget()
    _finish(import_id, "done")


@contextmanager
def steady_heap():
    """A long run's garbage collection without what the process held before it: each chunk's
    customers and contacts refer to each other, so they age into the oldest generation and set
    off full collections, each of which walked the whole process again (7 of 29 s of CPU in a
    30,000-row run; 1.7 s frozen). Frozen (gc.freeze) for the run, put back after it, even
    when it fails. No collection first: it would cost a full pass; garbage frozen with the rest
    is collected once put back."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _take_chunk(import_id: int, done: int) -> bool:
    """Lock the import's row for this chunk's transaction (a second worker waits, then finds
    rows_done moved and stops)."""
    return bool(db.session.execute(
        update(CustomerImport)
        .where(CustomerImport.id == import_id, CustomerImport.status == "running",
               CustomerImport.rows_done == done)
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount)  # fmt: skip


def _record_chunk(import_id: int, outcomes: list[Outcome], done: int) -> None:
    counts, refusals = _tally(outcomes)
    imp = db.session.get(CustomerImport, import_id)
    db.session.refresh(imp)
    for name, n in counts.items():
        setattr(imp, name, getattr(imp, name) + n)
    if refusals:
        imp.refusals = [*(imp.refusals or []), *refusals]
    imp.rows_done = done
    imp.heartbeat_at = utcnow()


def _finish(import_id: int, status: str) -> None:
    db.session.execute(
        update(CustomerImport)
        .where(CustomerImport.id == import_id, CustomerImport.status == "running")
        .values(status=status, writing=None, finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def run_import_job(import_id: int) -> None:
    """The worker's entry: a failure marks the import failed (what is committed stays, whole
    customers only); a killed worker leaves it running for the sweep to resume."""
    try:
        run_import(import_id)
    except Exception:
        db.session.rollback()
        logger.exception("Import %s failed", import_id)
        _finish(import_id, "failed")


def stale_imports() -> list[int]:
    """Running imports whose worker stopped writing (killed, machine restarted)."""
    query = select(CustomerImport.id).where(
        CustomerImport.status == "running", CustomerImport.heartbeat_at < utcnow() - STALE
    )
    return list(db.session.scalars(query))


def resume_stale(enqueue: bool = True) -> list[int]:
    """Take again the imports whose worker stopped: enqueue their job (the sweep), or run them
    here (`flask imports resume`). Each on its own: one failing does not stop the others."""
    from app.jobs import enqueue as enqueue_job

    found = stale_imports()
    for import_id in found:
        if enqueue:
            enqueue_job("run_import", import_id)
        else:
            run_import_job(import_id)
    return found


def new_import(user: User | None, filename: str, content: bytes, sha256: str) -> CustomerImport:
    """An uploaded file, waiting for its mapping. Its rows are counted by the dry run, which
    reads them all anyway (`total_rows`, the run's progress bar): a workbook is read once less."""
    imp = CustomerImport(user=user, filename=filename, content=content, sha256=sha256,
                         options={"headers": read_headers(content, filename)})  # fmt: skip
    db.session.add(imp)
    db.session.flush()
    return imp

"""PDF render time and app-process memory (issue 21 targets: a 20-line invoice PDF p50 <= 150 ms,
p95 <= 200 ms; the process grows <= 5 MiB over 1,000 PDFs).

    .venv/bin/python bench/pdf.py [--db bench/out/bench.db] [--rounds 40] [--pdfs 1000]
                                  [--baseline ../pdf-base] [--repeat 2] [--profile]
                                  [--css-variants]

On a copy of the bench database, with a company logo stored, each PDF is made as a request makes
it: a fresh session, the document read again, `document_pdf` (queries, template, WeasyPrint).
Time: p50/p95 of that beside bare WeasyPrint on the same HTML without our stylesheet (what our
template and CSS add); then the same invoice issued and downloaded again as the download routes
do (`keep=True`): the stored PDF, served while it would come out the same; then, each round, a
fresh 20-line invoice issued through the service with the job queue in immediate mode (the job
that issuing enqueues renders and keeps its PDFs, as the worker would) and its first download,
beside the same download once its stored PDFs are deleted (a first render, as without the job);
then, each round, a fresh 20-line draft saved through the service (its job run on commit: drafts
are stored ahead too) and downloaded as the staff route does, edited (one line changed), saved
and downloaded again, then downloaded once more with its stored PDF deleted (a first render).
The first timing and memory run with PDF_STORE_AHEAD off, so that they render each time.
Memory: VmRSS of the process after 30 warm-up PDFs, then after --pdfs more.

--baseline DIR runs the same measures, in the same run, with the app of another worktree (the code
before a change, e.g. `git worktree add --detach ../pdf-base <commit>`), each in its own process,
and prints ours / baseline. Timings run one after the other (--repeat times each); the memory runs
of both trees run side by side (they measure bytes, not time). --profile prints instead where a
render spends its time (each phase's share under cProfile: HTML parse, CSS cascade, boxes, layout
with its tables, flex and text line breaking, painting, fonts, logo); --css-variants times
WeasyPrint on the invoice's HTML with pdf.css changed in one usual way each (VARIANTS), as ratios.
"""

import argparse
import dataclasses
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 30


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def child(root: Path, database: str, mode: str, rounds: int, pdfs: int) -> dict:
    """The measures, with the app found in `root` (ours or the baseline's)."""
    import gc
    import inspect
    from datetime import date
    from decimal import Decimal

    sys.path.insert(0, str(root))
    from flask_migrate import upgrade
    from PIL import Image
    from sqlalchemy import select
    from weasyprint import HTML

    from app import create_app
    from app.extensions import db
    from app.models import Currency, Customer, Document, TaxRate
    from app.services.pdf import OwnFilesOnly
    from app.services.sales.pdf import document_pdf, render_html
    from app.services.sales.service import DocumentInput, ItemInput, save_document
    from app.services.settings import logo, store_logo

    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key-0123456789abcdef",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "MAIL_PORT": 9,
            "QUEUE_IMMEDIATE": True,  # jobs run on commit, in memory, as in the tests
            "PDF_STORE_AHEAD": False,  # on for the timings of what is stored ahead only
        }
    )
    with app.test_request_context():
        upgrade(directory=str(root / "migrations"))
        eur = db.session.scalar(select(Currency).where(Currency.code == "EUR"))
        if eur is None:
            eur = Currency(code="EUR", symbol="€")
            db.session.add(eur)
        vat = TaxRate(name="TVA bench", percent=Decimal("20"))
        customer = db.session.scalar(select(Customer).order_by(Customer.id).limit(1))
        db.session.add(vat)
        db.session.flush()
        out = io.BytesIO()
        Image.new("RGB", (300, 100), (31, 78, 121)).save(out, format="PNG")
        store_logo(out.getvalue())
        items = [
            ItemInput(f"Line {n}: pastries and bread", Decimal(n % 7 + 1),
                      Decimal("12.50") + n, tax_ids=[vat.id])
            for n in range(20)
        ]  # fmt: skip
        data = DocumentInput(customer_id=customer.id, issue_date=date(2026, 11, 27), due_date=None,
                             currency_id=eur.id, language="fr", billing={"city": "Lyon"},
                             include_shipping=False, shipping={}, items=items)  # fmt: skip
        invoice_id = save_document(None, "invoice", data, None).id
        db.session.commit()
        vat_id = vat.id

        def new_draft() -> int:
            return save_document(None, "invoice", data, None).id

        def edit_draft(document_id: int, n: int) -> None:
            changed = ItemInput(f"Line 0 changed ({n})", Decimal(2), Decimal("14.50"),
                                tax_ids=[vat_id])  # fmt: skip
            edited = dataclasses.replace(data, items=[changed, *items[1:]])
            save_document(db.session.get(Document, document_id), "invoice", edited, None)

        def one_pdf() -> bytes:  # as a request: a fresh session, the document read again
            db.session.remove()
            return document_pdf(db.session.get(Document, invoice_id))

        if mode == "memory":
            for _ in range(WARM_UP):
                one_pdf()
            gc.collect()
            before = rss_kib()
            steps = []  # RSS every 250 PDFs: does it level off?
            for n in range(1, pdfs + 1):
                one_pdf()
                if n % 250 == 0:
                    steps.append(rss_kib())
            gc.collect()
            return {"before_kib": before, "after_kib": rss_kib(), "pdfs": pdfs, "steps": steps}
        if mode == "profile":
            return profile(one_pdf, rounds)
        if mode == "variants":
            return css_variants(render_html(db.session.get(Document, invoice_id), "fr"), rounds)
        html = render_html(db.session.get(Document, invoice_id), "fr")
        fetcher = OwnFilesOnly(logo().content)
        bare = html.replace('<link rel="stylesheet" href="comptoir:/static/css/pdf.css">', "")
        for _ in range(5):
            one_pdf()
        ours, floor, cpu = [], [], []
        for _ in range(rounds):
            started, cpu_started = time.perf_counter(), time.process_time()
            one_pdf()
            ours.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            started = time.perf_counter()
            HTML(string=bare, base_url="comptoir:/", url_fetcher=fetcher).write_pdf()
            floor.append(time.perf_counter() - started)
        measures = {"p50": statistics.median(ours) * 1000, "p95": percentile(ours, 95) * 1000,
                    "cpu50": statistics.median(cpu) * 1000,
                    "bare50": statistics.median(floor) * 1000}  # fmt: skip
        if "keep" in inspect.signature(document_pdf).parameters:  # stored PDFs (issue 21)
            invoice = db.session.get(Document, invoice_id)
            invoice.status, invoice.number = "unpaid", f"BENCH-PDF-{invoice_id}"  # issued: kept
            db.session.commit()
            stored = []
            for _ in range(rounds + 1):  # the first renders and keeps it
                started = time.perf_counter()
                db.session.remove()
                document_pdf(db.session.get(Document, invoice_id), keep=True)
                stored.append(time.perf_counter() - started)
            measures |= {"stored50": statistics.median(stored[1:]) * 1000,
                         "stored95": percentile(stored[1:], 95) * 1000}  # fmt: skip
        if hasattr(sys.modules["app.services.sales.pdf"], "store_pdfs"):  # stored ahead
            app.config["PDF_STORE_AHEAD"] = True
            measures |= issued_first_downloads(new_draft, rounds)
            measures |= draft_downloads(new_draft, edit_draft, rounds)
        return measures


def download(document_id: int) -> float:
    """Seconds to download a document's PDF as the staff route does (a fresh session, keep)."""
    from app.extensions import db
    from app.models import Document
    from app.services.sales.pdf import document_pdf

    started = time.perf_counter()
    db.session.remove()
    document_pdf(db.session.get(Document, document_id), keep=True)
    return time.perf_counter() - started


def forget_stored(document_id: int) -> None:
    """Delete a document's stored PDFs (its next download renders)."""
    from sqlalchemy import delete

    from app.extensions import db
    from app.models import StoredPdf

    db.session.execute(delete(StoredPdf).where(StoredPdf.document_id == document_id))
    db.session.commit()


def draft_downloads(new_draft, edit_draft, rounds: int) -> dict:
    """Each round a fresh draft saved (its job run on commit) and downloaded, edited and
    downloaded again, then downloaded with its stored PDF deleted: a draft's download after a
    save with and without the job."""
    from app.extensions import db

    saved, edited, first, save = [], [], [], []
    for n in range(rounds):
        started = time.perf_counter()
        draft_id = new_draft()
        db.session.commit()  # the job runs now (immediate mode), as a worker would meanwhile
        save.append(time.perf_counter() - started)
        saved.append(download(draft_id))
        edit_draft(draft_id, n)
        db.session.commit()
        edited.append(download(draft_id))
        forget_stored(draft_id)
        first.append(download(draft_id))
    return {"draft50": statistics.median(saved) * 1000, "draft95": percentile(saved, 95) * 1000,
            "edited50": statistics.median(edited) * 1000,
            "edited95": percentile(edited, 95) * 1000,
            "dfirst50": statistics.median(first) * 1000,
            "dfirst95": percentile(first, 95) * 1000,
            "save50": statistics.median(save) * 1000}  # fmt: skip


def issued_first_downloads(new_draft, rounds: int) -> dict:
    """Each round a fresh invoice issued (its job run on commit) and downloaded once, then
    downloaded again with its stored PDFs deleted: the first download with and without the job."""
    from app.extensions import db
    from app.models import Document
    from app.services.sales.actions import issue

    ahead, first, job = [], [], []
    for _ in range(rounds):
        draft_id = new_draft()
        db.session.commit()
        started = time.perf_counter()
        issue(db.session.get(Document, draft_id))
        db.session.commit()  # the job runs now (immediate mode), as a worker would meanwhile
        job.append(time.perf_counter() - started)
        ahead.append(download(draft_id))
        forget_stored(draft_id)
        first.append(download(draft_id))
    return {"ahead50": statistics.median(ahead) * 1000, "ahead95": percentile(ahead, 95) * 1000,
            "first50": statistics.median(first) * 1000, "first95": percentile(first, 95) * 1000,
            "job50": statistics.median(job) * 1000}  # fmt: skip


# Where WeasyPrint spends a render (cumulative time of these functions, profiled), in order.
PHASES = {
    "HTML parse": ("weasyprint/__init__.py", "__init__"),
    "CSS cascade (computed styles)": ("weasyprint/css/__init__.py", "get_all_computed_styles"),
    "boxes (formatting structure)": ("formatting_structure/build.py", "build_formatting_structure"),
    "layout (pages)": ("weasyprint/layout/__init__.py", "layout_document"),
    "  of which tables": ("weasyprint/layout/table.py", "table_layout"),
    "  of which flex (header, addresses)": ("weasyprint/layout/flex.py", "flex_layout"),
    "  of which text line breaking (Pango)": ("weasyprint/text/line_break.py", "split_first_line"),
    "painting pages": ("weasyprint/document.py", "paint"),
    "fonts embedded (subsetting)": ("weasyprint/pdf/fonts.py", "build_fonts_dictionary"),
    "logo decoding": ("weasyprint/images.py", "get_image_from_uri"),
    "PDF write (all but layout)": ("weasyprint/document.py", "write_pdf"),
}


def profile(one_pdf, rounds: int) -> dict:
    """cProfile of `rounds` PDFs: each phase's share of the whole render."""
    import cProfile
    import pstats

    for _ in range(5):
        one_pdf()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        one_pdf()
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    total = sum(tt for _, _, tt, _, _ in stats.values())
    shares = {}
    for phase, (file, name) in PHASES.items():
        shares[phase] = max((ct for (f, _, n), (_, _, _, ct, _) in stats.items()
                             if f.endswith(file) and n == name), default=0.0) / total  # fmt: skip
    return {"shares": shares, "ms_per_pdf": total / rounds * 1000}


# pdf.css with one change each (the usual advice), timed against pdf.css as it is: CPU ratios.
VARIANTS = {
    "pdf.css as it is, again": "",
    "header and addresses without flex": "header { display: block } header > div:first-child "
    "{ float: left } .company { float: right } header::after { content: ''; display: block; "
    "clear: both } .addresses { display: table; width: 100%; table-layout: fixed } "
    ".addresses section { display: table-cell }",
    "no hyphens: auto in column headers": "table.items th, table.items th.num { hyphens: manual }",
    "overflow-wrap normal": "body, h1, table.items td { overflow-wrap: normal }",
    "one font family": 'body { font-family: "DejaVu Sans" }',
    "kerning and ligatures off": "body { font-kerning: none; font-variant-ligatures: none }",
}


def css_variants(html: str, rounds: int) -> dict:
    """WeasyPrint's CPU time on the invoice's HTML with each variant, interleaved, ÷ as it is."""
    from flask import current_app
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from app.services.pdf import STYLESHEET, OwnFilesOnly
    from app.services.settings import logo

    css = (Path(current_app.static_folder) / STYLESHEET).read_text()
    sheets = {"as it is": CSS(string=css)} | {k: CSS(string=css + v) for k, v in VARIANTS.items()}
    fetcher, fonts = OwnFilesOnly(logo().content), FontConfiguration()
    cpu = {name: [] for name in sheets}
    for _ in range(rounds):
        for name, sheet in sheets.items():
            started = time.process_time()
            HTML(string=html, base_url="comptoir:/", url_fetcher=fetcher).write_pdf(
                font_config=fonts, stylesheets=[sheet]
            )
            cpu[name].append(time.process_time() - started)
    base = statistics.median(cpu["as it is"])
    return {name: statistics.median(times) / base for name, times in cpu.items()}


def spawn(root: Path, database: Path, mode: str, args) -> subprocess.Popen:
    command = [sys.executable, __file__, "--child", str(root), "--mode", mode, "--db",
               str(database), "--rounds", str(args.rounds), "--pdfs", str(args.pdfs)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def result(process: subprocess.Popen) -> dict:
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"a measuring process failed ({process.args})")
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(ROOT / "bench/out/bench.db"))
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--pdfs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--baseline", help="a worktree of the code before the change")
    parser.add_argument("--only", choices=["time", "memory"])
    parser.add_argument("--css-variants", action="store_true",
                        help="pdf.css with each usual change, CPU ratios, then stop")  # fmt: skip
    parser.add_argument("--profile", action="store_true",
                        help="where WeasyPrint spends a render (cProfile), then stop")  # fmt: skip
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child), args.db, args.mode, args.rounds, args.pdfs)))
        return
    trees = {"ours": ROOT} | ({"baseline": Path(args.baseline).resolve()} if args.baseline else {})
    with tempfile.TemporaryDirectory() as folder:
        copies = {}
        for name in trees:  # each tree its own copy of the same database
            copies[name] = Path(folder) / f"{name}.db"
            shutil.copy(args.db, copies[name])
        if args.css_variants:
            for name, ratio in result(spawn(ROOT, copies["ours"], "variants", args)).items():
                print(f"CPU of WeasyPrint, {name:40} x{ratio:.2f} of pdf.css as it is")
            return
        if args.profile:
            for name, tree in trees.items():
                r = result(spawn(tree, copies[name], "profile", args))
                print(f"profile {name}: {r['ms_per_pdf']:.0f} ms per PDF under cProfile")
                for phase, share in r["shares"].items():
                    print(f"  {phase:40} {share:6.1%}")
            return
        if args.only != "memory":
            for n in range(args.repeat):
                runs = {name: result(spawn(tree, copies[name], "time", args))
                        for name, tree in reversed(trees.items())}  # fmt: skip
                for name, r in runs.items():
                    print(
                        f"time #{n + 1} {name:8}: 20-line invoice PDF p50 {r['p50']:.0f} ms, "
                        f"p95 {r['p95']:.0f} ms, CPU p50 {r['cpu50']:.0f} ms; bare WeasyPrint "
                        f"p50 {r['bare50']:.0f} ms (ours/bare {r['p50'] / r['bare50']:.2f})"
                    )
                    if "stored50" in r:
                        print(
                            f"time #{n + 1} {name:8}: the same invoice issued, downloaded again "
                            f"(stored PDF) p50 {r['stored50']:.1f} ms, "
                            f"p95 {r['stored95']:.1f} ms"
                        )
                    if "ahead50" in r:
                        print(
                            f"time #{n + 1} {name:8}: a freshly issued invoice's first download, "
                            f"its job run: p50 {r['ahead50']:.1f} ms, p95 {r['ahead95']:.1f} ms; "
                            f"rendered then (no job): p50 {r['first50']:.0f} ms, "
                            f"p95 {r['first95']:.0f} ms; issue + job (the worker's) p50 "
                            f"{r['job50']:.0f} ms"
                        )
                    if "draft50" in r:
                        print(
                            f"time #{n + 1} {name:8}: a draft saved then downloaded: p50 "
                            f"{r['draft50']:.1f} ms, p95 {r['draft95']:.1f} ms; edited then "
                            f"downloaded: p50 {r['edited50']:.1f} ms, p95 {r['edited95']:.1f} ms; "
                            f"rendered then (no stored PDF): p50 {r['dfirst50']:.0f} ms, p95 "
                            f"{r['dfirst95']:.0f} ms; save + job p50 {r['save50']:.0f} ms"
                        )
                if "baseline" in runs:
                    ours, base = runs["ours"], runs["baseline"]
                    print(
                        f"time #{n + 1} ratio ours/baseline: p50 {ours['p50'] / base['p50']:.2f}, "
                        f"p95 {ours['p95'] / base['p95']:.2f}, "
                        f"CPU {ours['cpu50'] / base['cpu50']:.2f}"
                    )
        if args.only != "time":
            processes = {name: spawn(tree, copies[name], "memory", args)
                         for name, tree in trees.items()}  # fmt: skip
            grown = {}
            for name, process in processes.items():
                r = result(process)
                grown[name] = (r["after_kib"] - r["before_kib"]) / 1024
                steps = ", ".join(f"{kib / 1024:.1f}" for kib in r["steps"])
                print(
                    f"memory {name:8}: RSS {r['before_kib'] / 1024:.1f} MiB after warm-up, "
                    f"{r['after_kib'] / 1024:.1f} MiB after {r['pdfs']} PDFs "
                    f"(+{grown[name]:.1f} MiB, target <= 5); every 250: {steps}"
                )
            if "baseline" in grown:
                ratio = grown["ours"] / max(grown["baseline"], 0.1)
                print(f"memory growth ours/baseline: {ratio:.3f}")


if __name__ == "__main__":
    main()

"""Where one page's CPU goes, over HTTP and in-process (issue 21: the customer list's request
outside the page).

    .venv/bin/python bench/profile_http.py --db /tmp/copy.db [--tree ../other] [--requests 400]
                                           [--profile] [--in-process] [--path /admin/customers]

The database must already carry the tree's migrations (a copy kept by `bench/pages_http.py
--keep /tmp/copy.db`). Over HTTP: one gunicorn of the tree (2 sync workers, as pages_http.py),
signed in as the bench's administrator, --requests GETs from 2 keep-alive clients; printed: the
workers' CPU per request (from /proc). With --profile the workers run under cProfile
(bench/gunicorn_profile.py) and the functions that took most of it are printed, with the share
of the request handling each took. --in-process: the same page through the test client, CPU per
request (mean, 10th percentile, fastest) with the request log on, and with --profile where it
went; with --member, signed in as a team member instead (added to the database if missing:
their role's permissions are asked on every page, an administrator's never). `--path
/admin/bench-noop` asks for a signed-in staff page that renders nothing: what
every request costs outside its page (gunicorn, session, sign-in, hooks, request log).
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
NOOP = "/admin/bench-noop"  # a signed-in staff page that renders nothing (gunicorn_profile.py)
sys.path.insert(0, str(BENCH))
from pages_http import STAFF, STAFF_PASSWORD, Client, Server, get, signed_in  # noqa: E402


def cpu_split(server: Server) -> tuple[float, float]:
    """The workers' user and system CPU seconds so far."""
    user = system = 0
    for pid in server.workers():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        user, system = user + int(fields[11]), system + int(fields[12])
    tick = os.sysconf("SC_CLK_TCK")
    return user / tick, system / tick


class ProfiledServer(Server):
    """pages_http's server with bench/gunicorn_profile.py's settings: its workers under cProfile
    when `profile` (their statistics in `folder`), the noop page when BENCH_NOOP is set."""

    def __init__(self, tree: Path, database: Path, folder: Path, name: str, profile: bool):
        os.environ["GUNICORN_CMD_ARGS"] = f"-c {BENCH / 'gunicorn_profile.py'}"
        if profile:
            os.environ["PROFILE_DIR"] = str(folder)
        self.tree = tree
        try:
            super().__init__(tree, database, folder, name)
        finally:
            for variable in ("GUNICORN_CMD_ARGS", "PROFILE_DIR"):
                os.environ.pop(variable, None)


def print_profile(stats: pstats.Stats, whole: str, lines: int) -> None:
    """The functions with the most time of their own and most time inside, as shares of `whole`."""
    total = next((v[3] for k, v in stats.stats.items() if whole in f"{k[0]}:{k[2]}"), None)
    if not total:
        stats.sort_stats("cumulative").print_stats(lines)
        return
    print(f"request handling ({whole}): {total:.2f} s of CPU under cProfile")
    for key, title in (("tottime", "own time"), ("cumulative", "time inside")):
        print(f"-- by {title}, share of the request handling")
        rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2 if key == "tottime" else 3])
        for (file, line, name), (_cc, calls, own, inside, _callers) in rows[::-1][:lines]:
            value = own if key == "tottime" else inside
            where = "/".join(Path(file).parts[-2:])
            print(f"{value / total * 100:6.1f} % {calls:>8} {where}:{line} {name}")


def timed(server: Server, cookies: dict, path: str, requests: int) -> None:
    """`requests` GETs of `path` from 2 clients; the workers' CPU per request, printed."""
    clients = [Client(server.url, cookies) for _ in range(2)]
    share = requests // 2

    def asking(client: Client) -> None:
        for _ in range(share):
            get(client, path)

    threads = [threading.Thread(target=asking, args=(client,)) for client in clients]
    before, began = cpu_split(server), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, after = time.perf_counter() - began, cpu_split(server)
    user, system = after[0] - before[0], after[1] - before[1]
    done = share * 2
    print(
        f"{server.tree.name} {path}: {done} requests, {done / elapsed:.1f} req/s at concurrency "
        f"2, workers' CPU {(user + system) / done * 1000:.2f} ms per request (user "
        f"{user / done * 1000:.2f}, system {system / done * 1000:.2f})"
    )


def over_http(args) -> None:
    if args.path == NOOP:
        os.environ["BENCH_NOOP"] = "1"
    tree, database = Path(args.tree).resolve(), Path(args.db).resolve()
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        server = ProfiledServer(tree, database, Path(folder), "profiled", args.profile)
        try:
            client = signed_in(server.url)
            for _ in range(6):
                get(client, args.path)
            timed(server, client.cookies, args.path, args.requests)
        finally:
            server.stop()
        if args.profile:
            files = sorted(str(p) for p in Path(folder).glob("worker-*.prof"))
            stats = pstats.Stats(*files, stream=sys.stdout)
            if args.save:
                stats.dump_stats(args.save)
            print_profile(stats, "sync.py:handle", args.lines)


MEMBER = "bench-member@example.com"  # --member: a Team member, STAFF_PASSWORD


def bench_member(app) -> str:
    """The bench's team member's address (made on first use, in the tree's own code)."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import User
    from app.services.roles import built_in_role

    with app.app_context():
        if db.session.scalar(select(User.id).where(User.email == MEMBER)) is None:
            member = User(email=MEMBER, name="Bench Member", role=built_in_role("team_member"))
            member.set_password(STAFF_PASSWORD)
            db.session.add(member)
            db.session.commit()
    return MEMBER


def in_process(args) -> None:
    """The page through the test client of the tree's app, CPU per request."""
    sys.path.insert(0, str(Path(args.tree).resolve()))
    from app import create_app

    database = f"sqlite:///{Path(args.db).resolve()}"
    app = create_app({"SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "SQLALCHEMY_DATABASE_URI": database})  # fmt: skip
    if args.path == NOOP:
        sys.path.insert(0, str(BENCH))
        from gunicorn_profile import noop_page

        app.add_url_rule(NOOP, "admin.bench_noop", noop_page)
    client = app.test_client()
    page = client.get("/admin/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    email = bench_member(app) if args.member else STAFF
    answer = client.post("/admin/login", data={"csrf_token": token, "email": email,
                                               "password": STAFF_PASSWORD})  # fmt: skip
    assert answer.status_code in (302, 303), answer.status_code
    devnull = open(os.devnull, "w")  # noqa: SIM115 (the request log's lines go nowhere)
    stdout, sys.stdout = sys.stdout, devnull
    try:
        for _ in range(10):
            assert client.get(args.path).status_code == 200
        cpus = []
        profiler = cProfile.Profile() if args.profile else None
        for _ in range(args.requests):
            started = time.process_time()
            if profiler:
                profiler.enable()
            client.get(args.path)
            if profiler:
                profiler.disable()
            cpus.append(time.process_time() - started)
    finally:
        sys.stdout = stdout
    cpus.sort()
    who = "team member" if args.member else "administrator"
    print(f"{Path(args.tree).resolve().name} in-process, {who}: {len(cpus)} requests, CPU per "
          f"request "
          f"mean {statistics.mean(cpus) * 1000:.2f} ms, p10 {cpus[len(cpus) // 10] * 1000:.2f}, "
          f"p50 {statistics.median(cpus) * 1000:.2f}, fastest {cpus[0] * 1000:.2f}")  # fmt: skip
    if profiler:
        stats = pstats.Stats(profiler, stream=io.StringIO())
        stats.stream = sys.stdout
        if args.save:
            stats.dump_stats(args.save)
        print_profile(stats, "app.py:wsgi_app", args.lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="a copy kept by pages_http.py --keep")
    parser.add_argument("--tree", default=str(BENCH.parent))
    parser.add_argument("--path", default="/admin/customers")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--save", help="write the merged statistics to this file (pstats)")
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--member", action="store_true", help="in-process: as a team member")
    args = parser.parse_args()
    in_process(args) if args.in_process else over_http(args)


if __name__ == "__main__":
    main()

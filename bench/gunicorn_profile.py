"""gunicorn settings for bench/profile_http.py only (never used to serve anyone): with
PROFILE_DIR each worker handles its connections under cProfile (accepting one and waiting for
the next left out) and leaves its statistics there at exit; with BENCH_NOOP the app gets
/admin/bench-noop, a signed-in staff page that renders nothing (what every request costs)."""

import cProfile
import os


def noop_page() -> str:
    return "<!doctype html><title>-</title>"


def post_worker_init(worker):
    if os.environ.get("BENCH_NOOP"):
        worker.wsgi.add_url_rule("/admin/bench-noop", "admin.bench_noop", noop_page)


def post_fork(server, worker):
    if not os.environ.get("PROFILE_DIR"):
        return
    profiler = worker.profiler = cProfile.Profile()
    handle = worker.handle

    def profiled_handle(*args, **kwargs):
        profiler.enable()
        try:
            return handle(*args, **kwargs)
        finally:
            profiler.disable()

    worker.handle = profiled_handle


def worker_exit(server, worker):
    if os.environ.get("PROFILE_DIR"):
        path = os.path.join(os.environ["PROFILE_DIR"], f"worker-{worker.pid}.prof")
        worker.profiler.dump_stats(path)

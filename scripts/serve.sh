#!/usr/bin/env bash
# `make run`: the web server and one job worker (mail, reminders) as one command.
# Ctrl-C stops both, and so does either one ending. Usage: scripts/serve.sh .venv/bin/flask --app wsgi
set -uo pipefail
# The worker runs in its own session: Huey would take the terminal's Ctrl-C (SIGINT) as "stop
# now" and interrupt a running job; only stop()'s TERM reaches it, which lets the job finish.
setsid "$@" worker & worker=$!
"$@" run --host 127.0.0.1 --port "${PORT:-5000}" & web=$!
stop() {
  trap - INT TERM
  kill -TERM "$web" "$worker" 2>/dev/null  # the worker lets a running job finish
  wait "$web" "$worker" 2>/dev/null
}
# This shell catches Ctrl-C's SIGINT and stops both.
trap 'stop; exit 0' INT TERM
wait -n "$web" "$worker"
status=$?
stop
exit "$status"

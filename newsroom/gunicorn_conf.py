"""gunicorn's settings for the site (`gunicorn -c python:newsroom.gunicorn_conf
newsroom.wsgi`; the README's deployment and bench/newsroom.py use them).

One process per core, each answering one request at a time, in the order
they come (gthread: keep-alive connections wait in its queue). With many
threads per process, every request in a process shares its one
interpreter lock: a page rendered for 7-30 ms of CPU beside fifteen others
took fifteen times as long, and slowed each of them. Measured with
bench/newsroom.py (64 connections, two cores, PostgreSQL and Redis on the
same machine), readers alone: 2 processes x 16 threads 868 req/s, p99
357 ms; x 4: 966, 185 ms; x 2: 1,093, 151 ms; x 1: 1,158, 126 ms; 4
processes x 1: 911, 293 ms. A process waiting on the database leaves its
core to the database, on the same machine or not far.

WEB_CONCURRENCY (processes) and GUNICORN_THREADS override them.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread"
# Keep-alive connections idle longer than this are closed.
keepalive = 5

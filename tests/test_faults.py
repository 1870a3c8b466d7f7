"""Faults: the database going away under a running site, and coming back.

Starts a PostgreSQL instance of its own (initdb in a temporary folder, its
own port), serves the site from it with gunicorn, stops the database,
then starts it again. Skipped, with the reason, where PostgreSQL's server
binaries are not installed.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = pytest.mark.skipif(
    not BIN, reason="PostgreSQL server binaries (initdb, pg_ctl) are not installed"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def private_postgres():
    folder = tempfile.mkdtemp(prefix="newsroom-pg-")
    os.chmod(folder, 0o777)
    data = Path(folder) / "data"
    port = free_port()
    pg_ctl = [f"{BIN[-1]}/pg_ctl", "-D", str(data), "-w", "-t", "30"]
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        as_postgres(
            [f"{BIN[-1]}/initdb", "-D", str(data), "--auth=trust", "-U", "postgres"]
        ),
        check=True,
        capture_output=True,
    )

    def start():
        subprocess.run(
            as_postgres([*pg_ctl, "-o", options, "-l", f"{folder}/log", "start"]),
            check=True,
            capture_output=True,
        )

    def stop():
        subprocess.run(
            as_postgres([*pg_ctl, "-m", "fast", "stop"]),
            check=True,
            capture_output=True,
        )

    start()
    try:
        yield {
            "url": f"postgres://postgres@127.0.0.1:{port}/postgres",
            "data": data,
            "start": start,
            "stop": stop,
        }
    finally:
        subprocess.run(
            as_postgres([*pg_ctl, "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)


def production_env(database_url: str) -> dict:
    """A production-configured site (debug off) on `database_url`, migrated
    and with its static files collected."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "fault-test-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "NEWSROOM_NER": "0",
        "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="newsroom-static-"),
        # A page cache of this test's own (the default folder is shared by
        # every run on the machine).
        "CACHE_DIR": tempfile.mkdtemp(prefix="newsroom-cache-"),
    }
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True
        )
    return env


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 1):
    """The site served by gunicorn on a free port of 127.0.0.1: its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            # The site's own settings (README, Deploying), sized for a test.
            *("-c", "python:newsroom.gunicorn_conf", "newsroom.wsgi"),
            *("-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", "2"),
            *("--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_site_answers_503_while_the_database_is_down_and_recovers(private_postgres):
    env = production_env(private_postgres["url"])
    with gunicorn(env) as base:
        assert get(base + "/")[0] == 200
        assert get(base + "/healthz")[0] == 200

        private_postgres["stop"]()
        status, page = get(base + "/people/")
        assert status == 503
        assert "Service momentanément indisponible" in page
        assert "Traceback" not in page and "psycopg" not in page
        status, health = get(base + "/healthz")
        assert status == 503 and '"database": "unavailable"' in health

        private_postgres["start"]()
        # No restart of the site: once the server is asked again (every
        # DB_RETRY_SECONDS, 1 s), the next requests find the database.
        time.sleep(1.1)
        statuses = [get(base + "/people/")[0] for _ in range(3)]
        assert statuses == [200, 200, 200], statuses
        assert get(base + "/healthz")[0] == 200


def shell(env: dict, code: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
    )


def test_an_unpublished_article_is_gone_for_every_worker_at_once(tmp_path):
    """Without Redis, the default page cache is shared by gunicorn's
    workers: after an unpublish none of them serves the cached page."""
    env = production_env(f"sqlite:///{tmp_path}/site.sqlite3")
    env.pop("REDIS_URL", None)
    env["CACHE_DIR"] = str(tmp_path / "cache")
    shell(
        env,
        "from articles.models import Article; import datetime; "
        "Article.objects.create(title='Une', slug='une', body='Texte.', "
        "status='published', date=datetime.date(2024, 1, 2))",
    )
    with gunicorn(env, workers=2) as base:
        # Each request on a new connection: both workers serve and cache it.
        assert {get(base + "/articles/une/")[0] for _ in range(20)} == {200}
        shell(
            env,
            "from articles.models import Article; "
            "from articles.services import article_transition; "
            "article_transition(article=Article.objects.get(slug='une'), "
            "to='draft', by=None)",
        )
        statuses = [get(base + "/articles/une/")[0] for _ in range(20)]
        assert set(statuses) == {404}, statuses


def postgres_processes(data: Path) -> list[int]:
    """The postmaster of a private cluster and every process it started."""
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(
        ["pgrep", "-P", str(postmaster)], capture_output=True, text=True
    ).stdout.split()
    return [postmaster, *map(int, children)]


def timed_get(url: str) -> tuple[int, float]:
    start = time.monotonic()
    status, _ = get(url)
    return status, time.monotonic() - start


def test_a_frozen_database_never_hangs_health_cached_pages_or_static_files(
    private_postgres,
):
    """With the database frozen mid-flight (SIGSTOP: connections stay open,
    nothing answers), the site keeps answering: /healthz within a second,
    cached pages and static files at once, other pages a quick 503."""
    import signal
    from concurrent.futures import ThreadPoolExecutor

    env = production_env(private_postgres["url"])
    with gunicorn(env) as base:
        assert get(base + "/")[0] == 200  # cached from now on
        assert get(base + "/people/")[0] == 200
        frozen = postgres_processes(private_postgres["data"])
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        try:
            # Uncached pages (a search, never the same) keep threads busy.
            with ThreadPoolExecutor(4) as pool:
                slow = [pool.submit(get, f"{base}/search/?q=x{i}") for i in range(4)]
                time.sleep(0.3)
                health, health_seconds = timed_get(base + "/healthz")
                cached, cached_seconds = timed_get(base + "/")
                static, static_seconds = timed_get(base + "/static/css/site.css")
                statuses = {f.result()[0] for f in slow}
            assert (health, cached, static) == (503, 200, 200)
            assert health_seconds < 1.0, health_seconds
            assert cached_seconds < 1.0 and static_seconds < 1.0
            assert statuses == {503}, statuses
            status, seconds = timed_get(base + "/search/?q=encore")
            assert status == 503 and seconds < 1.0, (status, seconds)
        finally:
            for pid in frozen:
                os.kill(pid, signal.SIGCONT)
        time.sleep(1.1)  # the server is asked again every second
        searches = [get(f"{base}/search/?q=y{i}")[0] for i in range(3)]
        assert searches == [200, 200, 200]
        assert get(base + "/healthz")[0] == 200

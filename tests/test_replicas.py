"""Read replicas, against a real PostgreSQL streaming replica the test makes
itself: a private primary (its own initdb and port, never the shared
server) and a replica of it made with pg_basebackup, on another port.

Anonymous readers' reads go to the replica; the admin and writes to the
primary; a replica too far behind, or gone, is left aside and the site
reads the primary.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.test_faults import (
    BIN,
    ROOT,
    as_postgres,
    free_port,
    get,
    gunicorn,
    private_postgres,  # noqa: F401 - the primary
    production_env,
)

pytestmark = pytest.mark.skipif(
    not BIN, reason="PostgreSQL server binaries (initdb, pg_ctl) are not installed"
)


@pytest.fixture
def replica(private_postgres):  # noqa: F811
    """A streaming replica of the private primary, on a port of its own."""
    folder = tempfile.mkdtemp(prefix="newsroom-replica-")
    os.chmod(folder, 0o777)
    data = Path(folder) / "data"
    primary_port = private_postgres["url"].rsplit(":", 1)[1].split("/")[0]
    subprocess.run(
        as_postgres(
            [
                f"{BIN[-1]}/pg_basebackup",
                *("-h", "127.0.0.1", "-p", primary_port, "-U", "postgres"),
                *("-D", str(data), "-R", "-X", "stream"),
            ]
        ),
        check=True,
        capture_output=True,
    )
    port = free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [f"{BIN[-1]}/pg_ctl", "-D", str(data), "-w", "-t", "30"]
    subprocess.run(
        as_postgres([*pg_ctl, "-o", options, "-l", f"{folder}/log", "start"]),
        check=True,
        capture_output=True,
    )

    def stop():
        subprocess.run(
            as_postgres([*pg_ctl, "-m", "immediate", "stop"]), capture_output=True
        )

    try:
        yield {
            "primary": private_postgres["url"],
            "url": f"postgres://postgres@127.0.0.1:{port}/postgres",
            "stop": stop,
        }
    finally:
        stop()
        shutil.rmtree(folder, ignore_errors=True)


def site_env(replica: dict) -> dict:
    env = production_env(replica["primary"])
    env.update(
        DATABASE_REPLICA_URLS=replica["url"],
        DATABASE_REPLICA_MAX_LAG="1",
        DATABASE_REPLICA_CHECK_SECONDS="0",
        PAGE_CACHE_SECONDS="0",
    )
    return env


def run(env: dict, code: str) -> str:
    """Python run in the site's settings (a process of its own)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def sql(url: str, statement: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute(statement).fetchone()
        return row[0] if row else None


def caught_up(replica: dict, seconds: float = 20) -> None:
    target = sql(replica["primary"], "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        behind = sql(
            replica["url"],
            f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn()) > 0",
        )
        if not behind:
            return
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up")


ROUTES = """
import json
from django.db import connections, router
from articles.models import Article
from newsroom import replicas

with replicas.replica_reads():
    public = router.db_for_read(Article)
    with connections[public].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        in_recovery = cursor.fetchone()[0]
    count = Article.objects.count()
print(json.dumps({
    "public": public,
    "in_recovery": in_recovery,
    "count": count,
    "other_reads": router.db_for_read(Article),
    "writes": router.db_for_write(Article),
}))
"""

ADD_ARTICLE = """
from articles.models import Article
import datetime
Article.objects.create(
    title="Nouvelle", slug="nouvelle", body="Texte.", status="published",
    date=datetime.date(2024, 1, 1),
)
"""


def test_public_reads_go_to_the_replica_and_the_rest_to_the_primary(replica):
    env = site_env(replica)
    run(env, ADD_ARTICLE)
    caught_up(replica)
    routes = json.loads(run(env, ROUTES))
    assert routes == {
        "public": "replica0",
        "in_recovery": True,  # the real replica answered
        "count": 1,
        "other_reads": "default",
        "writes": "default",
    }


def test_a_lagging_replica_and_a_lost_one_are_left_aside(replica):
    env = site_env(replica)
    caught_up(replica)
    with gunicorn(env) as base:
        assert get(base + "/")[0] == 200
        # Replay stops on the replica: what the primary writes now is not
        # there. Past DATABASE_REPLICA_MAX_LAG, readers read the primary.
        sql(replica["url"], "SELECT pg_wal_replay_pause()")
        run(env, ADD_ARTICLE)
        time.sleep(1.5)
        status, html = get(base + "/articles/nouvelle/")
        assert status == 200 and "Nouvelle" in html
        assert sql(replica["url"], "SELECT count(*) FROM articles_article") == 0
        # The replica goes away: pages still answer, from the primary.
        replica["stop"]()
        statuses = [get(base + "/articles/nouvelle/")[0] for _ in range(5)]
        assert statuses == [200] * 5
        assert get(base + "/")[0] == 200

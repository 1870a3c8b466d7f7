"""Load from other processes over HTTP on 127.0.0.1: a gunicorn server,
keep-alive clients, latencies and errors."""

import http.client
import multiprocessing
import socket
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(url_list, port, seconds, queue, connections):
    """One process of the load: `connections` threads, keep-alive."""
    import threading

    latencies, errors, hits = [], 0, 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def run(offset):
        nonlocal errors, hits
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = offset
        mine, bad, served = [], 0, 0
        while time.perf_counter() < stop:
            url = url_list[i % len(url_list)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
                if response.getheader("X-Page-Cache") in ("hit", "stale"):
                    served += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
            errors += bad
            hits += served

    threads = [threading.Thread(target=run, args=(n * 7,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put((latencies, errors, hits))


def load(url_list, port, seconds, concurrency=16, processes=2) -> dict:
    queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(
            target=client,
            args=(
                url_list[p:] + url_list[:p],
                port,
                seconds,
                queue,
                concurrency // processes,
            ),
        )
        for p in range(processes)
    ]
    for p in procs:
        p.start()
    latencies, errors, hits = [], 0, 0
    for _ in procs:
        lat, err, hit = queue.get()
        latencies += lat
        errors += err
        hits += hit
    for p in procs:
        p.join()
    latencies.sort()
    if len(latencies) < 2:
        raise RuntimeError(f"only {len(latencies)} request(s) completed")
    # Inclusive: with few samples (a slow page, a short run) p99 is near the
    # slowest request, never a made-up zero.
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        # Answered from the page cache (fresh, or stale while re-rendered).
        "hit_rate": round(hits / len(latencies), 3),
    }


def warm(url_list, port: int, rounds: int = 3) -> None:
    """Request every URL a few times, so each worker's cache has it (one
    round is enough with a shared Redis cache)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(rounds):
        for url in url_list:
            conn.request("GET", url, headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
    conn.close()


def serve(
    env: dict, port: int, workers: int | None = 2, threads: int | None = 8
) -> subprocess.Popen:
    """gunicorn with the site's own settings (newsroom/gunicorn_conf.py),
    where `workers` and `threads` are None, else with those."""
    sizes = {"WEB_CONCURRENCY": workers, "GUNICORN_THREADS": threads}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            *("-c", "python:newsroom.gunicorn_conf"),
            "newsroom.wsgi",
            *("--bind", f"127.0.0.1:{port}"),
            *("--log-level", "warning"),
        ],
        cwd=ROOT,
        env={**env, **{k: str(v) for k, v in sizes.items() if v is not None}},
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")

"""Stale pages rendered again beside the requests, not inside one.

A page that went stale is served stale, for at most PAGE_STALE_SECONDS
after the change, while one request renders it again. When that request
rendered it itself, its reader waited for the render: under a newsroom's
writes the list pages go stale every few seconds, and those renders (the
slowest requests: counts over the archive, tens of cards) made the tail of
every reader's latency. Here the reader who takes the render lock is served
the stale page at once, like the others, and the render runs in a thread of
the process's own (one per process: renders queue, never pile up beside
the readers). Past PAGE_STALE_SECONDS nothing changes: readers wait for the
render under way, as before, so a page is never served staler than that.

A full queue, or PAGE_RERENDER_IN_BACKGROUND off, renders in the request.
"""

import io
import logging
import os
import queue
import threading

from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections

logger = logging.getLogger(__name__)

QUEUE_SIZE = 64

_jobs: queue.Queue = queue.Queue(maxsize=QUEUE_SIZE)
_started_in: int | None = None
_starting = threading.Lock()


def submit(render, request) -> bool:
    """Call `render(copy of request)` in the process's render thread;
    False when its queue is full (the caller renders in the request)."""
    _ensure_thread()
    try:
        _jobs.put_nowait((render, _copy(request)))
    except queue.Full:
        return False
    return True


def wait_idle() -> None:
    """Return when every render submitted so far is done (tests)."""
    _jobs.join()


def _copy(request) -> WSGIRequest:
    """A new request for the same page: a GET has no body, and the rest of
    the middleware must see it as it came (no user, session or language
    set on it yet)."""
    environ = dict(request.META)
    environ["wsgi.input"] = io.BytesIO(b"")
    environ["CONTENT_LENGTH"] = "0"
    return WSGIRequest(environ)


def _ensure_thread() -> None:
    """One thread per process, started in the process that renders (a
    gunicorn worker forks from its master: threads are not inherited)."""
    global _jobs, _started_in
    if _started_in == os.getpid():
        return
    with _starting:
        if _started_in != os.getpid():
            if _started_in is not None:
                _jobs = queue.Queue(maxsize=QUEUE_SIZE)  # the parent's
            threading.Thread(target=_work, args=(_jobs,), daemon=True).start()
            _started_in = os.getpid()


def _work(jobs: queue.Queue) -> None:
    while True:
        render, request = jobs.get()
        try:
            # What Django's handler does around each request: a database
            # connection past its age or broken is replaced.
            close_old_connections()
            render(request)
        except Exception:  # noqa: BLE001 - a failed render leaves the page stale
            logger.exception("page render in the background failed")
        finally:
            close_old_connections()
            jobs.task_done()

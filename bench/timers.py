"""Where an uncached request's time goes, measured in-process."""

import contextlib
import io
import sys
import time


@contextlib.contextmanager
def timers():
    """Time spent in the database driver (queries counted) and in template
    rendering, while the block runs: a dict that fills as it goes."""
    from django.db.backends import utils
    from django.template.response import SimpleTemplateResponse

    spent = {"sql": 0.0, "queries": 0, "render": 0.0}
    execute, render = utils.CursorWrapper._execute, SimpleTemplateResponse.render

    def timed_execute(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return execute(self, *args, **kwargs)
        finally:
            spent["sql"] += time.perf_counter() - t0
            spent["queries"] += 1

    def timed_render(self):
        t0 = time.perf_counter()
        try:
            return render(self)
        finally:
            spent["render"] += time.perf_counter() - t0

    utils.CursorWrapper._execute = timed_execute
    SimpleTemplateResponse.render = timed_render
    try:
        yield spent
    finally:
        utils.CursorWrapper._execute = execute
        SimpleTemplateResponse.render = render


def wsgi_get(handler, url: str) -> None:
    """GET `url` through the WSGI handler, without HTTP; an error unless 200."""
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    status = []
    b"".join(handler(environ, lambda s, h: status.append(s)))
    if not status[0].startswith("200"):
        raise RuntimeError(f"{url}: {status[0]}")


def in_process(pages: dict, rounds: int = 100) -> dict:
    """Where an uncached request's time goes, measured in this process
    (one thread, no HTTP): milliseconds per request in all, in SQL (time in
    the database driver, queries included) and in template rendering
    (which includes any query a template evaluates)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    handler = WSGIHandler()
    figures = {}
    with override_settings(PAGE_CACHE_SECONDS=0), timers() as spent:
        for name, url_list in pages.items():
            for url in url_list[:20]:
                wsgi_get(handler, url)  # warm: connection, templates, counts
            spent.update(sql=0.0, queries=0, render=0.0)
            t0 = time.perf_counter()
            for i in range(rounds):
                wsgi_get(handler, url_list[i % len(url_list)])
            total = time.perf_counter() - t0
            figures[name] = {
                "ms": round(total / rounds * 1000, 2),
                "sql_ms": round(spent["sql"] / rounds * 1000, 2),
                "queries": round(spent["queries"] / rounds, 1),
                "render_ms": round(spent["render"] / rounds * 1000, 2),
            }
    bare = figures["bare_view"]["ms"]
    for entry in figures.values():
        entry["ratio_to_bare"] = round(bare / entry["ms"], 3)
    return figures

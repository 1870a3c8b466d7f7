"""A real HTTP server on 127.0.0.1 for tests of what the app fetches: each
path answers what the test says (status, content type, body, a slow
drip). No mock of the fetch itself."""

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace


@dataclass
class Answer:
    body: bytes
    content_type: str = "image/jpeg"
    status: int = 200
    drip_seconds: float = 0.0  # pause between 1 KB pieces
    send_length: bool = True


@contextmanager
def serving(answers: dict[str, Answer]):
    """Yields `.url` (the server's base) and `.hits` (paths asked, in
    order); `answers` may change while it runs."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            answer = answers.get(self.path)
            if answer is None:
                self.send_error(404)
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            if answer.send_length:
                self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if not answer.drip_seconds:
                self.wfile.write(answer.body)
                return
            for i in range(0, len(answer.body), 1024):
                self.wfile.write(answer.body[i : i + 1024])
                self.wfile.flush()
                time.sleep(answer.drip_seconds)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(
            url=f"http://127.0.0.1:{server.server_address[1]}", hits=hits
        )
    finally:
        server.shutdown()
        server.server_close()

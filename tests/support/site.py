"""A real HTTP server on 127.0.0.1 that serves scripted routes and records every request."""
from __future__ import annotations

import gzip
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 when the client sends it back
    fail_first: int = 0  # answer 500 to this many requests first
    redirect_to: str | None = None
    gzip_encoded: bool = False  # body is already gzip-compressed; sent with Content-Encoding: gzip
    served: int = 0  # requests answered so far (not cleared by reset_hits)


class LocalSite:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **options) -> str:
        self.routes[path] = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **options)
        return self.url(path)

    def start(self) -> LocalSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset_hits(self) -> None:
        with self._lock:
            self.hits.clear()
            self.requests.clear()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                path = self.path
                route = site.routes.get(path)
                with site._lock:
                    site.hits[path] += 1
                    site.requests.append((path, dict(self.headers)))
                    if route is not None:
                        route.served += 1
                if route is None:
                    return self._send(404, b"not found", "text/plain")
                if route.served <= route.fail_first:
                    return self._send(500, b"temporary failure", "text/plain")
                if route.redirect_to:
                    return self._send(route.status or 301, b"", "text/plain", {"Location": route.redirect_to})
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return self._send(304, b"", None, {"ETag": route.etag})
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.gzip_encoded:
                    headers["Content-Encoding"] = "gzip"
                return self._send(route.status, route.body, route.content_type, headers)

            def _send(self, status, body, content_type, headers=None):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client gave up (size limit): that is the expected outcome

        return Handler


def gzip_bomb(decompressed_bytes: int) -> bytes:
    """A small gzip stream that inflates to `decompressed_bytes` of zeros."""
    return gzip.compress(b"\0" * decompressed_bytes, compresslevel=9)

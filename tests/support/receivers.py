"""Real receivers on 127.0.0.1 for delivery tests: an HTTP endpoint for Apprise's json://, an SMTP server."""
from __future__ import annotations

import json
import socket
import threading
import time
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class JsonReceiver:
    """Records every POST body; `status` decides the answer (500 simulates a receiver that is down)."""

    def __init__(self, status: int = 200):
        self.status = status
        self.posts: list[dict] = []
        self.headers: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str = "/hook", *, credentials: str = "") -> str:
        return f"json://{credentials + '@' if credentials else ''}127.0.0.1:{self.port}{path}"

    def start(self) -> JsonReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.status < 400:
                    receiver.posts.append(json.loads(body))
                    receiver.headers.append(dict(self.headers))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler


class _Collect:
    def __init__(self, messages: list):
        self.messages = messages

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": message_from_bytes(envelope.original_content or envelope.content, policy=policy.default),
            }
        )
        return "250 OK"


class SmtpReceiver:
    """aiosmtpd on a free 127.0.0.1 port, no TLS, accepting any login."""

    def __init__(self):
        self.messages: list[dict] = []
        self.controller = Controller(
            _Collect(self.messages),
            hostname="127.0.0.1",
            port=free_port(),
            auth_require_tls=False,
            authenticator=lambda *args: _AuthOK(),
        )

    @property
    def port(self) -> int:
        return self.controller.port

    def mailto(self, *, to: str = "monitor@example.org", sender: str = "exwatch@example.org") -> str:
        return f"mailto://exwatch:hunter22@127.0.0.1:{self.port}?from={sender}&to={to}&mode=insecure"

    def start(self) -> SmtpReceiver:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def wait(self, count: int = 1, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


class _AuthOK:
    success = True
    auth_data = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

"""Delivery through Apprise: one `Notifier` built from URLs and/or an Apprise YAML config.

Apprise's `notify()` answers True (delivered), False (a service failed: retry later) or
None / NOMATCH (no service matched the tag, or the config loaded nothing): that last one is
a configuration error, raised as `NotifierConfigError` so the CLI exits with code 2.

Services given as plain URLs carry the tag `always`, so they receive every alert; a YAML
config routes by tag (`new_case`, `escalation`, `update`, `digest`).
Nothing here logs or returns a URL except as `scheme://***`.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import apprise

from alerts.redaction import Redactor, redact_url, urls_in_text

logger = logging.getLogger(__name__)

ALWAYS_TAG = "always"  # Apprise's own: matched by every notify() call


# EXWATCH_NOTIFY may hold several URLs separated by whitespace or commas; a comma inside a URL
# (`?to=a@x.org,b@x.org`) is kept, only a comma before the next scheme separates.
_URL_SEPARATOR = re.compile(r"\s+|,\s*(?=[a-z][a-z0-9+.-]*://)", re.IGNORECASE)


def split_urls(values) -> list[str]:
    return [url for value in values or () for url in _URL_SEPARATOR.split(value.strip()) if url]


class NotifierConfigError(Exception):
    """No usable notification service: a bad URL, an empty or invalid config, an unmatched tag."""


@dataclass(frozen=True)
class Bodies:
    """One message in the forms services need; the Notifier picks one per service."""

    title: str
    text: str
    html: str | None = None  # email: Apprise sends it with a plain-text part made from it
    telegram: str | None = None  # Telegram's HTML subset, under 4,096 characters


@dataclass
class Delivery:
    ok: bool
    delivered: set[str] = field(default_factory=set)  # service keys that have the message
    error: str | None = None


class Notifier:
    def __init__(self, app: apprise.Apprise, redactor: Redactor, described: list[str]):
        self.app = app
        self.redact = redactor
        self.described = described

    @classmethod
    def from_options(cls, urls: list[str], config_path: str | None = None) -> Notifier:
        """Build from `--notify` URLs and/or an Apprise config file; raise NotifierConfigError if unusable."""
        redactor = install_redactor()
        app = apprise.Apprise()
        described = []
        for number, url in enumerate(urls, 1):
            redactor.add_url(url)
            if not app.add(url, tag=ALWAYS_TAG):
                raise NotifierConfigError(f"notification URL {number} ({redact_url(url)}) is not a valid Apprise URL")
            described.append(redact_url(url))
        if config_path:
            described += _add_config(app, redactor, Path(config_path))
        if not urls and not config_path:
            raise NotifierConfigError("no notification service configured (--notify URL or --apprise-config FILE)")
        for server in app:  # secrets as Apprise parsed them, e.g. a token it read from a query string
            redactor.add_url(server.url(privacy=False))
            redactor.add(str(p) for p in _identifier(server) if isinstance(p, str))
        logger.info("alerts go to %s", ", ".join(described))
        return cls(app, redactor, described)

    def __len__(self) -> int:
        return len(self.app)

    def services(self, tag: str | None = None) -> list:
        return list(self.app.find(tag)) if tag else list(self.app)

    def check(self, tags) -> None:
        """Fail fast, before a crawl, when an alert of some kind could reach nobody."""
        missing = [t for t in tags if not self.services(t)]
        if missing:
            raise NotifierConfigError(
                f"no notification service for tag(s) {', '.join(missing)}: "
                f"tag a service with them or with '{ALWAYS_TAG}'"
            )

    def notify(self, title: str, body: str, *, tag: str | None = None, body_format: str = "text") -> bool:
        """Send one message; True delivered, False failed. Raises NotifierConfigError when nothing matches."""
        html = body if body_format == "html" else None
        return self.deliver(Bodies(title=title, text=body, html=html, telegram=html), tag=tag).ok

    def deliver(self, message: Bodies, *, tag: str | None = None, skip: set[str] = frozenset()) -> Delivery:
        """Send to every service matching `tag`, each in its own form; services in `skip` already have it."""
        services = self.services(tag)
        if not services:
            raise NotifierConfigError(f"no notification service matches tag {tag!r}")
        delivered, errors = set(), []
        for server in services:
            key = service_key(server)
            if key in skip:
                delivered.add(key)
                continue
            ok, error = self._send_one(server, message)
            if ok:
                delivered.add(key)
            else:
                errors.append(f"{redact_url(server.url(privacy=True))}: {error}")
        return Delivery(ok=not errors, delivered=delivered, error="; ".join(errors) or None)

    def _send_one(self, server, message: Bodies) -> tuple[bool, str | None]:
        kind = service_kind(server)
        if kind == "telegram" and message.telegram:
            title, body, body_format = "", message.telegram, "html"
        elif kind == "email" and message.html:
            title, body, body_format = message.title, message.html, "html"
        else:
            title, body, body_format = message.title, message.text, "text"
        single = apprise.Apprise()
        single.add(server)
        with _captured_warnings(self.redact) as warnings:
            result = single.notify(body=body, title=title, body_format=body_format)
        if result is None or getattr(result, "status", None) == _NOMATCH:
            raise NotifierConfigError(f"{redact_url(server.url(privacy=True))}: Apprise matched no service")
        if result:
            return True, None
        return False, warnings[-1] if warnings else "delivery failed"


def _add_config(app: apprise.Apprise, redactor: Redactor, path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NotifierConfigError(f"{path}: cannot read the Apprise config ({exc.strerror})") from exc
    for url in urls_in_text(text):
        redactor.add_url(url)
    config = apprise.AppriseConfig()
    before = len(app)
    if not config.add(str(path)) or not app.add(config) or len(app) == before:
        raise NotifierConfigError(f"{path}: the Apprise config defines no valid notification service")
    return [f"{path} ({len(app) - before} service(s))"]


def service_kind(server) -> str:
    name = type(server).__name__.lower()
    if "telegram" in name:
        return "telegram"
    if "email" in name or getattr(server, "protocol", None) in ("mailto", "mailtos"):
        return "email"
    return "other"


def service_key(server) -> str:
    """A stable name for one service that reveals none of its URL."""
    identity = repr(_identifier(server)) or server.url(privacy=False)
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def _identifier(server) -> tuple:
    identifier = getattr(server, "url_identifier", None)
    return tuple(identifier) if isinstance(identifier, (tuple, list)) else ()


_NOMATCH = getattr(getattr(apprise, "AppriseResultStatus", None), "NOMATCH", object())
_REDACTOR: Redactor | None = None
# Loggers that can print a service's URL: Apprise's own, and the HTTP client's debug lines
# ("POST /bot<token>/sendMessage"). A logger's filters see only records made on it, so each is named.
REDACTED_LOGGERS = ("apprise", "urllib3.connectionpool", "requests")


def install_redactor() -> Redactor:
    """One process-wide filter on the `apprise` logger: every service's secrets are masked in its records."""
    global _REDACTOR
    if _REDACTOR is None:
        _REDACTOR = Redactor()
        for name in REDACTED_LOGGERS:
            logging.getLogger(name).addFilter(_REDACTOR)
    return _REDACTOR


class _captured_warnings:
    """Collect Apprise's warnings during one call: the last one is the error we record (redacted)."""

    def __init__(self, redact: Redactor):
        self.redact = redact
        self.messages: list[str] = []
        self.handler = logging.Handler(level=logging.WARNING)
        self.handler.emit = lambda record: self.messages.append(self.redact(record.getMessage()))

    def __enter__(self) -> list[str]:
        logging.getLogger("apprise").addHandler(self.handler)
        return self.messages

    def __exit__(self, *exc) -> None:
        logging.getLogger("apprise").removeHandler(self.handler)

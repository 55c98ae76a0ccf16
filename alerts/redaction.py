"""Keep Apprise URLs and their tokens out of logs and the database.

Apprise URLs carry credentials (bot tokens, passwords, webhook keys) in every part: host,
user, password, path and query. We collect those pieces and replace them wherever they could
surface: Apprise's own log records and the error text we store.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, unquote, urlsplit

MIN_SECRET_LENGTH = 4
URL_IN_TEXT = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>]+", re.IGNORECASE)
MASK = "***"


def redact_url(url: str) -> str:
    """The only form of an Apprise URL we ever print: its scheme."""
    scheme = url.split("://", 1)[0] if "://" in url else "?"
    return f"{scheme}://{MASK}"


def secret_parts(url: str) -> set[str]:
    """Every piece of `url` that might be a credential (over-redacting is the safe side)."""
    parts = {url}
    try:
        split = urlsplit(url)
    except ValueError:
        return parts
    netloc = split.netloc
    userinfo, _, hostport = netloc.rpartition("@")
    for piece in re.split(r"[:@]", userinfo) + [hostport, hostport.rsplit(":", 1)[0]]:
        parts.add(piece)
    parts.update(segment for segment in split.path.split("/"))
    for _, value in parse_qsl(split.query, keep_blank_values=False):
        parts.update(value.split(","))
    parts.update({unquote(p) for p in parts})
    return {p for p in parts if len(p) >= MIN_SECRET_LENGTH}


def urls_in_text(text: str) -> list[str]:
    return URL_IN_TEXT.findall(text)


class Redactor(logging.Filter):
    """A logging filter (and a plain function) that masks every known secret."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: list[str] = []

    def add_url(self, url: str) -> None:
        self.add(secret_parts(url))

    def add(self, secrets) -> None:
        # Longest first, so a token is masked whole before any shorter piece of it.
        self._secrets = sorted(set(self._secrets) | set(secrets), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True

"""Alert messages as text: Telegram's HTML subset, email (plain text + HTML), plain text, digest.

Pure functions on `AlertMessage`; nothing here reads the store or the network.
Telegram accepts only b/i/u/s/a/code/pre/blockquote, needs &, < and > escaped, and refuses
messages over 4,096 characters: `telegram_html` shortens the evidence and the source list to fit.
"""
from __future__ import annotations

import re
from html import escape, unescape

from alerts.message import AlertMessage

TELEGRAM_LIMIT = 4096
EVIDENCE_LIMIT = 700
KIND_LABELS = {"new_case": "New case", "escalation": "Escalation", "update": "Update"}
NON_REFOULEMENT = "Non-refoulement: transfer ordered or done while asylum is sought"


def stage_label(stage: str | None) -> str:
    return (stage or "unknown").replace("_", " ")


def title(msg: AlertMessage) -> str:
    return f"{KIND_LABELS.get(msg.kind, msg.kind)}: {msg.person}, {stage_label(msg.stage)}"


def names_line(msg: AlertMessage) -> str:
    others = [n for n in (*msg.latin_names, *msg.cyrillic_names) if n != msg.person]
    return msg.person + (f" ({', '.join(others)})" if others else "")


def route(msg: AlertMessage) -> str:
    return f"{msg.host or 'host unknown'} → {msg.destination or 'destination unknown'}"


def stage_line(msg: AlertMessage) -> str:
    line = f"Stage: {stage_label(msg.stage)}"
    if msg.previous_stage:
        line += f" (was: {stage_label(msg.previous_stage)})"
    return line


def news_line(msg: AlertMessage) -> str | None:
    if len(msg.news) < 2:
        return None
    return "New in this alert: " + ", ".join(stage_label(n.stage) for n in msg.news)


def sources_heading(msg: AlertMessage) -> str:
    plural = "source" if msg.source_count == 1 else "sources"
    links = len(msg.sources)
    return f"{msg.source_count} independent {plural}, {links} link{'' if links == 1 else 's'}:"


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rsplit(" ", 1)[0] + "…"


def plain_text(msg: AlertMessage, *, evidence_limit: int = EVIDENCE_LIMIT) -> str:
    lines = [title(msg), "", f"Person: {names_line(msg)}", stage_line(msg), f"Route: {route(msg)}"]
    lines.append(f"Date: {msg.event_date or 'unknown'}")
    if msg.non_refoulement:
        lines.append(f"!! {NON_REFOULEMENT}")
    if extra := news_line(msg):
        lines.append(extra)
    if msg.evidence:
        lines += ["", f'"{shorten(msg.evidence, evidence_limit)}"']
    lines += ["", sources_heading(msg)] + [f"- {s.name}: {s.url}" for s in msg.sources]
    return "\n".join(lines)


def telegram_html(msg: AlertMessage, *, limit: int = TELEGRAM_LIMIT) -> str:
    """Telegram HTML under `limit` characters: the evidence, then the source list, give way first."""
    evidence_limit = EVIDENCE_LIMIT
    sources = list(msg.sources)
    while True:
        text = _telegram(msg, evidence_limit, sources)
        if len(text) <= limit:
            return text
        if len(sources) > 1:
            sources.pop()
        elif evidence_limit > 80:
            evidence_limit //= 2
        else:
            return _cut_html_safely(text, limit)


def _telegram(msg: AlertMessage, evidence_limit: int, sources) -> str:
    e = _esc
    lines = [f"<b>{e(KIND_LABELS.get(msg.kind, msg.kind))}</b>: <b>{e(names_line(msg))}</b>"]
    lines.append(e(stage_line(msg)))
    lines.append(e(route(msg)))
    lines.append(f"Date: {e(msg.event_date or 'unknown')}")
    if msg.non_refoulement:
        lines.append(f"<b>⚠ {e(NON_REFOULEMENT)}</b>")
    if extra := news_line(msg):
        lines.append(e(extra))
    if msg.evidence:
        lines.append(f"<i>{e(shorten(msg.evidence, evidence_limit))}</i>")
    lines.append(e(sources_heading(msg)))
    lines += [f'• <a href="{escape(s.url, quote=True)}">{e(s.name or s.url)}</a>' for s in sources]
    if len(sources) < len(msg.sources):
        lines.append(e(f"(+{len(msg.sources) - len(sources)} more)"))
    return "\n".join(lines)


def _cut_html_safely(text: str, limit: int) -> str:
    # Last resort for absurd names: plain escaped text, cut where no entity is split.
    plain = escape(unescape(re.sub(r"<[^>]+>", "", text)), quote=False)
    cut = plain[: limit - 1]
    if "&" in cut[-6:]:
        cut = cut[: cut.rindex("&")]
    return cut + "…"


def email(msg: AlertMessage) -> tuple[str, str, str]:
    """(subject, plain text, HTML) for an email alert."""
    return title(msg), plain_text(msg), email_html(msg)


def email_html(msg: AlertMessage) -> str:
    e = _esc
    was = f" (was: {e(stage_label(msg.previous_stage))})" if msg.previous_stage else ""
    rows = [
        ("Person", e(names_line(msg))),
        ("Stage", e(stage_label(msg.stage)) + was),
        ("Route", e(route(msg))),
        ("Date", e(msg.event_date or "unknown")),
    ]
    if len(msg.news) > 1:
        rows.append(("New in this alert", e(", ".join(stage_label(n.stage) for n in msg.news))))
    parts = [f"<h2>{e(title(msg))}</h2>"]
    if msg.non_refoulement:
        parts.append(f'<p style="color:#b00"><strong>{e(NON_REFOULEMENT)}</strong></p>')
    parts.append("<table>" + "".join(f"<tr><th align=\"left\">{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>")
    if msg.evidence:
        parts.append(f"<blockquote>{e(shorten(msg.evidence, EVIDENCE_LIMIT))}</blockquote>")
    links = "".join(f'<li><a href="{escape(s.url, quote=True)}">{e(s.name or s.url)}</a></li>' for s in msg.sources)
    parts.append(f"<p>{e(sources_heading(msg))}</p><ul>{links}</ul>")
    return "\n".join(parts)


def digest(messages: list[AlertMessage], *, day: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) for a daily digest of update alerts."""
    subject = f"Extradition Watch digest {day}: {len(messages)} update(s)"
    text = "\n\n".join(plain_text(m) for m in messages)
    html_text = f"<h1>{_esc(subject)}</h1>\n" + "\n<hr>\n".join(email_html(m) for m in messages)
    return subject, text, html_text


def _esc(text: str) -> str:
    return escape(text, quote=False)

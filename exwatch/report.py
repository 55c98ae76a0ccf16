"""The analysts' one-page report: what the store knows, as a self-contained HTML file.

`collect_report` reads the store (cases by stage and host country, recent escalations with
their evidence and links, a timeline of each recently moving case); `render_report` turns that
into one HTML page with inline CSS and SVG charts drawn here, no script and no CDN, so the file
can be mailed or opened offline. Every value from the store is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

from sqlite_utils import Database

from nlp.types import Stage

STAGE_ORDER = [stage.value for stage in Stage]
# One colour per stage: the ladder darkens as it climbs, side stages are green/grey.
STAGE_COLOURS = {
    "wanted": "#f2c14e", "detained": "#f29e4c", "extradition_requested": "#e76f51",
    "extradition_ordered": "#d1495b", "transferred": "#9d0208", "prosecuted": "#4a0d12",
    "asylum_sought": "#64a6bd", "asylum_granted": "#2a9d8f", "extradition_refused": "#52b788",
    "released": "#8d99ae",
}


@dataclass
class Link:
    source: str
    url: str


@dataclass
class Escalation:
    case_id: int
    alerted_at: str
    kind: str
    person: str
    previous_stage: str | None
    stage: str
    host_country: str | None
    destination_country: str | None
    event_date: str | None
    evidence: str | None
    links: list[Link] = field(default_factory=list)


@dataclass
class TimelineEvent:
    day: date
    stage: str
    date_text: str
    evidence: str | None
    dated: bool = True  # False: placed at the report's date, drawn hollow


@dataclass
class CaseTimeline:
    case_id: int
    person: str
    host_country: str | None
    destination_country: str | None
    stage: str
    events: list[TimelineEvent]


@dataclass
class ReportData:
    generated_at: str
    since: str
    totals: dict[str, int]
    cases_by_stage: list[tuple[str, int]]
    cases_by_host: list[tuple[str, int]]
    escalations_by_host: list[tuple[str, int]]
    escalation_count: int
    escalations: list[Escalation]
    timelines: list[CaseTimeline]


def collect_report(
    db: Database, *, generated_at: str, since: str, escalations: int = 25, timelines: int = 15, hosts: int = 15
) -> ReportData:
    """Everything the page shows; `since` (ISO time) bounds the escalations listed."""
    return ReportData(
        generated_at=generated_at,
        since=since,
        totals=_totals(db),
        cases_by_stage=_cases_by_stage(db),
        cases_by_host=_cases_by_host(db, hosts),
        escalations_by_host=_escalations_by_host(db, since, hosts),
        escalation_count=_scalar(db, f"select count(*) from alerts a where {ESCALATION_FILTER}", [since]),
        escalations=_escalations(db, since, escalations),
        timelines=_timelines(db, timelines),
    )


def _scalar(db: Database, sql: str, params=()) -> int:
    return db.execute(sql, params).fetchone()[0] or 0


def _totals(db: Database) -> dict[str, int]:
    return {
        "open cases": _scalar(db, "select count(*) from cases where status = 'open'"),
        "people": _scalar(db, "select count(*) from people"),
        "events": _scalar(db, "select count(*) from events"),
        "articles": _scalar(db, "select count(*) from articles"),
        "sources": _scalar(db, "select count(*) from sources where enabled"),
    }


def _cases_by_stage(db: Database) -> list[tuple[str, int]]:
    rows = db.execute("select stage, count(*) from cases where status = 'open' group by stage").fetchall()
    return sorted(rows, key=lambda row: STAGE_ORDER.index(row[0]) if row[0] in STAGE_ORDER else len(STAGE_ORDER))


def _cases_by_host(db: Database, limit: int) -> list[tuple[str, int]]:
    return db.execute(
        """select coalesce(host_country, '?'), count(*) as n from cases where status = 'open'
           group by 1 order by n desc, 1 limit ?""",
        [limit],
    ).fetchall()


# New cases and steps up the ladder queued since a time (the alert outbox records both).
ESCALATION_FILTER = "a.kind in ('new_case', 'escalation') and a.created_at >= ?"


def _escalations_by_host(db: Database, since: str, limit: int) -> list[tuple[str, int]]:
    return db.execute(
        f"""select coalesce(c.host_country, '?'), count(*) as n from alerts a join cases c on c.id = a.case_id
            where {ESCALATION_FILTER} group by 1 order by n desc, 1 limit ?""",
        [since, limit],
    ).fetchall()


def _escalations(db: Database, since: str, limit: int) -> list[Escalation]:
    rows = db.execute(
        f"""select c.id, a.created_at, a.kind, p.name, a.previous_stage, a.stage, c.host_country,
                  c.destination_country, e.date, e.evidence, e.id
           from alerts a
           join cases c on c.id = a.case_id
           join people p on p.id = c.person_id
           left join events e on e.id = coalesce(
             a.event_id, (select min(id) from events where case_id = a.case_id and stage = a.stage))
           where {ESCALATION_FILTER}
           order by a.created_at desc, a.id desc
           limit ?""",
        [since, limit],
    ).fetchall()
    return [Escalation(*row[:10], links=_links(db, row[10])) for row in rows]


def _links(db: Database, event_id: int | None) -> list[Link]:
    """Every outlet reporting the event; the event's own article when none is linked yet."""
    if event_id is None:
        return []
    rows = db.execute(
        """select source, url from event_sources where event_id = ?
           union
           select ar.source, ar.url from events e join articles ar on ar.id = e.article_id where e.id = ?
           order by 1, 2""",
        [event_id, event_id],
    ).fetchall()
    return [Link(source or "", url or "") for source, url in rows]


def _timelines(db: Database, limit: int) -> list[CaseTimeline]:
    cases = db.execute(
        """select c.id, p.name, c.host_country, c.destination_country, c.stage
           from cases c join people p on p.id = c.person_id
           where c.status = 'open' order by c.updated_at desc, c.id desc limit ?""",
        [limit],
    ).fetchall()
    timelines = []
    for case_id, person, host, destination, stage in cases:
        # An event without a date of its own is placed when it was reported (published, else stored).
        rows = db.execute(
            """select e.date, coalesce(ar.published, e.created_at), e.stage, e.evidence
               from events e left join articles ar on ar.id = e.article_id
               where e.case_id = ? order by coalesce(e.date, ar.published, e.created_at), e.id""",
            [case_id],
        ).fetchall()
        events = [TimelineEvent(event_day(day, reported), stage_, day or f"undated, reported {reported[:10]}",
                                evidence, dated=bool(day))
                  for day, reported, stage_, evidence in rows]
        timelines.append(CaseTimeline(case_id, person, host, destination, stage, events))
    return timelines


def event_day(event_date: str | None, reported: str) -> date:
    """A point on the time axis: a year or month date is placed at its first day."""
    for text in (event_date, reported):
        try:
            parts = [int(part) for part in (text or "")[:10].split("-")] + [1, 1]
            return date(parts[0], parts[1], parts[2])
        except ValueError:
            continue
    return date.min


# ---- rendering -------------------------------------------------------------------------------

PAGE_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;
  padding:0 1rem;color:#1d1d1f}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#666}.totals{display:flex;gap:1.5rem;flex-wrap:wrap;margin:1rem 0}
.totals div{background:#f4f4f6;border-radius:6px;padding:.5rem .9rem}.totals b{font-size:1.4rem;display:block}
.charts{display:flex;gap:2rem;flex-wrap:wrap}.charts figure{margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;
  border-bottom:1px solid #eee}th{background:#f4f4f6}.stage{display:inline-block;padding:0 .4rem;
  border-radius:4px;color:#fff;font-size:.85rem;white-space:nowrap}.evidence{max-width:28rem}
.empty{color:#666;font-style:italic}svg text{font:12px system-ui,sans-serif;fill:#1d1d1f}
.legend span{margin-right:.8rem;white-space:nowrap}.legend i{display:inline-block;width:.8rem;height:.8rem;
  border-radius:50%;margin-right:.25rem;vertical-align:-1px}
"""


def render_report(data: ReportData) -> str:
    sections = [
        f"<h1>Extradition Watch report</h1><p class=meta>Generated {escape(data.generated_at)}; "
        f"escalations since {escape(data.since)}.</p>",
        render_totals(data.totals),
        "<h2>Open cases</h2><div class=charts>"
        + render_bar_chart("Open cases by stage", data.cases_by_stage, colours=STAGE_COLOURS, label=stage_label)
        + render_bar_chart("Open cases by host country", data.cases_by_host)
        + "</div>",
        f"<h2>Escalations since {escape(data.since[:10])}</h2>"
        f"<p>{data.escalation_count:,} new case(s) and escalation(s); the latest {len(data.escalations)} below.</p>"
        "<div class=charts>" + render_bar_chart("New cases and escalations by host country", data.escalations_by_host)
        + "</div>" + render_escalations(data.escalations),
        "<h2>Timelines of recently updated cases</h2>" + render_legend() + render_timelines(data.timelines),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>Extradition Watch report {escape(data.generated_at[:10])}</title><style>{PAGE_CSS}</style>"
        "</head><body>" + "\n".join(sections) + "</body></html>\n"
    )


def stage_label(stage: str) -> str:
    return stage.replace("_", " ")


def render_totals(totals: dict[str, int]) -> str:
    cells = "".join(f"<div><b>{count:,}</b>{escape(name)}</div>" for name, count in totals.items())
    return f"<div class=totals>{cells}</div>"


def render_bar_chart(title: str, rows: list[tuple[str, int]], *, colours: dict | None = None, label=str) -> str:
    """A horizontal bar chart in SVG, one bar per row, the count at the end of the bar."""
    if not rows:
        return f"<figure><figcaption>{escape(title)}</figcaption><p class=empty>None.</p></figure>"
    bar, gap, label_width, bar_width = 20, 6, 150, 260
    biggest = max(count for _, count in rows) or 1
    height = len(rows) * (bar + gap) + gap
    parts = []
    for index, (name, count) in enumerate(rows):
        y = gap + index * (bar + gap)
        width = max(2, round(bar_width * count / biggest))
        colour = (colours or {}).get(name, "#457b9d")
        parts.append(
            f"<g><title>{escape(label(name))}: {count}</title>"
            f"<text x={label_width - 8} y={y + 14} text-anchor=end>{escape(label(name))}</text>"
            f"<rect x={label_width} y={y} width={width} height={bar} fill='{colour}' rx=3></rect>"
            f"<text x={label_width + width + 6} y={y + 14}>{count}</text></g>"
        )
    svg = (f"<svg role=img aria-label='{escape(title)}' width={label_width + bar_width + 60} height={height} "
           f"viewBox='0 0 {label_width + bar_width + 60} {height}'>{''.join(parts)}</svg>")
    return f"<figure><figcaption>{escape(title)}</figcaption>{svg}</figure>"


def render_stage(stage: str | None) -> str:
    if not stage:
        return ""
    colour = STAGE_COLOURS.get(stage, "#555")
    return f"<span class=stage style='background:{colour}'>{escape(stage_label(stage))}</span>"


def safe_href(url: str) -> str | None:
    """Only web (and the offline demo's file) links become links: no javascript: or data: URLs."""
    return escape(url, quote=True) if url.lower().startswith(("http://", "https://", "file://")) else None


def render_links(links: list[Link]) -> str:
    items = []
    for link in links:
        href = safe_href(link.url)
        text = escape(link.source or link.url)
        items.append(f"<a href='{href}' rel='noopener noreferrer'>{text}</a>" if href else text)
    return ", ".join(items)


def render_escalations(escalations: list[Escalation]) -> str:
    if not escalations:
        return "<p class=empty>No new cases or escalations in this period.</p>"
    rows = []
    for item in escalations:
        step = render_stage(item.stage) if not item.previous_stage else f"{render_stage(item.previous_stage)} → {render_stage(item.stage)}"
        rows.append(
            f"<tr><td>{escape(item.alerted_at[:16].replace('T', ' '))}</td>"
            f"<td><b>{escape(item.person)}</b><br><small>case {item.case_id}, {escape(item.kind.replace('_', ' '))}</small></td>"
            f"<td>{step}</td>"
            f"<td>{escape(item.host_country or '?')} → {escape(item.destination_country or '?')}</td>"
            f"<td>{escape(item.event_date or '')}</td>"
            f"<td class=evidence>{escape(item.evidence or '')}</td>"
            f"<td>{render_links(item.links)}</td></tr>"
        )
    return ("<table class=escalations><thead><tr><th>Alerted</th><th>Person</th><th>Stage</th><th>Countries</th>"
            "<th>Event date</th><th>Evidence</th><th>Sources</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def render_legend() -> str:
    items = "".join(f"<span><i style='background:{colour}'></i>{escape(stage_label(stage))}</span>"
                    for stage, colour in STAGE_COLOURS.items())
    return f"<p class=legend>{items}<span>(hollow: undated, placed when reported)</span></p>"


def month_ticks(first: date, last: date, most: int = 8) -> list[date]:
    """First days of months within [first, last], thinned to at most `most` ticks."""
    months = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if date(year, month, 1) >= first:
            months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = max(1, -(-len(months) // most))
    return months[::step]


def render_timelines(timelines: list[CaseTimeline]) -> str:
    """One row per case on a shared time axis, a dot per event coloured by stage."""
    days = [event.day for timeline in timelines for event in timeline.events]
    if not days:
        return "<p class=empty>No cases yet.</p>"
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    label_width, axis_width, row = 260, 640, 28
    height = len(timelines) * row + 30

    def x(day: date) -> float:
        return label_width + 10 + axis_width * (day - first).days / span

    parts = [f"<line x1={x(tick):.1f} x2={x(tick):.1f} y1=4 y2={height - 22} stroke='#eee'></line>"
             f"<text x={x(tick):.1f} y={height - 6} text-anchor=middle>{tick.isoformat()[:7]}</text>"
             for tick in month_ticks(first, last)]
    for index, timeline in enumerate(timelines):
        y = 18 + index * row
        label = f"{timeline.person} ({timeline.host_country or '?'} → {timeline.destination_country or '?'})"
        parts.append(f"<text x={label_width} y={y + 4} text-anchor=end>{escape(label)}</text>")
        if timeline.events:
            parts.append(f"<line x1={x(timeline.events[0].day):.1f} x2={x(timeline.events[-1].day):.1f} "
                         f"y1={y} y2={y} stroke='#bbb' stroke-width=2></line>")
        for event in timeline.events:
            colour = STAGE_COLOURS.get(event.stage, "#555")
            tip = f"{event.date_text}: {stage_label(event.stage)}" + (f" — {event.evidence}" if event.evidence else "")
            paint = f"fill='{colour}'" if event.dated else f"fill='#fff' stroke='{colour}' stroke-width=2"
            parts.append(f"<circle cx={x(event.day):.1f} cy={y} r=6 {paint}><title>{escape(tip)}</title></circle>")
    return (f"<svg class=timeline role=img aria-label='Case timelines' width={label_width + axis_width + 30} "
            f"height={height} viewBox='0 0 {label_width + axis_width + 30} {height}'>{''.join(parts)}</svg>")

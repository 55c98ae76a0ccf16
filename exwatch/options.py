"""Every Extradition Watch setting and environment variable, documented once.

`exwatch/settings.py` takes the defaults from here, `exwatch settings` prints this table,
and `tests/test_docs.py` checks that the README lists every name. A setting is changed for
one run with `exwatch run --set NAME=VALUE`; Scrapy's own settings work the same way.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("EXWATCH_DB", "data/exwatch.db", "Database file; set by `--db` / env EXWATCH_DB, not usually by hand."),
    Setting(
        "EXWATCH_CONTACT_URL",
        "https://github.com/extradition-watch/exwatch",
        "Where site owners can reach whoever runs this crawler: it goes into the User-Agent "
        "(`ExtraditionWatch/VERSION (+URL)`) unless USER_AGENT itself is set.",
    ),
    Setting("EXWATCH_KEEP_HTML", False, "Keep each article's raw HTML in `articles.html` (large)."),
    Setting(
        "EXWATCH_SITEMAP_WINDOW_DAYS",
        3,
        "Sitemap entries whose lastmod / news:publication_date is older than this many days are skipped; "
        "undated entries are skipped too.",
    ),
    Setting("EXWATCH_MIN_TEXT_CHARS", 300, "Main text shorter than this makes a page `too-short`, not an article."),
    Setting("EXWATCH_EXTRACT_WORKERS", 2, "Worker processes for text extraction; 0 extracts in the crawl process."),
    Setting("EXWATCH_NLP_ENABLED", True, "Run the people and events analysis on new articles."),
    Setting("EXWATCH_INCREMENTAL_ENABLED", True, "Skip article URLs already stored (after canonicalisation)."),
    Setting("EXWATCH_CONDITIONAL_GET_ENABLED", True, "Send the stored ETag / Last-Modified with each feed request."),
    Setting(
        "EXWATCH_PAGE_RETRY_RUNS",
        3,
        "A page that failed transiently (5xx, timeout) is tried again in this many later runs, then given up.",
    ),
    Setting(
        "EXWATCH_ARTICLE_MAXSIZE",
        10 * 1024 * 1024,
        "An article page larger than this (bytes, after decompression) is refused; feeds and sitemaps are "
        "bounded by Scrapy's DOWNLOAD_MAXSIZE (32 MiB).",
    ),
    Setting("EXWATCH_RETRY_BACKOFF_BASE", 1.0, "Seconds before the first retry of a 5xx or timeout; doubles each time."),
    Setting("EXWATCH_RETRY_BACKOFF_MAX", 60.0, "Longest wait between two retries, in seconds."),
    Setting(
        "EXWATCH_NEAR_DUPLICATE_THRESHOLD",
        0.3,
        "Estimated Jaccard similarity of word shingles above which another outlet's article is a near-duplicate "
        "(chosen on syndicated copies vs different stories: benchmarks/near_duplicates.py).",
    ),
    Setting(
        "EXWATCH_HEALTH_FAILED_RUNS",
        3,
        "A source whose feeds fail this many runs in a row opens a `failing` incident and a health alert.",
    ),
    Setting(
        "EXWATCH_HEALTH_SILENT_DAYS",
        7,
        "A source with no new article for this many days opens a `silent` incident and a health alert.",
    ),
    Setting(
        "EXWATCH_ITEM_ERRORS_ENABLED",
        True,
        "Record a page that a pipeline step failed on as a transient failure, so later runs fetch it again.",
    ),
    Setting(
        "EXWATCH_PROGRESS_ENABLED",
        False,
        "Show a one-line progress count on stderr; the command line turns it on when stderr is a terminal "
        "and `--quiet` is off.",
    ),
)

# Read by the command line and the store, outside Scrapy's settings.
ENVIRONMENT: tuple[Setting, ...] = (
    Setting("EXWATCH_DB", "data/exwatch.db in the project folder", "Database file (`--db`)."),
    Setting("EXWATCH_SOURCES", "data/sources.toml in the project folder", "Sources file (`--sources`)."),
    Setting("EXWATCH_NOTIFY", "none", "Apprise URLs to send alerts to (`--notify`), whitespace or comma separated."),
    Setting("EXWATCH_APPRISE_CONFIG", "none", "Apprise YAML config whose tags route the alerts (`--apprise-config`)."),
    Setting("EXWATCH_DIGEST_UPDATES", "off", "Send update alerts as one daily digest (`--digest-updates`)."),
    Setting("EXWATCH_ALERTS_MAX_ATTEMPTS", 8, "Failed deliveries before an alert is dead-lettered (`--max-attempts`)."),
    Setting(
        "EXWATCH_ALERTS_RETRY_SECONDS",
        600,
        "Wait before the first retry of a failed alert; doubles each time, at most 12 h (`--retry-after`).",
    ),
    Setting(
        "EXWATCH_DB_BUSY_TIMEOUT_MS",
        30000,
        "How long a writer waits for another writer's lock before giving up with exit code 1.",
    ),
)


def user_agent(contact_url: str) -> str:
    return f"ExtraditionWatch/0.1 (+{contact_url}; news monitoring for human-rights work)"


def defaults() -> dict[str, object]:
    return {setting.name: setting.default for setting in SETTINGS}


def markdown() -> str:
    """The README's settings section, generated so that it cannot drift from the code."""
    lines = ["| setting | default | what it does |", "|---|---|---|"]
    lines += [f"| `{s.name}` | `{s.default!r}` | {s.help} |" for s in SETTINGS]
    lines += ["", "| environment variable | default | what it does |", "|---|---|---|"]
    lines += [f"| `{s.name}` | {s.default} | {s.help} |" for s in ENVIRONMENT]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())

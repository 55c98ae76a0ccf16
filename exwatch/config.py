"""Load and validate the sources file (`data/sources.toml`): one `Source` per `[[source]]` table.

Every problem raises `ConfigError`, whose text is one line naming the file, the source and the
field, so cron mail and `exwatch sources` show exactly what to fix. The CLI maps it to exit code 2.
"""
from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote, urlsplit

SOURCE_KEYS = ("name", "homepage", "feeds", "sitemaps", "language", "country", "enabled")
TOP_LEVEL_KEYS = ("source",)

# ISO 639-1: all 184 two-letter language codes (including the withdrawn "bh", which some feeds still
# declare). Kept here rather than read from babel, which is only a transitive dependency.
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split()
)

# ISO 3166-1 alpha-2: the 249 officially assigned country codes (no user-assigned codes like XK).
ISO_3166_1 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
    """.split()
)

_TOML_TYPE_NAMES = {
    bool: "boolean", int: "integer", float: "float", str: "string", list: "array", dict: "table",
}
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}$|^\[[0-9a-f:.]+\]$")


@dataclass(frozen=True)
class Source:
    name: str
    homepage: str | None
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    language: str
    country: str | None
    enabled: bool = True


class ConfigError(Exception):
    """A sources-file problem; `str()` is one line: `file: source "X": field: what is wrong`."""

    def __init__(
        self, message: str, *, path: str | None = None, source: str | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.source = source  # a label: 'source "Eurasianet"' or 'source #3'
        self.field = field
        parts = [p for p in (path, source, field) if p] + [message]
        # One line, always: a stray line break would split a cron log entry in two.
        super().__init__(" ".join(": ".join(parts).splitlines()))


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; raise ConfigError on the first problem."""
    shown = str(path)
    data = _read_toml(Path(path), shown)
    tables = _source_tables(data, shown)
    base_dir = Path(path).resolve().parent
    sources: list[Source] = []
    seen_names: dict[str, int] = {}
    for index, table in enumerate(tables, start=1):
        check = _SourceChecker(shown, index, table, base_dir)
        source = check.source()
        key = source.name.casefold()
        if key in seen_names:
            first = seen_names[key]
            check.fail(
                "name", f"{_quote(source.name)} is already the name of source #{first} "
                f"({_quote(sources[first - 1].name)}); names are case-insensitive",
                by_index=True,
            )
        seen_names[key] = index
        sources.append(source)
    return sources


def enabled_sources(sources: Iterable[Source]) -> list[Source]:
    return [s for s in sources if s.enabled]


def find_source(sources: Iterable[Source], name: str) -> Source:
    """The source called `name` (case-insensitive); ConfigError listing known names otherwise."""
    sources = list(sources)
    for source in sources:
        if source.name.casefold() == name.strip().casefold():
            return source
    known = ", ".join(_quote(s.name) for s in sources) or "none"
    raise ConfigError(f"no source named {_quote(name)}; known sources: {known}")


def _read_toml(path: Path, shown: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("no such file", path=shown) from None
    except IsADirectoryError:
        raise ConfigError("is a directory, not a sources file", path=shown) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", path=shown) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(str(exc), text), path=shown) from None


def _toml_error(message: str, text: str) -> str:
    """`line N: <tomllib message>`; tomllib puts the position at the end of its message."""
    match = _TOML_POSITION.search(message)
    if not match:
        return message
    bare = message[: match.start()]
    if match.group(1):
        return f"line {match.group(1)}: {bare} (column {match.group(2)})"
    last_line = max(1, len(text.rstrip("\n").split("\n")))
    return f"line {last_line}: {bare} (at end of file)"


def _source_tables(data: dict[str, Any], shown: str) -> list[dict[str, Any]]:
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise ConfigError(
                f"unknown top-level key {_quote(key)}{_suggest(key, TOP_LEVEL_KEYS)}; "
                "sources are [[source]] tables", path=shown,
            )
    tables = data.get("source")
    if tables is None:
        raise ConfigError("no [[source]] tables", path=shown)
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(
            f'"source" must be [[source]] tables, not {_type_name(tables)}', path=shown
        )
    if not tables:
        raise ConfigError("no [[source]] tables", path=shown)
    return tables


class _SourceChecker:
    """Validates one `[[source]]` table; every failure names the file, the source and the field."""

    def __init__(self, shown: str, index: int, table: dict[str, Any], base_dir: Path) -> None:
        self.shown = shown
        self.index = index
        self.table = table
        self.base_dir = base_dir
        name = table.get("name")
        self.label = (
            f"source {_quote(name.strip())}"
            if isinstance(name, str) and name.strip() else f"source #{index}"
        )

    def fail(self, field: str, message: str, *, by_index: bool = False) -> NoReturn:
        label = f"source #{self.index}" if by_index else self.label
        raise ConfigError(message, path=self.shown, source=label, field=field)

    def source(self) -> Source:
        self._check_keys()
        name = self._name()
        homepage = self._homepage()
        feeds = self._url_list("feeds")
        sitemaps = self._url_list("sitemaps")
        self._check_duplicates(feeds, sitemaps)
        if not (feeds or sitemaps or homepage):
            self.fail("feeds", "a source needs feeds, sitemaps or a homepage (for feed discovery)")
        return Source(
            name=name, homepage=homepage, feeds=tuple(feeds), sitemaps=tuple(sitemaps),
            language=self._language(), country=self._country(), enabled=self._enabled(),
        )

    def _check_keys(self) -> None:
        for key in self.table:
            if key not in SOURCE_KEYS:
                hint = _suggest(key, SOURCE_KEYS) or f" (known keys: {', '.join(SOURCE_KEYS)})"
                self.fail(key, f"unknown key{hint}")

    def _name(self) -> str:
        name = self.table.get("name")
        if name is None:
            self.fail("name", "missing; every source needs a unique name", by_index=True)
        if not isinstance(name, str):
            self.fail("name", f"must be a string, not {_type_name(name)}", by_index=True)
        if not name.strip():
            self.fail("name", "must not be empty", by_index=True)
        if any(not ch.isprintable() for ch in name):
            self.fail("name", f"{_quote(name)} must be one line of printable text", by_index=True)
        return name.strip()

    def _homepage(self) -> str | None:
        homepage = self.table.get("homepage")
        if homepage is None:
            return None
        if not isinstance(homepage, str):
            self.fail("homepage", f"must be a URL string, not {_type_name(homepage)}")
        problem = _http_url_problem(homepage)
        if problem:
            self.fail("homepage", f"{_quote(homepage)} {problem}")
        return homepage

    def _url_list(self, field: str) -> list[str]:
        values = self.table.get(field, [])
        if not isinstance(values, list):
            self.fail(field, f"must be an array of URLs, not {_type_name(values)}")
        urls = []
        for i, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{field}[{i}]", f"must be a URL string, not {_type_name(value)}")
            urls.append(self._feed_url(f"{field}[{i}]", value))
        return urls

    def _feed_url(self, field: str, url: str) -> str:
        if url[:5].lower() == "file:":
            return self._file_url(field, url)
        problem = _http_url_problem(url, allow_file=True)
        if problem:
            self.fail(field, f"{_quote(url)} {problem}")
        return url

    def _file_url(self, field: str, url: str) -> str:
        """Absolute `file:///abs` stays; `file:rel/path` is resolved against the sources file's folder."""
        parts = urlsplit(url)
        if parts.netloc and parts.netloc.lower() != "localhost":
            self.fail(
                field, f"{_quote(url)} names a host {_quote(parts.netloc)}; write file:relative/path "
                "(from the sources file's folder) or file:///absolute/path",
            )
        path = unquote(parts.path)
        if not path:
            self.fail(field, f"{_quote(url)} has no path")
        if path.startswith("/"):
            return url
        return (self.base_dir / path).resolve().as_uri()

    def _check_duplicates(self, feeds: list[str], sitemaps: list[str]) -> None:
        seen: dict[str, str] = {}
        for field, urls in (("feeds", feeds), ("sitemaps", sitemaps)):
            for i, url in enumerate(urls):
                where = f"{field}[{i}]"
                if url in seen:
                    self.fail(where, f"{_quote(url)} is listed twice (also {seen[url]})")
                seen[url] = where

    def _language(self) -> str:
        language = self.table.get("language")
        if language is None:
            self.fail("language", 'missing; give the ISO 639-1 code of most articles, e.g. "en" or "ru"')
        if not isinstance(language, str):
            self.fail("language", f"must be a string, not {_type_name(language)}")
        if language not in ISO_639_1:
            self.fail(
                "language",
                f"{_quote(language)} is not an ISO 639-1 language code{_language_hint(language)}",
            )
        return language

    def _country(self) -> str | None:
        country = self.table.get("country")
        if country is None:
            return None
        if not isinstance(country, str):
            self.fail("country", f"must be a string, not {_type_name(country)}")
        if country not in ISO_3166_1:
            hint = (
                f'; did you mean "{country.upper()}"?' if country.upper() in ISO_3166_1
                else ' (two uppercase letters, e.g. "KZ", "RU")'
            )
            self.fail("country", f"{_quote(country)} is not an ISO 3166-1 alpha-2 country code{hint}")
        return country

    def _enabled(self) -> bool:
        enabled = self.table.get("enabled", True)
        if not isinstance(enabled, bool):
            self.fail("enabled", f"must be true or false, not {_type_name(enabled)} {_quote(enabled)}")
        return enabled


def _http_url_problem(url: str, *, allow_file: bool = False) -> str | None:
    """Why `url` is not a usable http(s) URL, or None when it is."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "is not a URL (empty or contains spaces)"
    parts = urlsplit(url)
    kinds = "an http(s) or file URL" if allow_file else "an http(s) URL"
    if not parts.scheme or "://" not in url and "." in url.split("/")[0]:
        return f'has no scheme; did you mean "https://{url.lstrip("/")}"?'
    if parts.scheme.lower() not in ("http", "https"):
        return f"is not {kinds}"
    if not url.lower().startswith(parts.scheme.lower() + "://"):
        return f"is not {kinds} (expected {parts.scheme}://host/...)"
    if not _valid_host(parts.hostname or ""):
        return f"has no valid host (is not {kinds})"
    try:
        parts.port
    except ValueError:
        return "has an invalid port"
    return None


def _valid_host(host: str) -> bool:
    """A DNS name (internationalised names allowed) or an IP address literal."""
    if ":" in host:  # urlsplit strips the brackets of an IPv6 literal
        return bool(_HOST.match(f"[{host}]"))
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(ascii_host) and bool(_HOST.match(ascii_host.lower()))


def _language_hint(language: str) -> str:
    """Suggest "en" for "EN", "en-US" or "en_GB"; otherwise say what a code looks like."""
    guess = language.strip().lower()
    if re.fullmatch(r"[a-z]{2}(?:[-_][a-z0-9]+)*", guess) and guess[:2] in ISO_639_1:
        return f'; did you mean "{guess[:2]}"?'
    return ' (two lowercase letters, e.g. "en", "ru")'


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _quote(value: Any) -> str:
    """A value as it would appear in TOML, escaped onto one line and cut short."""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
    if isinstance(value, bool):
        text = "true" if value else "false"
    return text if len(text) <= 120 else text[:117] + "..."


def _type_name(value: Any) -> str:
    return _TOML_TYPE_NAMES.get(type(value), type(value).__name__)

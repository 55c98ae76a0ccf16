"""The sources file loader: valid files load into `Source` records, every mistake is one line
naming the file, the source and the field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from exwatch.config import (
    ISO_639_1,
    ISO_3166_1,
    ConfigError,
    Source,
    enabled_sources,
    find_source,
    load_sources,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
STARTER_LIST = REPO_ROOT / "data" / "sources.toml"

GOOD = """
[[source]]
name = "Eurasianet"
homepage = "https://eurasianet.org/"
feeds = ["https://eurasianet.org/rss.xml"]
sitemaps = ["https://eurasianet.org/sitemap.xml"]
language = "en"
country = "US"
"""


def write(tmp_path: Path, text: str, name: str = "sources.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def one_source(**fields: str) -> str:
    """A [[source]] table; each value is given as TOML text, so tests can write bad TOML types."""
    body = {"name": '"Eurasianet"', "feeds": '["https://eurasianet.org/rss.xml"]', "language": '"en"'}
    body.update(fields)
    lines = [f"{key} = {value}" for key, value in body.items() if value is not None]
    return "[[source]]\n" + "\n".join(lines) + "\n"


def load_error(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    message = str(caught.value)
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"{path}: "), message
    return message


# --- valid files --------------------------------------------------------------------------------


def test_a_full_source_loads_into_a_source_record(tmp_path):
    [source] = load_sources(write(tmp_path, GOOD))
    assert source == Source(
        name="Eurasianet",
        homepage="https://eurasianet.org/",
        feeds=("https://eurasianet.org/rss.xml",),
        sitemaps=("https://eurasianet.org/sitemap.xml",),
        language="en",
        country="US",
        enabled=True,
    )


def test_optional_keys_take_their_defaults(tmp_path):
    [source] = load_sources(write(tmp_path, one_source()))
    assert source.homepage is None
    assert source.sitemaps == ()
    assert source.country is None
    assert source.enabled is True


def test_a_homepage_alone_is_enough_for_feed_autodiscovery(tmp_path):
    text = one_source(feeds=None, homepage='"https://vlast.kz/"')
    [source] = load_sources(write(tmp_path, text))
    assert source.feeds == () and source.homepage == "https://vlast.kz/"


def test_a_path_may_be_given_as_a_string(tmp_path):
    path = write(tmp_path, GOOD)
    assert load_sources(str(path)) == load_sources(path)


def test_relative_file_url_is_resolved_against_the_sources_file_folder(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    folder.mkdir()
    path = write(folder, one_source(feeds='["file:demo/site/rss.xml", "file:../shared/atom.xml"]'))
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    [source] = load_sources(path)
    assert source.feeds == (
        (folder / "demo" / "site" / "rss.xml").as_uri(),
        (tmp_path / "shared" / "atom.xml").as_uri(),
    )


def test_relative_file_url_in_sitemaps_is_resolved_too(tmp_path):
    path = write(tmp_path, one_source(sitemaps='["file:demo/sitemap.xml.gz"]'))
    [source] = load_sources(path)
    assert source.sitemaps == ((tmp_path / "demo" / "sitemap.xml.gz").as_uri(),)


def test_absolute_file_url_is_kept_as_written(tmp_path):
    path = write(tmp_path, one_source(feeds='["file:///srv/exwatch/demo/rss.xml"]'))
    [source] = load_sources(path)
    assert source.feeds == ("file:///srv/exwatch/demo/rss.xml",)


def test_several_sources_keep_file_order_and_enabled_flags(tmp_path):
    text = one_source(name='"A"') + one_source(name='"B"', enabled="false") + one_source(name='"C"')
    sources = load_sources(write(tmp_path, text))
    assert [s.name for s in sources] == ["A", "B", "C"]
    assert [s.name for s in enabled_sources(sources)] == ["A", "C"]


def test_find_source_ignores_case(tmp_path):
    sources = load_sources(write(tmp_path, one_source(name='"OC Media"') + one_source(name='"Meduza"')))
    assert find_source(sources, "meduza").name == "Meduza"
    assert find_source(sources, "OC MEDIA").name == "OC Media"


def test_find_source_names_the_known_sources_when_absent(tmp_path):
    sources = load_sources(write(tmp_path, one_source(name='"OC Media"') + one_source(name='"Meduza"')))
    with pytest.raises(ConfigError) as caught:
        find_source(sources, "Kloop")
    message = str(caught.value)
    assert '"Kloop"' in message and '"OC Media"' in message and '"Meduza"' in message


# --- every mistake: one line naming the file, the source and the field --------------------------

BAD_SOURCES = [
    pytest.param(
        one_source(sitemap="[]"),
        ['source "Eurasianet"', "sitemap: unknown key", "did you mean 'sitemaps'?"],
        id="unknown-key-with-suggestion",
    ),
    pytest.param(
        one_source(priority="3"),
        ['source "Eurasianet"', "priority: unknown key", "known keys: name, homepage, feeds"],
        id="unknown-key-without-close-match",
    ),
    pytest.param(
        one_source(name='"Meduza"') + one_source(name=None),
        ["source #2", "name: missing"],
        id="missing-name-uses-the-index",
    ),
    pytest.param(
        one_source(name='"  "'),
        ["source #1", "name: must not be empty"],
        id="empty-name",
    ),
    pytest.param(
        one_source(name='"OC\\tMedia"'),
        ["source #1", 'name: "OC\\tMedia" must be one line of printable text'],
        id="name-with-control-character",
    ),
    pytest.param(
        one_source(name="5"),
        ["source #1", "name: must be a string, not integer"],
        id="name-wrong-type",
    ),
    pytest.param(
        one_source(name='"Meduza"') + one_source(name='"OVD-Info"') + one_source(name='"meduza"'),
        ["source #3", "name:", '"meduza" is already the name of source #1 ("Meduza")'],
        id="duplicate-name-ignores-case",
    ),
    pytest.param(
        one_source(feeds='["https://eurasianet.org/rss.xml", "htp:/x"]'),
        ['source "Eurasianet"', 'feeds[1]: "htp:/x" is not an http(s) or file URL'],
        id="malformed-url",
    ),
    pytest.param(
        one_source(feeds='["eurasianet.org/rss.xml"]'),
        ['feeds[0]: "eurasianet.org/rss.xml" has no scheme', '"https://eurasianet.org/rss.xml"'],
        id="missing-url-scheme",
    ),
    pytest.param(
        one_source(feeds='["http:///rss.xml"]'),
        ['feeds[0]: "http:///rss.xml" has no valid host'],
        id="url-without-host",
    ),
    pytest.param(
        one_source(sitemaps='["https://eurasianet.org:99999/sitemap.xml"]'),
        ["sitemaps[0]:", "has an invalid port"],
        id="url-with-bad-port",
    ),
    pytest.param(
        one_source(feeds='["https://eurasianet.org/rss .xml"]'),
        ["feeds[0]:", "is not a URL (empty or contains spaces)"],
        id="url-with-space",
    ),
    pytest.param(
        one_source(homepage='"file:///srv/site/index.html"'),
        ['homepage: "file:///srv/site/index.html" is not an http(s) URL'],
        id="homepage-must-be-http",
    ),
    pytest.param(
        one_source(feeds='["file://demo/rss.xml"]'),
        ['feeds[0]: "file://demo/rss.xml" names a host "demo"', "file:relative/path"],
        id="file-url-with-host",
    ),
    pytest.param(
        one_source(feeds='["https://eurasianet.org/rss.xml", "https://eurasianet.org/rss.xml"]'),
        ['feeds[1]: "https://eurasianet.org/rss.xml" is listed twice (also feeds[0])'],
        id="duplicate-url-in-feeds",
    ),
    pytest.param(
        one_source(sitemaps='["https://eurasianet.org/rss.xml"]'),
        ["sitemaps[0]:", "is listed twice (also feeds[0])"],
        id="duplicate-url-across-feeds-and-sitemaps",
    ),
    pytest.param(
        one_source(feeds="[]"),
        ['source "Eurasianet"', "feeds: a source needs feeds, sitemaps or a homepage"],
        id="nothing-to-crawl",
    ),
    pytest.param(
        one_source(language='"english"'),
        ['source "Eurasianet"', 'language: "english" is not an ISO 639-1 language code'],
        id="bad-language-word",
    ),
    pytest.param(
        one_source(language='"EN"'),
        ['language: "EN" is not an ISO 639-1 language code; did you mean "en"?'],
        id="bad-language-case",
    ),
    pytest.param(
        one_source(language='"en-US"'),
        ['language: "en-US"', 'did you mean "en"?'],
        id="bad-language-region-tag",
    ),
    pytest.param(
        one_source(language='"xx"'),
        ['language: "xx" is not an ISO 639-1 language code'],
        id="two-letters-but-no-such-language",
    ),
    pytest.param(
        one_source(language=None),
        ['source "Eurasianet"', "language: missing"],
        id="missing-language",
    ),
    pytest.param(
        one_source(country='"Kazakhstan"'),
        ['source "Eurasianet"', 'country: "Kazakhstan" is not an ISO 3166-1 alpha-2 country code'],
        id="bad-country-name",
    ),
    pytest.param(
        one_source(country='"kz"'),
        ['country: "kz"', 'did you mean "KZ"?'],
        id="bad-country-case",
    ),
    pytest.param(
        one_source(country='"XK"'),
        ['country: "XK" is not an ISO 3166-1 alpha-2 country code'],
        id="user-assigned-country-code",
    ),
    pytest.param(
        one_source(feeds='"https://eurasianet.org/rss.xml"'),
        ["feeds: must be an array of URLs, not string"],
        id="feeds-wrong-type",
    ),
    pytest.param(
        one_source(feeds="[42]"),
        ["feeds[0]: must be a URL string, not integer"],
        id="feed-item-wrong-type",
    ),
    pytest.param(
        one_source(enabled='"yes"'),
        ['source "Eurasianet"', 'enabled: must be true or false, not string "yes"'],
        id="enabled-wrong-type",
    ),
    pytest.param(
        one_source(homepage="true"),
        ["homepage: must be a URL string, not boolean"],
        id="homepage-wrong-type",
    ),
    pytest.param(
        one_source(language="2"),
        ["language: must be a string, not integer"],
        id="language-wrong-type",
    ),
]


@pytest.mark.parametrize(("text", "fragments"), BAD_SOURCES)
def test_bad_source_is_one_line_naming_file_source_and_field(tmp_path, text, fragments):
    message = load_error(write(tmp_path, text))
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_a_value_with_a_newline_still_gives_one_line(tmp_path):
    message = load_error(write(tmp_path, one_source(feeds='["https://a.org/x\\nb"]')))
    assert r'"https://a.org/x\nb"' in message


BAD_FILES = [
    pytest.param("", ["no [[source]] tables"], id="empty-file"),
    pytest.param("source = []\n", ["no [[source]] tables"], id="empty-source-array"),
    pytest.param(
        GOOD.replace("[[source]]", "[[sources]]"),
        ['unknown top-level key "sources"', "did you mean 'source'?"],
        id="unknown-top-level-key",
    ),
    pytest.param(
        GOOD + 'timeout = 5\n',  # lands inside the last [[source]] table
        ['source "Eurasianet"', "timeout: unknown key"],
        id="stray-key-after-a-table",
    ),
    pytest.param(
        'title = "sources"\n' + GOOD,
        ['unknown top-level key "title"'],
        id="top-level-key-before-tables",
    ),
    pytest.param(
        GOOD.replace("[[source]]", "[source]"),
        ['"source" must be [[source]] tables, not table'],
        id="single-table-instead-of-array",
    ),
    pytest.param(
        '[[source]]\nname = "Eurasianet"\nlanguage = en\n',
        ["line 3: Invalid value"],
        id="toml-syntax-error",
    ),
    pytest.param(
        GOOD + 'name = "Again"\n',
        ["line 9: Cannot overwrite a value"],
        id="toml-duplicate-key",
    ),
]


@pytest.mark.parametrize(("text", "fragments"), BAD_FILES)
def test_bad_file_is_one_line_naming_the_file(tmp_path, text, fragments):
    message = load_error(write(tmp_path, text))
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.toml"
    assert load_error(path) == f"{path}: no such file"


def test_a_directory_is_not_a_sources_file(tmp_path):
    assert "is a directory" in load_error(tmp_path)


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_bytes(GOOD.encode("utf-8") + b'# \xff\n')
    assert "not UTF-8" in load_error(path)


def test_config_error_keeps_its_parts_for_callers(tmp_path):
    path = write(tmp_path, one_source(country='"Kazakhstan"'))
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    error = caught.value
    assert (error.path, error.source, error.field) == (str(path), 'source "Eurasianet"', "country")


# --- the code lists are the real ISO lists ------------------------------------------------------


def test_code_lists_have_the_iso_sizes():
    assert len(ISO_639_1) == 184
    assert len(ISO_3166_1) == 249
    assert all(len(c) == 2 and c.islower() for c in ISO_639_1)
    assert all(len(c) == 2 and c.isupper() for c in ISO_3166_1)


def test_code_lists_agree_with_babel():
    babel = pytest.importorskip("babel")
    english = babel.Locale("en")
    babel_languages = {c for c in english.languages if len(c) == 2}
    babel_territories = {c for c in english.territories if len(c) == 2 and c.isalpha()}
    # babel still lists the withdrawn "sh" (Serbo-Croatian) and lacks the withdrawn "bh" (Bihari)
    assert ISO_639_1 - {"bh"} == babel_languages - {"sh"}
    # babel adds user-assigned and reserved codes (XK, EU, UN, ...): ours must all be in it
    assert ISO_3166_1 <= babel_territories
    assert not {"XK", "EU", "UN", "ZZ"} & ISO_3166_1


# --- the shipped starter list (loaded and validated only, never crawled) ------------------------


@pytest.fixture(scope="module")
def starter_sources() -> list[Source]:
    return load_sources(STARTER_LIST)


def test_starter_list_loads_with_enough_real_sources(starter_sources):
    assert len(enabled_sources(starter_sources)) >= 22


def test_starter_list_covers_english_and_russian(starter_sources):
    languages = {s.language for s in enabled_sources(starter_sources)}
    assert {"en", "ru"} <= languages


def test_starter_list_uses_https_network_urls_only(starter_sources):
    for source in starter_sources:
        for url in (*source.feeds, *source.sitemaps, *([source.homepage] if source.homepage else [])):
            assert url.startswith("https://"), f"{source.name}: {url}"


def test_starter_list_names_the_required_outlets(starter_sources):
    names = {s.name for s in starter_sources}
    for required in (
        "RFE/RL", "Radio Svoboda", "Radio Azattyq", "Radio Azattyk", "Radio Ozodi", "Radio Ozodlik",
        "Current Time", "OVD-Info", "Mediazona", "Meduza", "Eurasianet", "Vlast.kz",
        "Novaya Gazeta Europe", "Human Rights Watch", "Amnesty International",
    ):
        assert required in names


def test_every_starter_source_says_where_its_urls_came_from():
    # Each [[source]] table carries a provenance comment, so a dead URL can be traced and fixed.
    text = STARTER_LIST.read_text(encoding="utf-8")
    tables = re.split(r"^\[\[source\]\]$", text, flags=re.MULTILINE)[1:]
    assert len(tables) == len(load_sources(STARTER_LIST))
    for table in tables:
        name_line = next(line for line in table.splitlines() if line.startswith("name"))
        assert "\n#" in table, f"no provenance comment for {name_line}"

"""Check the rendered demo site: feeds and sitemaps parse, every link they hold is a file,
every article page carries the metadata the extractor reads (and no listing or wall page
does), and the expected files agree.

Run: `python data/demo/authoring/check_site.py` (feedparser is used when installed).
Prints a summary and exits 1 with the list of problems when something is wrong.
"""
from __future__ import annotations

import json
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

DEMO = Path(__file__).resolve().parent.parent
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
REQUIRED_META = ("<title>", 'name="description"', 'property="og:title"', 'property="article:published_time"')


def file_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def resolve(relative_file_url: str) -> str:
    return urljoin(DEMO.as_uri() + "/", relative_file_url.removeprefix("file:"))


def feed_links(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        return [item.findtext("link") for item in root.iter("item")]
    if root.tag == f"{ATOM_NS}feed":
        return [entry.find(f"{ATOM_NS}link").get("href") for entry in root.iter(f"{ATOM_NS}entry")]
    raise ValueError(f"{path}: not RSS or Atom")


def check_feedparser(path: Path, problems: list[str]) -> None:
    try:
        import feedparser
    except ImportError:
        return
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        problems.append(f"{path.name}: feedparser: {parsed.bozo_exception}")
    if not parsed.entries:
        problems.append(f"{path.name}: feedparser found no entries")


def sitemap_links(path: Path, problems: list[str]) -> list[str]:
    root = ET.parse(path).getroot()
    base = path.as_uri()
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        links = []
        for loc in root.iter(f"{SITEMAP_NS}loc"):
            links += sitemap_links(file_path(urljoin(base, loc.text.strip())), problems)
        return links
    links = []
    for url in root.iter(f"{SITEMAP_NS}url"):
        loc = url.findtext(f"{SITEMAP_NS}loc").strip()
        if url.find(f"{SITEMAP_NS}lastmod") is None or url.find(f".//{NEWS_NS}publication_date") is None:
            problems.append(f"{path.name}: {loc} lacks lastmod or news:publication_date")
        links.append(urljoin(base, loc))
    return links


def discovered_pages(problems: list[str]) -> list[Path]:
    sources = tomllib.loads((DEMO / "sources.toml").read_text(encoding="utf-8"))["source"]
    pages = []
    for source in sources:
        try:
            for feed in source["feeds"]:
                path = file_path(resolve(feed))
                check_feedparser(path, problems)
                pages += [file_path(urljoin(path.as_uri(), link)) for link in feed_links(path)]
            for sitemap in source["sitemaps"]:
                pages += [file_path(link) for link in sitemap_links(file_path(resolve(sitemap)), problems)]
        except (ET.ParseError, OSError, ValueError) as exc:
            problems.append(f"{source['name']}: {exc}")
    return pages


ARTICLE_KINDS = {"case", "group_deportation", "ordinary"}


def check_pages(pages: list[Path], problems: list[str]) -> None:
    kinds = {k: v["kind"] for k, v in json.loads((DEMO / "expected_pages.json").read_text(encoding="utf-8")).items()}
    for page in pages:
        if not page.is_file():
            problems.append(f"linked page missing: {page}")
            continue
        html = page.read_text(encoding="utf-8")
        is_article = kinds.get(str(page.relative_to(DEMO))) in ARTICLE_KINDS
        if not is_article and "article:published_time" in html:
            problems.append(f"{page.name}: a non-article page declares article:published_time")
        missing = [m for m in REQUIRED_META if m not in html] if is_article else []
        if missing:
            problems.append(f"{page.name}: missing {missing}")
        if not re.search(r'<html lang="(en|ru)"', html):
            problems.append(f"{page.name}: no <html lang>")
    on_disk = set(DEMO.glob("*/*/*.html"))
    for orphan in sorted(on_disk - set(pages)):
        problems.append(f"page not linked from any feed or sitemap: {orphan.relative_to(DEMO)}")


def check_expected(pages: list[Path], problems: list[str]) -> dict[str, int]:
    expected_pages = json.loads((DEMO / "expected_pages.json").read_text(encoding="utf-8"))
    linked = {str(p.relative_to(DEMO)) for p in pages if p.is_file()}
    if set(expected_pages) != linked:
        problems.append(f"expected_pages.json differs from the linked pages: {sorted(set(expected_pages) ^ linked)}")
    cases = json.loads((DEMO / "expected_cases.json").read_text(encoding="utf-8"))
    for case in cases:
        timeline_stages = {entry["stage"] for entry in case["timeline"]}
        if not set(case["stages"]) <= timeline_stages <= set(case["stages"]) | set(case["optional_stages"]):
            problems.append(f"{case['person']}: stages, optional_stages and timeline disagree")
        for entry in case["timeline"]:
            stray = set(entry["articles"]) - set(case["articles"])
            if stray:
                problems.append(f"{case['person']}: timeline pages not in its articles: {sorted(stray)}")
        for article in case["articles"]:
            if case["person"] not in expected_pages.get(article, {}).get("people", []):
                problems.append(f"{case['person']}: {article} not listed for this person in expected_pages.json")
    kinds: dict[str, int] = {}
    for entry in expected_pages.values():
        kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
    kinds["cases"] = len(cases)
    return kinds


def main() -> int:
    problems: list[str] = []
    pages = discovered_pages(problems)
    check_pages(pages, problems)
    counts = check_expected(pages, problems)
    print(f"{len(pages)} pages linked from feeds and sitemaps; " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

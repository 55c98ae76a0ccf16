"""Rendering: Telegram's HTML subset under 4,096 characters, email text + HTML, and what each alert says."""
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from alerts import outbox, render
from alerts.compose import compose
from alerts.message import AlertMessage, Source, StageNews
from tests.support.alert_cases import AT, add_article, add_case, add_person, change, new_store

TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "span", "tg-spoiler"}


def message(**overrides) -> AlertMessage:
    fields = dict(
        case_id=7, kind="escalation", person="Yulia Yemelyanova", latin_names=("Yulia Yemelyanova", "Yulia Emelyanova"),
        cyrillic_names=("Юлия Емельянова",), host="Kazakhstan (KZ)", destination="Russia (RU)",
        stage="extradition_ordered", previous_stage="detained",
        news=(StageNews("extradition_ordered", "detained", "escalation", "2025-03-02", "The court ordered it."),),
        event_date="2025-03-02", evidence="Kazakhstan's Prosecutor General's Office approved the extradition.",
        sources=(Source("Steppe Herald", "https://steppe.example/a?x=1&y=2"), Source("Tianshan Vestnik", "https://tv.example/b")),
        source_count=2, non_refoulement=False, alert_ids=(1,),
    )
    return AlertMessage(**{**fields, **overrides})


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.open = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"unbalanced </{tag}>"
        self.open.pop()


def tags_of(html_text):
    collector = TagCollector()
    collector.feed(html_text)
    collector.close()
    assert collector.open == []
    return collector.tags


def test_telegram_says_everything_a_monitor_needs():
    text = render.telegram_html(message())
    for expected in ("Yulia Yemelyanova", "Yulia Emelyanova", "Юлия Емельянова", "extradition ordered", "(was: detained)",
                     "Kazakhstan (KZ) → Russia (RU)", "2025-03-02", "Prosecutor General", "2 independent sources",
                     'href="https://steppe.example/a?x=1&amp;y=2"'):
        assert expected in text
    assert tags_of(text) <= TELEGRAM_TAGS
    assert "Non-refoulement" not in text


def test_telegram_escapes_names_and_evidence():
    text = render.telegram_html(message(person="Ivan <b>&amp; Co", evidence="He said <script>x</script> & left."))
    assert "Ivan &lt;b&gt;&amp;amp; Co" in text
    assert "&lt;script&gt;x&lt;/script&gt; &amp; left." in text
    assert tags_of(text) <= TELEGRAM_TAGS


def test_non_refoulement_flag_is_shown():
    for text in (render.telegram_html(message(non_refoulement=True)), render.plain_text(message(non_refoulement=True)),
                 render.email_html(message(non_refoulement=True))):
        assert "Non-refoulement" in text


@pytest.mark.parametrize("sources, evidence", [(300, 100), (3, 20_000), (300, 20_000)])
def test_telegram_stays_under_the_limit(sources, evidence):
    many = tuple(Source(f"Outlet {i}", f"https://outlet{i}.example/{'x' * 60}") for i in range(sources))
    msg = message(sources=many, source_count=sources, evidence="word " * (evidence // 5))
    text = render.telegram_html(msg)
    assert len(text) <= render.TELEGRAM_LIMIT
    assert "Yulia Yemelyanova" in text and "extradition ordered" in text
    assert tags_of(text) <= TELEGRAM_TAGS
    if sources > 3:
        assert "more)" in text  # says that links were left out


def test_absurdly_long_name_is_cut_without_breaking_markup():
    text = render.telegram_html(message(person="&" * 5000))
    assert len(text) <= render.TELEGRAM_LIMIT
    assert not re.search(r"&(?![a-z]+;)", text)  # every & is an entity


def test_email_has_subject_text_and_html():
    subject, text, html_text = render.email(message(kind="new_case", previous_stage=None))
    assert subject == "New case: Yulia Yemelyanova, extradition ordered"
    assert "Route: Kazakhstan (KZ) → Russia (RU)" in text and "https://tv.example/b" in text
    assert "<table>" in html_text and "Юлия Емельянова" in html_text and "(was:" not in html_text


def test_several_new_stages_are_listed():
    news = (StageNews("wanted", None, "new_case", "2025-01", None), StageNews("detained", "wanted", "escalation", "2025-02-11", "Held."))
    text = render.plain_text(message(kind="new_case", news=news, stage="detained", previous_stage=None))
    assert "New in this alert: wanted, detained" in text


def test_digest_lists_every_update():
    subject, text, html_text = render.digest([message(person="A One"), message(person="B Two")], day="2025-06-01")
    assert "2 update(s)" in subject and "A One" in text and "B Two" in html_text


def test_compose_reads_the_case_from_the_store(tmp_path):
    db = new_store(tmp_path / "exwatch.db")
    person = add_person(db, "Yulia Yemelyanova", "Юлия Емельянова")
    case = add_case(db, person, stage="detained")
    first = add_article(db, "a1", source="Steppe Herald", url="https://steppe.example/1")
    second = add_article(db, "a2", source="Tianshan Vestnik", url="https://tv.example/2")
    outbox.enqueue(db, change(db, case, first, "detained", new=True), run_id=1, at=AT)
    change(db, case, second, "asylum_sought")  # news, but not in this message
    outbox.enqueue(db, change(db, case, second, "extradition_ordered", evidence="The court approved it."), run_id=1, at=AT)
    rows = outbox.due(db, datetime(2025, 6, 2, tzinfo=timezone.utc))[case]
    msg = compose(db, case, rows)
    assert (msg.kind, msg.stage, msg.previous_stage) == ("new_case", "extradition_ordered", None)
    assert msg.stages == ("detained", "extradition_ordered")
    assert msg.cyrillic_names == ("Юлия Емельянова",) and msg.latin_names == ("Yulia Yemelyanova",)
    assert (msg.host, msg.destination) == ("Kazakhstan (KZ)", "Russia (RU)")
    assert msg.evidence == "The court approved it."
    assert msg.source_count == 2 and [s.url for s in msg.sources] == ["https://steppe.example/1", "https://tv.example/2"]
    assert msg.non_refoulement  # ordered while asylum is sought


def test_no_non_refoulement_flag_without_asylum(tmp_path):
    db = new_store(tmp_path / "exwatch.db")
    case = add_case(db, add_person(db, "Timur Sadykov"), stage="detained")
    article = add_article(db, "a1")
    outbox.enqueue(db, change(db, case, article, "transferred"), run_id=1, at=AT)
    msg = compose(db, case, outbox.rows(db))
    assert msg.kind == "escalation" and msg.previous_stage == "detained" and not msg.non_refoulement


def test_apprise_telegram_reducer_keeps_our_markup():
    """Apprise reduces HTML to what Telegram accepts before sending: ours must pass through unchanged."""
    from apprise.plugins.telegram import TelegramHTMLReducer

    text = render.telegram_html(message(person="A & <B>", non_refoulement=True))
    assert TelegramHTMLReducer().reduce(text).replace("\r\n", "\n") == text

"""Many runs of the real `exwatch run` over a local site, with a real receiver: what monitors get.

new case -> 1 alert; the same article again -> 0; another outlet's near-copy -> 0 (2 sources);
an escalation -> 1; a Russian article about the same person -> no new case, 0 alerts;
the receiver down -> exit 1, the alert is retried on the next run and delivered exactly once.
(A run killed between sending and marking is tested in test_alerts_delivery.py with a real crash.)
The articles are written for this test; the NLP must find the case in them.
"""
import sqlite3

import pytest

from tests.conftest import make_runner
from tests.support.pages import article_html, rss
from tests.support.receivers import JsonReceiver
from tests.support.site import LocalSite

pytestmark = pytest.mark.slow  # eight crawls with the NLP models: about a minute

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "EXWATCH_EXTRACT_WORKERS=0",
        "-s", "EXWATCH_RETRY_BACKOFF_BASE=0.05", "--retry-after", "0"]
ALERT_TITLES = ("New case:", "Escalation:", "Update:")

DETAINED = """ASTANA — Police in Astana on Tuesday detained Oleg Tarasov, a Russian journalist who moved to Kazakhstan in 2022, on a warrant issued in Russia, his lawyer said.

Tarasov, 44, who edited an independent news site in Omsk until it was blocked, was detained at his flat on March 4. He will remain in custody for 40 days while prosecutors study the case.

Russian investigators charged Tarasov in absentia last year with spreading "false information" about the army over articles on the war in Ukraine, and he was put on the federal wanted list.

His lawyer, Gulnara Seitova, said Tarasov had applied for asylum in Kazakhstan in January and that his claim was still pending. "A person whose asylum claim is pending cannot be sent back while it is being considered," she said.

The Interior Ministry confirmed that a Russian citizen wanted in his home country had been detained in the capital, but gave no further details. Rights groups have criticised Kazakhstan for returning Russians wanted in politically motivated cases."""

# Another outlet's lightly edited copy of the same report.
DETAINED_COPY = DETAINED.replace("ASTANA — ", "ASTANA (Caucasus Ledger) — ").replace(
    "his lawyer said.", "according to his lawyer."
) + "\n\nThis report draws on material first published by the Steppe Herald."

ORDERED = """ASTANA — Kazakhstan's Prosecutor General's Office has approved the extradition of Oleg Tarasov, a Russian journalist detained in Astana in March, to Russia, his lawyer said on Friday.

The decision to extradite Tarasov was taken on April 10, according to a letter from the prosecutors seen by the Herald. His lawyer, Gulnara Seitova, said the defence would appeal to the court.

Tarasov, 44, is wanted in Russia on charges of spreading "false information" about the army. His application for asylum in Kazakhstan was rejected in March, and an appeal against that refusal is still pending.

Rights groups urged the authorities to halt the extradition, saying Tarasov would face an unfair trial and a long prison term if returned."""

ORDERED_RU = """АСТАНА — Генеральная прокуратура Казахстана приняла решение об экстрадиции в Россию журналиста Олега Тарасова, сообщила его адвокат Гульнара Сеитова.

Решение о выдаче Тарасова было принято 10 апреля. Защита намерена обжаловать его в суде.

Олег Тарасов, 44 года, бывший редактор независимого сайта из Омска, был задержан в Астане в марте. В России его обвиняют в распространении «фейков» об армии.

Правозащитники призвали власти Казахстана не выдавать журналиста России."""

TRANSFERRED = """ASTANA — Kazakhstan has extradited Oleg Tarasov, a Russian journalist who had sought asylum in the country, to Russia, his lawyer said on Wednesday.

Tarasov was handed over to Russian officers at Astana airport on May 13 and flown to Moscow, according to his lawyer, Gulnara Seitova, who said she learned of the transfer only after the plane had left.

Tarasov, 44, is wanted in Russia on charges of spreading "false information" about the army. His appeal against the refusal of asylum had not yet been heard.

Rights groups condemned the extradition as a breach of Kazakhstan's obligations under the Refugee Convention."""


class Outlets:
    """Two English outlets and a Russian one on one local site; each step adds articles to their feeds."""

    def __init__(self, site: LocalSite):
        self.site = site
        self.items = {"steppe": [], "ledger": [], "vestnik": []}
        for outlet in self.items:
            self.publish(outlet)

    def add(self, outlet, path, title, body, *, published, lang="en", feed_path=None):
        self.site.add(path, article_html(title, body, lang=lang, published=published))
        self.items[outlet].append((title, self.site.url(feed_path or path)))
        self.publish(outlet)

    def publish(self, outlet):
        self.site.add(f"/{outlet}/feed.xml", rss(self.items[outlet]), content_type="application/rss+xml")

    def sources_toml(self) -> str:
        entries = [("Steppe Herald", "steppe", "en", "KZ"), ("Caucasus Ledger", "ledger", "en", "GE"),
                   ("Tianshan Vestnik", "vestnik", "ru", "KG")]
        return "\n".join(
            f'[[source]]\nname = "{name}"\nfeeds = ["{self.site.url(f"/{key}/feed.xml")}"]\n'
            f'language = "{lang}"\ncountry = "{country}"\n'
            for name, key, lang, country in entries
        )


def query(db_path, sql, params=()):
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


@pytest.fixture
def world(tmp_path):
    site = LocalSite().start()
    receiver = JsonReceiver().start()
    yield site, receiver, tmp_path
    receiver.stop()
    site.stop()


def test_alerts_over_many_runs(world):
    site, receiver, workdir = world
    outlets = Outlets(site)
    sources = workdir / "sources.toml"
    sources.write_text(outlets.sources_toml(), encoding="utf-8")
    db_path = workdir / "exwatch.db"
    exwatch = make_runner(workdir)

    def run(expect_exit=0):
        result = exwatch("run", "--db", db_path, "--sources", sources, "--notify", receiver.url(), *FAST)
        assert result.returncode == expect_exit, result.stdout + result.stderr
        return result

    def alerts():
        return [p for p in receiver.posts if p["title"].startswith(ALERT_TITLES)]

    # 1. A new case: one alert, carrying every stage the first article reports.
    outlets.add("steppe", "/steppe/tarasov-detained.html", "Russian journalist detained in Astana", DETAINED,
                published="2025-03-05")
    first = run()
    assert "1 sent" in first.stdout
    [new_case] = alerts()
    assert new_case["title"] == "New case: Oleg Tarasov, detained"
    for expected in ("Kazakhstan (KZ) → Russia (RU)", "Date: 2025-03-04", site.url("/steppe/tarasov-detained.html"),
                     "1 independent source", "New in this alert: wanted, detained, asylum sought"):
        assert expected in new_case["message"], new_case["message"]
    [evidence] = [line.strip('"') for line in new_case["message"].splitlines() if line.startswith('"')]
    assert "detained" in evidence and evidence in DETAINED  # one sentence of the article
    [case] = query(db_path, "select * from cases")
    assert (case["host_country"], case["destination_country"], case["stage"]) == ("KZ", "RU", "detained")

    # 2. The same article again (another link to it, with tracking parameters): nothing.
    outlets.items["steppe"].append(("Again", site.url("/steppe/tarasov-detained.html?utm_source=rss")))
    outlets.publish("steppe")
    run()
    assert len(alerts()) == 1

    # 3. Another outlet's near-copy: no alert, but the case now has two independent sources.
    outlets.add("ledger", "/ledger/journalist-held.html", "Russian journalist held in Astana", DETAINED_COPY,
                published="2025-03-06")
    run()
    assert len(alerts()) == 1
    assert query(db_path, "select source_count from cases where id = ?", [case["id"]])[0]["source_count"] == 2
    assert len(query(db_path, "select * from cases")) == 1

    # 4. An escalation: one alert, with the previous stage and the non-refoulement flag (asylum pending).
    outlets.add("steppe", "/steppe/tarasov-extradition-approved.html", "Kazakhstan approves Tarasov extradition",
                ORDERED, published="2025-04-11")
    run()
    assert len(alerts()) == 2
    escalation = alerts()[-1]
    assert escalation["title"] == "Escalation: Oleg Tarasov, extradition ordered"
    assert "(was: detained)" in escalation["message"] and "Non-refoulement" in escalation["message"]
    assert "2 independent sources" in escalation["message"]

    # 5. A Russian article about the same person and stage: no new case, no alert, one more spelling.
    outlets.add("vestnik", "/vestnik/tarasov-vydacha.html", "Казахстан одобрил экстрадицию Олега Тарасова",
                ORDERED_RU, published="2025-04-12", lang="ru")
    run()
    assert len(alerts()) == 2
    assert len(query(db_path, "select * from cases")) == 1
    spellings = {r["alias"] for r in query(db_path, "select alias from aliases where person_id = ?", [case["person_id"]])}
    assert "Олег Тарасов" in spellings

    # 6. The receiver is down when the next escalation comes: the run exits 1, the alert waits.
    receiver.status = 503
    outlets.add("steppe", "/steppe/tarasov-handed-over.html", "Kazakhstan hands Tarasov over to Russia", TRANSFERRED,
                published="2025-05-14")
    down = run(expect_exit=1)
    assert "1 failed" in down.stdout and len(alerts()) == 2
    [failed] = query(db_path, "select * from alerts where stage = 'transferred'")
    assert failed["status"] == "failed" and failed["attempts"] == 1 and "503" in failed["last_error"]

    # 7. Back up: the next run delivers it, exactly once; a further run sends nothing.
    receiver.status = 200
    run()
    run()
    transferred = [p for p in alerts() if "transferred" in p["title"]]
    assert len(transferred) == 1 and len(alerts()) == 3
    assert transferred[0]["title"] == "Escalation: Oleg Tarasov, transferred"
    assert {r["status"] for r in query(db_path, "select status from alerts")} == {"sent"}


def test_dry_run_renders_and_no_notifier_keeps_alerts_pending(world):
    site, receiver, workdir = world
    outlets = Outlets(site)
    sources = workdir / "sources.toml"
    sources.write_text(outlets.sources_toml(), encoding="utf-8")
    db_path = workdir / "exwatch.db"
    exwatch = make_runner(workdir)
    outlets.add("steppe", "/steppe/tarasov-detained.html", "Russian journalist detained in Astana", DETAINED,
                published="2025-03-05")

    dry = exwatch("run", "--db", db_path, "--sources", sources, "--notify", receiver.url(), "--dry-run", *FAST)
    assert dry.returncode == 0, dry.stderr
    assert "--- would send (new_case) ---" in dry.stdout and "New case: Oleg Tarasov, detained" in dry.stdout
    assert "1 message(s) rendered, none sent (--dry-run)" in dry.stdout
    assert receiver.posts == []

    quiet = exwatch("run", "--db", db_path, "--sources", sources, *FAST)
    assert quiet.returncode == 0 and "alerts: 1 pending (no notifier configured" in quiet.stdout
    assert {r["status"] for r in query(db_path, "select status from alerts")} == {"pending"}

    sent = exwatch("alerts", "send", "--db", db_path, env={"EXWATCH_NOTIFY": receiver.url()})
    assert sent.returncode == 0 and "1 sent" in sent.stdout
    assert [p["title"] for p in receiver.posts if p["title"].startswith(ALERT_TITLES)] == ["New case: Oleg Tarasov, detained"]

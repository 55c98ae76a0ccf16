"""`exwatch alerts list|preview|send|retry` and the alert options of `exwatch run`."""
import json

import pytest
from click.testing import CliRunner

from alerts import outbox
from exwatch.cli import cli
from tests.support.alert_cases import AT, add_article, add_case, add_person, change, new_store
from tests.support.receivers import JsonReceiver


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "exwatch.db"
    db = new_store(path)
    case = add_case(db, add_person(db, "Yulia Yemelyanova", "Юлия Емельянова"), stage="wanted")
    article = add_article(db, "a1", url="https://steppe.example/yemelyanova")
    outbox.enqueue(db, change(db, case, article, "wanted", new=True), run_id=1, at=AT)
    outbox.enqueue(db, change(db, case, article, "extradition_ordered"), run_id=1, at=AT)
    db.close()
    return path


def invoke(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def statuses(db_path):
    db = new_store(db_path)
    found = [r["status"] for r in outbox.rows(db)]
    db.close()
    return found


def test_list_shows_the_outbox(db_path):
    result = invoke("alerts", "list", "--db", db_path, "--json")
    rows = json.loads(result.output)
    assert [(r["person"], r["stage"], r["kind"], r["status"]) for r in rows] == [
        ("Yulia Yemelyanova", "extradition_ordered", "escalation", "pending"),
        ("Yulia Yemelyanova", "wanted", "new_case", "pending"),
    ]
    assert "extradition_ordered" in invoke("alerts", "list", "--db", db_path).output
    assert json.loads(invoke("alerts", "list", "--db", db_path, "--status", "sent", "--json").output) == []


def test_preview_renders_without_sending(db_path):
    result = invoke("alerts", "preview", "--db", db_path, "--format", "telegram")
    assert result.exit_code == 0
    assert "<b>Yulia Yemelyanova (Юлия Емельянова)</b>" in result.output
    assert statuses(db_path) == ["pending", "pending"]


def test_send_delivers_then_nothing_is_due(db_path, receiver):
    result = invoke("alerts", "send", "--db", db_path, "--notify", receiver.url())
    assert result.exit_code == 0, result.output
    assert "1 sent, 0 failed" in result.output
    assert [p["title"] for p in receiver.posts] == ["New case: Yulia Yemelyanova, extradition ordered"]
    assert statuses(db_path) == ["sent", "sent"]
    assert "0 sent" in invoke("alerts", "send", "--db", db_path, "--notify", receiver.url()).output
    assert len(receiver.posts) == 1


def test_send_reads_several_urls_from_the_environment(db_path, receiver):
    second = JsonReceiver().start()
    try:
        env = {"EXWATCH_NOTIFY": f"{receiver.url()}, {second.url()}"}
        assert invoke("alerts", "send", "--db", db_path, env=env).exit_code == 0
        assert (len(receiver.posts), len(second.posts)) == (1, 1)
    finally:
        second.stop()


def test_failed_delivery_exits_1_and_retry_requeues(db_path, receiver):
    receiver.status = 500
    result = invoke("alerts", "send", "--db", db_path, "--notify", receiver.url(), "--max-attempts", "1")
    assert result.exit_code == 1 and "1 dead" in result.output
    assert statuses(db_path) == ["dead", "dead"]
    result = invoke("alerts", "retry", "--db", db_path)
    assert "2 alert(s) queued again" in result.output and statuses(db_path) == ["pending", "pending"]
    receiver.status = 200
    assert invoke("alerts", "send", "--db", db_path, "--notify", receiver.url()).exit_code == 0
    assert len(receiver.posts) == 1


@pytest.mark.parametrize("args", [["--notify", "notaservice://abc"], []])
def test_send_without_a_usable_notifier_exits_2(db_path, args):
    result = invoke("alerts", "send", "--db", db_path, *args)
    assert result.exit_code == 2
    assert statuses(db_path) == ["pending", "pending"]


def test_run_with_a_bad_notifier_fails_before_crawling(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "X"\nfeeds = ["http://127.0.0.1:9/feed"]\nlanguage = "en"\n', encoding="utf-8")
    db_path = tmp_path / "exwatch.db"
    token = "S3cretBotTok3n"
    result = invoke("run", "--db", db_path, "--sources", sources, "--notify", f"notaservice://{token}")
    assert result.exit_code == 2
    assert "notaservice://***" in result.output and token not in result.output
    assert not db_path.exists()  # nothing was crawled


def test_run_with_a_config_lacking_a_tag_fails_before_crawling(tmp_path, receiver):
    config = tmp_path / "apprise.yml"
    config.write_text(f"urls:\n  - {receiver.url()}:\n    - tag: escalation\n", encoding="utf-8")
    result = invoke("run", "--db", tmp_path / "x.db", "--sources", tmp_path / "none.toml", "--apprise-config", config)
    assert result.exit_code == 2 and "new_case" in result.output

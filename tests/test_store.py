"""The SQLite store: migrations, WAL, duplicates, FTS, a locked database."""
import sqlite3

import pytest
from sqlite_utils import Database

from exwatch.store import articles, open_db
from exwatch.store.db import StoreError, pending_migrations
from exwatch.store.migrations import migrations


def make_article(**fields) -> articles.StoredArticle:
    defaults = dict(
        id="a1", url="https://outlet.example/news/1", source="Outlet", title="Activist detained in Almaty",
        text="Police in Almaty detained an activist wanted by Moscow.", authors=["A. Writer"],
        published="2025-03-04", modified=None, language="en", fetched_at="2025-03-04T10:00:00+00:00",
    )
    return articles.StoredArticle(**{**defaults, **fields})


def test_fresh_database_is_migrated_and_in_wal_mode(tmp_path):
    db = open_db(tmp_path / "x.db")
    assert pending_migrations(db) == []
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert {"sources", "feeds", "runs", "articles", "article_urls", "duplicates", "people", "aliases", "events",
            "page_outcomes"} <= set(db.table_names())
    assert "articles_fts" in db.table_names()


def test_migration_from_an_older_schema_keeps_the_data(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    # A database made by the first release: only the first migration, with a run in it.
    migrations.apply(old, stop_before="m002_articles")
    old["runs"].insert({"started": "2025-01-01T00:00:00+00:00", "status": "ok"})
    assert "articles" not in old.table_names()
    old.conn.close()

    db = open_db(path)

    assert pending_migrations(db) == []
    assert db.execute("select status from runs").fetchall() == [("ok",)]
    db["sources"].insert({"name": "Outlet"})
    articles.insert_article(db, make_article())
    assert db.execute("select count(*) from articles").fetchone()[0] == 1


def test_article_is_found_by_every_url_it_was_reached_by(tmp_path):
    db = open_db(tmp_path / "x.db")
    db["sources"].insert({"name": "Outlet"})
    articles.insert_article(db, make_article(), also_reached_by=("https://outlet.example/old?utm_source=x",))
    assert articles.article_id_for_url(db, "https://outlet.example/news/1#comments") == "a1"
    assert articles.article_id_for_url(db, "https://OUTLET.example/old") == "a1"
    assert articles.article_id_for_text(db, "police in almaty   detained an activist wanted by Moscow.") == "a1"


def test_full_text_search_finds_title_and_text(tmp_path):
    db = open_db(tmp_path / "x.db")
    db["sources"].insert({"name": "Outlet"})
    articles.insert_article(db, make_article())
    articles.insert_article(db, make_article(id="a2", url="https://outlet.example/2", title="Weather", text="Sunny."))
    [hit] = articles.search(db, "activist Moscow")
    assert hit["id"] == "a1" and "[" in hit["snippet"]
    assert articles.search(db, 'quotes " and (brackets') == []  # user input is quoted, never an FTS syntax error


def test_raw_full_text_search_takes_operators_and_prefixes(tmp_path):
    db = open_db(tmp_path / "x.db")
    db["sources"].insert({"name": "Outlet"})
    articles.insert_article(db, make_article())
    articles.insert_article(db, make_article(id="a2", url="https://outlet.example/2", title="Суд",
                                             text="Суд отказал в экстрадиции активиста."))
    assert articles.search(db, "Moscow OR экстрадиц*") == []  # words, all required
    assert {h["id"] for h in articles.search(db, "Moscow OR экстрадиц*", raw=True)} == {"a1", "a2"}
    with pytest.raises(articles.BadSearchQuery, match="not a valid full-text query"):
        articles.search(db, "Moscow OR (", raw=True)


def test_locked_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "fresh.db"
    holder = sqlite3.connect(path)
    holder.execute("create table t (x)")
    holder.execute("begin exclusive")
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            open_db(path, busy_timeout_ms=100)  # the migrations need the write lock
    finally:
        holder.rollback()
        holder.close()


def test_garbage_file_is_not_a_database(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        open_db(path)

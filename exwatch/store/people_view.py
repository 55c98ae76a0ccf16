"""Read-only views of people for analysts: the list, and one person in full."""
from __future__ import annotations

from sqlite_utils import Database

from exwatch.store.people_edits import get_person


def list_people(db: Database, *, name: str | None = None, with_cases: bool = False) -> list[dict]:
    """People with their number of cases and every spelling, those with most cases first."""
    where, params = ["1"], []
    if name:
        where.append("p.id in (select person_id from aliases where alias like ? or normalized like ?)")
        params += [f"%{name}%", f"%{name.casefold()}%"]
    if with_cases:
        where.append("exists (select 1 from cases c where c.person_id = p.id)")
    return _rows(
        db,
        f"""select p.id, p.name,
                   (select count(*) from cases c where c.person_id = p.id and c.status != 'merged') as cases,
                   (select group_concat(alias, ' | ') from aliases a where a.person_id = p.id) as aliases
            from people p where {' and '.join(where)}
            order by cases desc, p.id""",
        params,
    )


def person_details(db: Database, person_id: int) -> dict:
    person = get_person(db, person_id)
    return {
        **person,
        "aliases": _rows(db, "select alias, script, origin from aliases where person_id = ? order by script, alias", [person_id]),
        "cases": _rows(
            db,
            """select id, host_country, destination_country, stage, status, event_count, source_count, updated_at
               from cases where person_id = ? and status != 'merged' order by id""",
            [person_id],
        ),
        "mentions": _rows(
            db,
            """select m.article_id, m.name, m.role, a.source, a.published, a.url
               from mentions m join articles a on a.id = m.article_id
               where m.person_id = ? order by a.published, a.id""",
            [person_id],
        ),
    }


def _rows(db: Database, sql: str, params) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]

"""Where the help desk keeps its events, snapshots and escalations: SQLite (embedded, the
default) or PostgreSQL (a ``postgresql://`` URL, through psycopg).

Three tables: ``events`` (every event applied, in arrival order: the audit trail), ``snapshots``
(one JSON document per case, with its next wake-up) and ``escalations`` (what the rules asked
for, and whether the host carried it out).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

# An event or an escalation, as a dict of kesher's JSON contract.
Event = Dict[str, Any]

SQLITE_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS events (n INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS events_case ON events (case_id, n)",
    "CREATE TABLE IF NOT EXISTS snapshots (case_id TEXT PRIMARY KEY, body TEXT NOT NULL, wake_at TEXT, next_seq INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS escalations (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, body TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)",
)

POSTGRES_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS events (n BIGSERIAL PRIMARY KEY, case_id TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS events_case ON events (case_id, n)",
    "CREATE TABLE IF NOT EXISTS snapshots (case_id TEXT PRIMARY KEY, body TEXT NOT NULL, wake_at TEXT, next_seq BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS escalations (id BIGSERIAL PRIMARY KEY, case_id TEXT NOT NULL, body TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)",
)

# Escalations recorded in a case are numbered from here, far above the seq of any source event.
FIRST_ESCALATION_SEQ = 1_000_000_000


class Store:
    """A database connection with the help desk's three tables. ``url``: ``None`` or
    ``":memory:"`` (an in-memory SQLite database), a file path or ``sqlite:///path``, or a
    ``postgresql://`` URL."""

    def __init__(self, url: Optional[str] = None) -> None:
        url = url or ":memory:"
        if url.startswith(("postgresql://", "postgres://")):
            try:
                import psycopg
            except ImportError as e:  # pragma: no cover - depends on the machine
                raise RuntimeError("a PostgreSQL URL needs psycopg: pip install 'psycopg[binary]'") from e
            self.db: Any = psycopg.connect(url)
            self.kind = "postgresql"
            schema: Sequence[str] = POSTGRES_SCHEMA
        else:
            path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
            self.db = sqlite3.connect(path)
            self.kind = "sqlite"
            schema = SQLITE_SCHEMA
        for statement in schema:
            self._run(statement)
        self.db.commit()

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.kind == "postgresql" else statement

    def _run(self, statement: str, args: Sequence[Any] = ()) -> Any:
        cursor = self.db.cursor()
        cursor.execute(self._sql(statement), tuple(args))
        return cursor

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    # events ------------------------------------------------------------------------------

    def append_events(self, case_id: str, events: Iterable[Event]) -> None:
        for event in events:
            self._run("INSERT INTO events (case_id, body) VALUES (?, ?)", (case_id, json.dumps(event)))

    def events(self, case_id: str) -> List[Event]:
        rows = self._run("SELECT body FROM events WHERE case_id = ? ORDER BY n", (case_id,)).fetchall()
        return [json.loads(body) for (body,) in rows]

    def case_ids(self) -> List[str]:
        return [c for (c,) in self._run("SELECT case_id FROM snapshots ORDER BY case_id").fetchall()]

    # snapshots ---------------------------------------------------------------------------

    def snapshot(self, case_id: str) -> Optional[Tuple[str, int]]:
        """The case's snapshot text and the seq its next recorded escalation takes, or None."""
        row = self._run("SELECT body, next_seq FROM snapshots WHERE case_id = ?", (case_id,)).fetchone()
        return (row[0], int(row[1])) if row else None

    def save_snapshot(self, case_id: str, body: str, wake_at: Optional[str], next_seq: int) -> None:
        self._run(
            "INSERT INTO snapshots (case_id, body, wake_at, next_seq) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (case_id) DO UPDATE SET body = excluded.body, wake_at = excluded.wake_at, "
            "next_seq = excluded.next_seq",
            (case_id, body, wake_at, next_seq),
        )

    def wake_ups(self) -> Iterator[Tuple[str, str]]:
        """Every case with a wake-up: ``(case_id, RFC 3339 instant)``."""
        for case_id, at in self._run("SELECT case_id, wake_at FROM snapshots WHERE wake_at IS NOT NULL").fetchall():
            yield str(case_id), str(at)

    # escalations -------------------------------------------------------------------------

    def add_escalation(self, escalation: Event) -> int:
        if self.kind == "postgresql":
            cursor = self._run(
                "INSERT INTO escalations (case_id, body) VALUES (?, ?) RETURNING id",
                (escalation["case_id"], json.dumps(escalation)),
            )
            return int(cursor.fetchone()[0])
        cursor = self._run(
            "INSERT INTO escalations (case_id, body) VALUES (?, ?)", (escalation["case_id"], json.dumps(escalation))
        )
        return int(cursor.lastrowid)

    def escalation(self, escalation_id: int) -> Optional[Tuple[Event, bool]]:
        row = self._run("SELECT body, done FROM escalations WHERE id = ?", (escalation_id,)).fetchone()
        return (json.loads(row[0]), bool(row[1])) if row else None

    def mark_done(self, escalation_id: int) -> None:
        self._run("UPDATE escalations SET done = 1 WHERE id = ?", (escalation_id,))

    def pending(self) -> List[Tuple[int, Event]]:
        rows = self._run("SELECT id, body FROM escalations WHERE done = 0 ORDER BY id").fetchall()
        return [(int(i), json.loads(body)) for (i, body) in rows]

"""End to end: real support data replayed through the example help desk (SQLite on disk), event
by event with the wake-ups in between, equals a batch evaluation of the same events."""

from __future__ import annotations

import json
import pathlib
import sqlite3
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parents[1]
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import kesher  # noqa: E402

from kesher_crm import HelpDesk, batch_states, instant, replay  # noqa: E402

CONTRACTS = (HERE / "contracts.json").read_text()
RULES = (HERE / "rules.json").read_text()
SAMPLES = [
    # IBM's Twitter customer-care conversations (647 events, 200 cases; examples/data/README.md).
    (ROOT / "examples/data/ibm-twitter-care-dev200.jsonl", None),
    # Customer Support on Twitter, 93 tweets (tests/data/README.md).
    (ROOT / "tests/data/twcs-sample.csv", None),
    # NYC 311 service requests, 300 rows, one per request (tests/data/README.md).
    (ROOT / "tests/data/nyc311-first300.csv", "nyc311"),
]


def desk_at(path: pathlib.Path, **kw) -> HelpDesk:
    return HelpDesk(CONTRACTS, RULES, store=str(path), auto_confirm=True, **kw)


def assert_equals_batch(desk: HelpDesk, now) -> int:
    expected = batch_states(desk, now)
    assert expected, "no case was stored"
    for case_id, batch in expected.items():
        stored = desk.store.snapshot(case_id)
        assert stored is not None
        live = kesher.LiveCase.from_snapshot(stored[0])
        assert live.case == batch["case"], case_id
        assert desk.where(case_id)["targets"] == batch["targets"], case_id
    return len(expected)


@pytest.mark.parametrize("sample,fmt", SAMPLES, ids=[p.name for p, _ in SAMPLES])
def test_a_real_sample_replayed_live_equals_the_batch(tmp_path, sample, fmt):
    events, summary = kesher.read_events(sample, format=fmt)
    assert summary["read"] == summary["accepted"] + summary["rejected"]
    desk = desk_at(tmp_path / "desk.sqlite3")
    counts = replay(desk, events)
    assert counts["applied"] == len(events)
    assert counts["woken"] > 0 and counts["escalations"] > 0
    cases = assert_equals_batch(desk, counts["until"])
    assert cases == len({e["case_id"] for e in events})
    # Every escalation carried out is in its case's history, and explains itself.
    db = sqlite3.connect(tmp_path / "desk.sqlite3")
    (done,) = db.execute("SELECT count(*) FROM escalations WHERE done = 1").fetchone()
    assert done == counts["escalations"]
    recorded = db.execute("SELECT body FROM events").fetchall()
    rules = {json.loads(b).get("metadata", {}).get("escalation_rule") for (b,) in recorded}
    assert rules - {None}, "no escalation recorded as an event"


def test_a_restarted_desk_resumes_from_its_database(tmp_path):
    events, _ = kesher.read_events(SAMPLES[0][0])
    ordered = sorted(events, key=lambda e: instant(e["at"]))
    half = len(ordered) // 2
    one_run = desk_at(tmp_path / "one.sqlite3")
    whole = replay(one_run, ordered)
    first = desk_at(tmp_path / "two.sqlite3")
    replay(first, ordered[:half], until=instant(ordered[half - 1]["at"]))
    first.store.close()
    second = desk_at(tmp_path / "two.sqlite3")  # a new process: schedule rebuilt from snapshots
    assert len(second.schedule) > 0
    replay(second, ordered[half:])
    for case_id in one_run.case_ids():
        assert second.where(case_id) == one_run.where(case_id), case_id
    assert_equals_batch(second, whole["until"])


def test_a_host_confirms_escalations_and_reads_where_a_case_stands(tmp_path):
    desk = HelpDesk(CONTRACTS, RULES, store=str(tmp_path / "desk.sqlite3"), lang="he")
    tweet = {"type": "opened", "case_id": "T-1", "at": "2025-01-06T14:00:00Z", "customer": {"id": "c"},
             "channel": "twitter"}
    complaint = {"type": "interaction", "case_id": "T-1", "seq": 1, "id": "t1", "customer_id": "c",
                 "at": "2025-01-06T14:00:00Z", "channel": "twitter", "direction": "inbound",
                 "actor": {"type": "customer"}, "kind": "message", "text": "@shop worst service ever, refund me now"}
    desk.receive(tweet, instant(tweet["at"]))
    out = desk.receive(complaint, instant(complaint["at"]))
    assert [e["action"]["do"] for e in out["escalations"]] == ["assign_team", "acknowledge"]
    assert any("\u05d0" <= ch <= "\u05ea" for ch in out["escalations"][1]["message"])
    assert [p["id"] for p in desk.pending()] == [e["id"] for e in out["escalations"]]
    before = desk.where("T-1")
    assert before["team"] is None and before["status"] == "received"
    for e in out["escalations"]:
        desk.confirm(e["id"])
    with pytest.raises(ValueError):
        desk.confirm(out["escalations"][0]["id"])
    after = desk.where("T-1")
    assert after["team"] == "social" and desk.pending() == []
    # The acknowledgement went to the customer and is in the audit trail with its rule; an
    # automatic acknowledgement is not a first response, whose clock keeps running.
    acks = [e for e in desk.history("T-1") if e.get("kind") == "acknowledgement"]
    assert len(acks) == 1 and acks[0]["metadata"]["escalation_rule"] == "public complaint"
    assert acks[0]["text"] == out["escalations"][1]["message"]
    assert {t["metric"]: t["state"] for t in after["targets"]}["first_response"] == "running"
    # Where a case stands comes from its snapshot alone: the history can be archived.
    desk.store._run("DELETE FROM events")
    assert desk.where("T-1") == after
    # Bad input is refused by kesher, naming the field, and nothing is stored.
    with pytest.raises(kesher.KesherError) as e:
        desk.receive({**complaint, "seq": 2, "id": "t2", "channel": "tweeter"}, instant("2025-01-06T14:05:00Z"))
    assert e.value.field == "channel"
    with pytest.raises(kesher.KesherError) as e:
        desk.receive({"type": "opened", "at": "2025-01-06T14:06:00Z"}, instant("2025-01-06T14:06:00Z"))
    assert e.value.field in {"case_id", "customer", "channel"}


def test_the_same_desk_on_postgresql(postgres_url, tmp_path):
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:
        for table in ("events", "snapshots", "escalations"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
    events, _ = kesher.read_events(SAMPLES[0][0])
    on_pg = HelpDesk(CONTRACTS, RULES, store=postgres_url, auto_confirm=True)
    assert on_pg.store.kind == "postgresql"
    counts = replay(on_pg, events)
    assert assert_equals_batch(on_pg, counts["until"]) == 200
    on_sqlite = desk_at(tmp_path / "desk.sqlite3")
    assert replay(on_sqlite, events) == counts
    for case_id in on_sqlite.case_ids():
        assert on_pg.where(case_id) == on_sqlite.where(case_id), case_id
    on_pg.store.close()
    resumed = HelpDesk(CONTRACTS, RULES, store=postgres_url)
    assert len(resumed.schedule) == len(on_sqlite.schedule)

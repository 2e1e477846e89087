"""Arrow data in and out (issue 21, item 6): events read column by column from pyarrow and polars,
case states out as an Arrow record batch, and the partial builders that merge."""

import datetime as dt
import json
import pathlib
import pickle

import pyarrow as pa
import pyarrow.json as pj
import pytest

import kesher

ROOT = pathlib.Path(__file__).resolve().parents[3]
EVENTS = ROOT / "examples/data/ibm-twitter-care-dev200.jsonl"
CONTRACTS = json.loads((ROOT / "examples/data/contracts.json").read_text())
NOW = dt.datetime(2020, 4, 3, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def from_text():
    return kesher.fold(EVENTS.read_text())


def test_a_pyarrow_table_folds_as_its_json_lines(from_text):
    table = pj.read_json(EVENTS)
    for data in (table, table.to_batches(max_chunksize=7)[0], table.combine_chunks().to_batches()[0]):
        got = kesher.fold(data)
        assert got.rejected == []
        expected = [c for c in from_text.cases if c.id in {x.id for x in got.cases}]
        assert got.cases == expected and len(got.cases) >= 1
    assert kesher.fold(table).cases == from_text.cases


def test_a_polars_frame_folds_too(from_text):
    pl = pytest.importorskip("polars")
    frame = pl.read_ndjson(EVENTS)
    assert kesher.fold(frame).cases == from_text.cases


def test_every_row_is_a_case_event_or_a_rejection_with_its_index():
    rows = [json.loads(line) for line in EVENTS.read_text().splitlines()[:40]]
    rows[3]["at"] = "yesterday"
    rows[5]["channel"] = "tweeter"
    got = kesher.fold(pa.Table.from_pylist(rows))
    bad = {r["index"]: r for r in got.rejected}
    assert bad[3]["field"] == "at" and bad[5]["field"] == "channel"
    assert sum(len(c.log) for c in got.cases) + len(got.rejected) <= len(rows)


def test_arrow_that_is_not_rows_is_refused_by_name():
    with pytest.raises(kesher.InvalidInputError, match="record batch"):
        kesher.fold(pa.array([1, 2, 3]))
    # A column of a type no event holds is the row's rejection, naming the column.
    got = kesher.fold(pa.table({"at": pa.array([b"x"], type=pa.binary())}))
    assert (got.cases, [(r["index"], r["field"]) for r in got.rejected]) == ([], [(0, "at")])


def test_case_states_are_an_arrow_batch(from_text):
    batch = pa.record_batch(kesher.case_states(from_text.cases, segment_key="brand"))
    assert batch.num_rows == len(from_text.cases)
    assert batch.schema.field("opened_at").type == pa.timestamp("us", tz="UTC")
    for row, case in zip(batch.to_pylist(), from_text.cases):
        assert row["case_id"] == case.id and row["customer_id"] == case.customer_id
        assert row["status"] == case.status.value and row["channel"] == case.channel
        assert row["segment"] == case.metadata.get("brand")
        assert row["opened_at"] == case.opened_at and row["interactions"] == len(case.log)
        first = case.facts.get("time_to_first_human_response")
        assert row["first_response_seconds"] == (None if first is None else pytest.approx(first))


def _halves(cases):
    return cases[::2], cases[1::2]


def test_partial_builders_merge_through_pickles_into_the_whole(from_text):
    cases = from_text.cases
    engine = kesher.SlaEngine(kesher.ContractSet(CONTRACTS))
    slas = [engine.evaluate(c, NOW) for c in cases]
    parts = []
    for half in _halves(list(zip(cases, slas))):
        m, p = kesher.MetricsBuilder(), kesher.ProblemSample(capacity=50)
        for case, sla in half:
            m.add(case, sla)
            p.add(case)
        parts.append((pickle.loads(pickle.dumps(m)), kesher.ProblemSample.from_json(p.to_json())))
    metrics, sample = kesher.MetricsBuilder(), kesher.ProblemSample(capacity=50)
    for m, p in reversed(parts):
        metrics.merge(m)
        sample.merge(p)
    assert metrics.finish() == kesher.service_metrics(cases, slas)
    whole = kesher.ProblemSample(capacity=50)
    for case in cases:
        whole.add(case)
    assert sample.finish(3) == whole.finish(3)
    assert sample.finish(3)["described"] == kesher.recurring_problems(cases)["described"]
    with pytest.raises(kesher.InvalidJsonError):
        kesher.MetricsBuilder.from_json('{"cases": 1}')


def test_retention_tallies_of_one_customer_merge(from_text):
    by_customer = {}
    for case in from_text.cases:
        by_customer.setdefault(case.customer_id, []).append(case)
    cid, cases = max(by_customer.items(), key=lambda kv: len(kv[1]))
    whole, first, second = kesher.RetentionTally(), kesher.RetentionTally(), kesher.RetentionTally()
    for i, case in enumerate(cases):
        whole.add_case(case, NOW)
        (first if i % 2 == 0 else second).add_case(case, NOW)
    first.merge(pickle.loads(pickle.dumps(second)))
    assert first.signals(NOW) == whole.signals(NOW)
    assert whole.signals(NOW, recent=dt.timedelta(days=3))["customer_id"] == cid

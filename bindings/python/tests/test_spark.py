"""kesher.spark on PySpark in local mode (local[2]): the same results as the single-process
Python path on the bundled real sample."""

import datetime as dt
import json
import os
import pathlib
import sys

import pytest

import kesher
import kesher.spark

ROOT = pathlib.Path(__file__).resolve().parents[3]
EVENTS = ROOT / "examples/data/ibm-twitter-care-dev200.jsonl"
CONTRACTS = json.loads((ROOT / "examples/data/contracts.json").read_text())
NOW = dt.datetime(2020, 4, 3, tzinfo=dt.timezone.utc)

# PySpark 4.3 warns on every pandas function that it does not yet fully support pandas 3. These
# tests run kesher.spark on pandas 3 and check every result against the single-process path, so
# the warning says nothing about them.
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter (the venv with kesher and pandas), not the system's.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]").appName("kesher-test")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # Small Arrow batches, so cases are cut by batch boundaries and carried over.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "7")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def events(spark):
    return spark.read.json(str(EVENTS))


@pytest.fixture(scope="module")
def local():
    cases = kesher.fold(EVENTS.read_text()).cases
    engine = kesher.SlaEngine(kesher.ContractSet(CONTRACTS))
    slas = {c.id: engine.evaluate(c, NOW) for c in cases}
    return cases, slas


def test_case_states_match_the_single_process_fold(events, local):
    cases, _ = local
    rows = {r["case_id"]: r for r in (r.asDict() for r in kesher.spark.case_states(events).collect())}
    assert len(rows) == len(cases) == 200
    for c in cases:
        r = rows[c.id]
        assert (r["status"], r["customer_id"], r["channel"], r["segment"]) == (
            c.status.value, c.customer_id, c.channel, c.metadata.get("brand"))
        assert r["opened_at"].replace(tzinfo=dt.timezone.utc) == c.opened_at
        assert r["first_response_seconds"] == pytest.approx(c.facts["time_to_first_human_response"])
        assert r["interactions"] == len(c.log)


def test_sla_states_match(events, local):
    cases, slas = local
    got = sorted((r.case_id, r.contract, r.metric, r.state) for r in kesher.spark.sla_states(events, CONTRACTS, NOW).collect())
    want = sorted((c.id, t["contract"], t["metric"], t["state"]) for c in cases for t in slas[c.id].targets)
    assert got == want and len(got) == 411


def test_journey_points_and_two_phase_patterns_match(events, local):
    cases, slas = local
    model = kesher.EmotionModel()
    journeys = [model.journey(c, NOW, slas[c.id]) for c in cases]
    points = kesher.spark.journey_points(events, NOW, CONTRACTS).collect()
    assert len(points) == sum(len(j) for j in journeys)
    want = sorted((j.case_id, p["emotion"]) for j in journeys for p in j.points)
    assert sorted((r.case_id, r.emotion) for r in points) == want
    builder = kesher.PatternBuilder()
    for j in journeys:
        builder.add(j)
    expected = {(p.segment, s["stage"]): (p.journeys, s["count"], s["median"], s["p90"]) for p in builder.finish() for s in p.stages}
    # Spread the events over several partitions so the merge phase has partials to merge.
    rows = kesher.spark.patterns(events.repartition(3), NOW, CONTRACTS).collect()
    got = {(r.segment, r.stage): (r.journeys, r["count"], r.median, r.p90) for r in rows}
    assert got == expected


def test_the_spark_example_runs():
    import subprocess

    out = subprocess.run([sys.executable, "examples/spark/sla_and_patterns.py"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert "200 cases" in out.stdout and "RockstarSupport" in out.stdout
    assert "breached|  178" in out.stdout

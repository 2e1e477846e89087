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


def test_rejected_events_are_rows_not_losses(spark):
    rows = [json.loads(line) for line in EVENTS.read_text().splitlines()[:60]]
    rows[4]["at"] = "yesterday"
    rows[9]["channel"] = "tweeter"
    events = spark.createDataFrame([(json.dumps(r),) for r in rows], "line string")
    events = spark.read.json(events.rdd.map(lambda r: r.line))
    got = sorted((r.case_id, r.field) for r in kesher.spark.rejected_events(events).collect())
    assert got == sorted([(rows[4]["case_id"], "at"), (rows[9]["case_id"], "channel")])
    local = kesher.fold(rows)
    assert kesher.spark.case_states(events).count() == len(local.cases)


def test_metrics_and_problems_merge_partials_into_the_whole(events, local):
    cases, slas = local
    rows = kesher.spark.metrics(events.repartition(3), NOW, CONTRACTS).collect()
    assert len(rows) == 1
    whole = kesher.service_metrics(cases, [slas[c.id] for c in cases])
    assert json.loads(rows[0].metrics) == json.loads(kesher._json.dumps(whole))
    assert rows[0].cases == 200 and rows[0].first_response_median_seconds == whole["first_response"]["median"]
    clusters = kesher.spark.recurring_problems(events.repartition(3)).collect()
    want = kesher.recurring_problems(cases)
    assert [(r.label, r.cases) for r in clusters] == [(c["label"], c["cases"]) for c in want["clusters"]]
    assert clusters[0].described == 200


def test_retention_and_customer_journeys_meet_per_customer(events, local):
    cases, slas = local
    model = kesher.EmotionModel()
    by_customer = {}
    for c in cases:
        by_customer.setdefault(c.customer_id, []).append(c)
    rows = {r.customer_id: r for r in kesher.spark.retention_signals(events.repartition(3), NOW, CONTRACTS).collect()}
    assert set(rows) == set(by_customer)
    for cid, mine in by_customer.items():
        tally = kesher.RetentionTally()
        for c in mine:
            tally.add_case(c, NOW, slas[c.id])
            tally.add_journey(model.journey(c, NOW, slas[c.id]), NOW)
        assert json.loads(rows[cid].signals) == tally.signals(NOW)
    points = kesher.spark.customer_journeys(events.repartition(3), NOW).collect()
    cid = max(by_customer, key=lambda k: len(by_customer[k]))
    line = model.customer_journey(kesher.Customer({"id": cid, "name": cid}), by_customer[cid], NOW)
    got = sorted((r.at.replace(tzinfo=dt.timezone.utc), r.emotion) for r in points if r.customer_id == cid)
    assert got == sorted((dt.datetime.fromisoformat(p["at"].replace("Z", "+00:00")), p["emotion"]) for p in line.points)
    assert {r.customer_id for r in points} == set(by_customer)


def test_one_pass_gives_what_each_function_gives(events, local):
    cases, slas = local
    analysis = kesher.spark.analyze(events.repartition(3), NOW, CONTRACTS)
    try:
        states = {r.case_id: r.asDict() for r in analysis.case_states.collect()}
        want = {r.case_id: r.asDict() for r in kesher.spark.case_states(events).collect()}
        assert states == want and len(states) == 200
        sort = lambda rows: sorted(tuple(sorted(r.asDict().items())) for r in rows)  # noqa: E731
        assert sort(analysis.patterns.collect()) == sort(kesher.spark.patterns(events, NOW, CONTRACTS).collect())
        assert analysis.metrics.collect() == kesher.spark.metrics(events, NOW, CONTRACTS).collect()
        assert [(r.label, r.cases) for r in analysis.recurring_problems.collect()] == [
            (c["label"], c["cases"]) for c in kesher.recurring_problems(cases)["clusters"]]
    finally:
        analysis.unpersist()
    only = kesher.spark.analyze(events, NOW, results=["patterns"])
    with pytest.raises(kesher.KesherError, match="metrics"):
        only.metrics
    with pytest.raises(kesher.KesherError, match="expected one of"):
        kesher.spark.analyze(events, NOW, results=["journeys"])
    only.unpersist()


def test_the_spark_example_runs():
    import subprocess

    out = subprocess.run([sys.executable, "examples/spark/sla_and_patterns.py"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert "200 cases" in out.stdout and "RockstarSupport" in out.stdout
    assert "breached|  178" in out.stdout

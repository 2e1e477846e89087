"""kesher on Apache Spark: the same folds, partitioned by case, over Arrow columns.

Cases and journeys are folds over the events of one case (docs/json-contract.md), so they map
onto Spark's partitioned Arrow functions: every function here takes a Spark DataFrame of events
with the JSON contract's columns (as ``spark.read.json`` reads a JSON Lines file of events, or
a Parquet table of them; absent fields are nulls) and returns a Spark DataFrame, computed on
the executors by kesher's Python package.

The events are shuffled once, by ``case_id`` (``repartition``), and sorted by it within each
partition; ``mapInArrow`` then hands each Arrow record batch to kesher, which reads the columns
in Rust through the Arrow C data interface (no JSON text per event, no pandas) and folds the
batch's cases in one call (a case cut by a batch boundary is carried to the next batch).

- ``case_states``: one row per case (built as an Arrow batch by kesher);
- ``sla_states``: one row per SLA target of every case;
- ``journey_points``: one row per point of every case's emotion journey;
- ``rejected_events``: one row per event kesher refused, with the field and the reason;
- ``patterns``, ``metrics`` and ``recurring_problems``: two phases: each partition's cases go
  into a partial builder (``PatternBuilder``, ``MetricsBuilder``, ``ProblemSample``), the
  partials (one small JSON per partition) are merged by one task, which finishes them;
- ``analyze``: case states, patterns, metrics and recurring problems from one shuffle and one
  fold of the events (each function above shuffles and folds them again);
- ``retention_signals`` and ``customer_journeys``: partitioned by customer: each case's part
  (a ``RetentionTally`` or the case itself) is shuffled a second time, by ``customer_id``,
  so every customer's cases meet in one task.

Nothing is collected to the driver. Memory per task: one Arrow batch of events and the case it
carries over, plus one partial builder. The workers need kesher, pyarrow and pandas (PySpark imports
it for its Arrow functions): set
``PYSPARK_PYTHON`` to an interpreter that has them.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import kesher
from kesher._json import dumps as _dumps

CASE_SCHEMA = (
    "case_id string, customer_id string, status string, priority string, channel string, "
    "segment string, opened_at timestamp, last_event_at timestamp, first_response_seconds double, "
    "resolved boolean, first_contact_resolved boolean, transfers int, interactions int, "
    "unanswered int"
)
SLA_SCHEMA = (
    "case_id string, contract string, metric string, state string, due timestamp, "
    "consumed_seconds double, remaining_seconds double"
)
POINT_SCHEMA = (
    "case_id string, customer_id string, segment string, at timestamp, stage string, "
    "emotion double, source string, cause string"
)
PATTERN_SCHEMA = (
    "segment string, journeys long, stage string, count long, mean double, p10 double, "
    "p25 double, median double, p75 double, p90 double, trouble_score double"
)
REJECTED_SCHEMA = "case_id string, index long, kind string, field string, message string"
METRICS_SCHEMA = (
    "cases long, resolved long, first_contact_resolution_rate double, "
    "first_response_median_seconds double, first_response_p90_seconds double, "
    "resolution_median_seconds double, transfers_per_case double, metrics string"
)
PROBLEM_SCHEMA = (
    "label string, cases long, share double, cumulative_share double, terms string, "
    "examples string, described long, sampled long"
)
RETENTION_SCHEMA = (
    "customer_id string, win_back_score double, word_of_mouth_score double, "
    "nurture_score double, word_of_mouth_balance long, signals string"
)
CUSTOMER_POINT_SCHEMA = (
    "customer_id string, at timestamp, stage string, emotion double, source string, "
    "origin string, cause string"
)

_PARTIAL = "customer_id string, part string"


def _columns(schema: str) -> List[str]:
    return [c.split()[0] for c in schema.split(", ")]


def _arrow_schema(schema: str) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    types = {"string": pa.string(), "double": pa.float64(), "boolean": pa.bool_(),
             "int": pa.int32(), "long": pa.int64(), "timestamp": pa.timestamp("us", tz="UTC")}
    return pa.schema([(c.split()[0], types[c.split()[1]]) for c in schema.split(", ")])


def _batch(rows: List[Dict[str, Any]], schema: str) -> Any:
    import pyarrow as pa

    return pa.RecordBatch.from_pylist(rows, schema=_arrow_schema(schema))


def _instant(text: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _text(value: Any) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    return _dumps(value)


def _runs(batches: Iterator[Any], key: str) -> Iterator[List[Any]]:
    """The batches of a partition sorted by ``key``, regrouped so that no run of equal keys is
    cut: each list of batches yielded ends where a key ends."""
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    held: List[Any] = []  # the rows of the key the previous batch ended with
    held_key: Optional[str] = None
    for batch in batches:
        if batch.num_rows == 0:
            continue
        keys = batch.column(key)
        last = keys[-1].as_py()
        cut = pc.index(keys, keys[-1]).as_py()  # sorted: the last key's run starts here
        if cut > 0:
            ready, held = held + [batch.slice(0, cut)], [batch.slice(cut)]
        elif held_key == last:
            ready, held = [], held + [batch]
        else:
            ready, held = held, [batch]
        held_key = last
        if ready:
            yield ready
    if held:
        yield held


def _by_case(events: Any, per_cases: Callable[[Any, Any], Iterator[Any]], schema: str,
             partitions: Optional[int] = None) -> Any:
    """Folds the events of each case on the executors; ``per_cases`` maps each fold result (a
    ``kesher.FoldResult``, with the Arrow table of events it came from) to Arrow record batches
    of ``schema``."""
    import pyarrow as pa
    from pyspark.sql import functions as F

    def fold(batches: Iterator[Any]) -> Iterator[Any]:
        for run in _runs(batches, "case_id"):
            table = pa.Table.from_batches(run)
            yield from per_cases(kesher.fold(table), table)

    prepared = events.withColumn("case_id", F.col("case_id").cast("string"))
    by_case = [partitions, "case_id"] if partitions else ["case_id"]
    return (
        prepared.repartition(*by_case)
        .sortWithinPartitions("case_id")
        .mapInArrow(fold, schema)
    )


def case_states(events: Any, segment_key: str = "brand") -> Any:
    """One row per case: status, priority, channel, segment, first response, resolution…"""

    def rows(result: Any, table: Any) -> Iterator[Any]:
        import pyarrow as pa

        yield pa.record_batch(kesher.case_states(result.cases, segment_key))

    return _by_case(events, rows, CASE_SCHEMA)


def rejected_events(events: Any) -> Any:
    """One row per event kesher refused (with its case, the row's index among the rows folded
    with it, the error's kind, the field at fault and the message): nothing is lost silently."""

    def rows(result: Any, table: Any) -> Iterator[Any]:
        ids = table.column("case_id")
        yield _batch([{"case_id": ids[r["index"]].as_py(), "index": r["index"], "kind": r["kind"],
                       "field": r["field"], "message": r["message"]} for r in result.rejected],
                     REJECTED_SCHEMA)

    return _by_case(events, rows, REJECTED_SCHEMA)


def _engine(contracts: Optional[str]) -> Optional[kesher.SlaEngine]:
    return kesher.SlaEngine(kesher.ContractSet(contracts)) if contracts else None


def sla_states(events: Any, contracts: Any, now: _dt.datetime) -> Any:
    """One row per SLA target of every case, evaluated at ``now`` (timezone-aware)."""
    text = _text(contracts)
    if text is None:
        raise kesher._errors.invalid("invalid contracts `None`: SLA states need contracts")
    now_text = _dumps(now)

    def rows(result: Any, table: Any) -> Iterator[Any]:
        engine = kesher.SlaEngine(kesher.ContractSet(text))
        at = _instant(json.loads(now_text))
        out = []
        for case in result.cases:
            for t in engine.evaluate(case, at).targets:
                out.append({
                    "case_id": case.id, "contract": t.get("contract"), "metric": t.get("metric"),
                    "state": t.get("state"), "due": _instant(t["due"]) if t.get("due") else None,
                    "consumed_seconds": t.get("consumed_seconds"),
                    "remaining_seconds": t.get("remaining_seconds"),
                })
        yield _batch(out, SLA_SCHEMA)

    return _by_case(events, rows, SLA_SCHEMA)


def _journeys(cases: List[kesher.Case], at: _dt.datetime, engine: Optional[kesher.SlaEngine],
              segment_key: str) -> List[Any]:
    model = kesher.EmotionModel(segment_key=segment_key)
    return [(c, model.journey(c, at, engine.evaluate(c, at) if engine else None)) for c in cases]


def journey_points(
    events: Any, now: _dt.datetime, contracts: Optional[Any] = None, segment_key: str = "brand"
) -> Any:
    """One row per point of every case's emotion journey up to ``now``."""
    text = _text(contracts)
    now_text = _dumps(now)

    def rows(result: Any, table: Any) -> Iterator[Any]:
        at = _instant(json.loads(now_text))
        out = []
        for _, j in _journeys(result.cases, at, _engine(text), segment_key):
            for p in j.points:
                out.append({
                    "case_id": j.case_id, "customer_id": j.customer_id, "segment": j.segment,
                    "at": _instant(p["at"]), "stage": p.get("stage"), "emotion": float(p["emotion"]),
                    "source": p.get("source"), "cause": p.get("cause"),
                })
        yield _batch(out, POINT_SCHEMA)

    return _by_case(events, rows, POINT_SCHEMA)


def _two_phase(events: Any, partial: Callable[[Any], Any], finish: Callable[[List[str]], List[Dict[str, Any]]],
               schema: str) -> Any:
    """Each batch of cases into a partial builder (``partial`` returns its JSON), the partials
    merged and finished by one task (``finish`` maps their JSON texts to the rows)."""

    def partials(result: Any, table: Any) -> Iterator[Any]:
        yield _batch([{"customer_id": None, "part": partial(result.cases)}], _PARTIAL)

    def merge(batches: Iterator[Any]) -> Iterator[Any]:
        texts = [t for b in batches for t in b.column("part").to_pylist()]
        yield _batch(finish(texts), schema)

    return _by_case(events, partials, _PARTIAL).coalesce(1).mapInArrow(merge, schema)


Partial = Callable[[List[kesher.Case]], str]
Finish = Callable[[List[str]], List[Dict[str, Any]]]


def _pattern_parts(now: _dt.datetime, contracts: Optional[str], segment_key: str,
                   stages: Optional[List[str]], threshold: float) -> Tuple[Partial, Finish]:
    now_text = _dumps(now)

    def partial(cases: List[kesher.Case]) -> str:
        builder = kesher.PatternBuilder(stages, threshold)
        for _, j in _journeys(cases, _instant(json.loads(now_text)), _engine(contracts), segment_key):
            builder.add(j)
        return builder.to_json()

    def finish(texts: List[str]) -> List[Dict[str, Any]]:
        builder = kesher.PatternBuilder(stages, threshold)
        for raw in texts:
            builder.merge(kesher.PatternBuilder.from_json(raw))
        rows = []
        for p in builder.finish():
            trouble = {t["stage"]: t["score"] for t in p.trouble}
            for s in p.stages:
                rows.append({"segment": p.segment, "journeys": p.journeys, "stage": s["stage"],
                             "count": s["count"], "mean": s.get("mean"), "p10": s.get("p10"),
                             "p25": s.get("p25"), "median": s.get("median"), "p75": s.get("p75"),
                             "p90": s.get("p90"), "trouble_score": trouble.get(s["stage"])})
        return rows

    return partial, finish


def patterns(
    events: Any, now: _dt.datetime, contracts: Optional[Any] = None, segment_key: str = "brand",
    stages: Optional[List[str]] = None, threshold: float = -0.66,
) -> Any:
    """The typical emotion pattern per segment and stage, aggregated in two phases."""
    parts = _pattern_parts(now, _text(contracts), segment_key, stages, threshold)
    return _two_phase(events, *parts, PATTERN_SCHEMA)


def _metrics_parts(now: Optional[_dt.datetime], contracts: Optional[str]) -> Tuple[Partial, Finish]:
    if contracts is not None and now is None:
        raise kesher._errors.invalid("invalid now `None`: SLA compliance is evaluated at `now`")
    now_text = _dumps(now) if now is not None else None

    def partial(cases: List[kesher.Case]) -> str:
        builder, engine = kesher.MetricsBuilder(), _engine(contracts)
        at = _instant(json.loads(now_text)) if now_text else None
        for c in cases:
            builder.add(c, engine.evaluate(c, at) if engine and at else None)
        return builder.to_json()

    def finish(texts: List[str]) -> List[Dict[str, Any]]:
        builder = kesher.MetricsBuilder()
        for raw in texts:
            builder.merge(kesher.MetricsBuilder.from_json(raw))
        m = builder.finish()
        first, resolution = m.get("first_response") or {}, m.get("resolution") or {}
        return [{"cases": m.get("cases"), "resolved": m.get("resolved"),
                 "first_contact_resolution_rate": m.get("first_contact_resolution_rate"),
                 "first_response_median_seconds": first.get("median"),
                 "first_response_p90_seconds": first.get("p90"),
                 "resolution_median_seconds": resolution.get("median"),
                 "transfers_per_case": m.get("transfers_per_case"), "metrics": _dumps(m)}]

    return partial, finish


def metrics(events: Any, now: Optional[_dt.datetime] = None, contracts: Optional[Any] = None) -> Any:
    """Service metrics over every case, one row: the headline figures as columns and the whole
    of ``kesher.service_metrics`` as JSON in ``metrics``. With ``contracts`` (and ``now``), SLA
    compliance too."""
    return _two_phase(events, *_metrics_parts(now, _text(contracts)), METRICS_SCHEMA)


def _problem_parts(min_cases: int, capacity: int) -> Tuple[Partial, Finish]:
    def partial(cases: List[kesher.Case]) -> str:
        sample = kesher.ProblemSample(capacity)
        for c in cases:
            sample.add(c)
        return sample.to_json()

    def finish(texts: List[str]) -> List[Dict[str, Any]]:
        sample = kesher.ProblemSample(capacity)
        for raw in texts:
            sample.merge(kesher.ProblemSample.from_json(raw))
        p = sample.finish(min_cases)
        return [{"label": c["label"], "cases": c["cases"], "share": c["share"],
                 "cumulative_share": c["cumulative_share"], "terms": _dumps(c["terms"]),
                 "examples": _dumps(c["examples"]), "described": p["described"],
                 "sampled": p["sampled"]} for c in p["clusters"]]

    return partial, finish


def recurring_problems(events: Any, min_cases: int = 3, capacity: int = 20000) -> Any:
    """Recurring problems, one row per cluster (largest first): the descriptions of a bounded
    sample of cases (the ``capacity`` with the lowest id hashes, the same whatever the
    partitions), clustered into FAQ candidates; ``terms`` and ``examples`` as JSON lists."""
    return _two_phase(events, *_problem_parts(min_cases, capacity), PROBLEM_SCHEMA)


class Analysis:
    """Several results from one shuffle and one fold of the events (see :func:`analyze`): each
    attribute is a Spark DataFrame with the same rows as the function of the same name."""

    def __init__(self, folded: Any, parts: Dict[str, Tuple[Partial, Finish]]) -> None:
        self._folded, self._parts = folded, parts

    @property
    def case_states(self) -> Any:
        """As :func:`case_states`."""
        from pyspark.sql import functions as F

        return self._folded.filter(F.col("result").isNull()).select(*_columns(CASE_SCHEMA))

    def _finished(self, result: str, schema: str) -> Any:
        from pyspark.sql import functions as F

        if result not in self._parts:
            raise kesher._errors.invalid(f"invalid result `{result}`: not among those analyze() was asked for")
        finish = self._parts[result][1]

        def merge(batches: Iterator[Any]) -> Iterator[Any]:
            yield _batch(finish([t for b in batches for t in b.column("part").to_pylist()]), schema)

        partials = self._folded.filter(F.col("result") == result).select("part")
        return partials.coalesce(1).mapInArrow(merge, schema)

    @property
    def patterns(self) -> Any:
        """As :func:`patterns`."""
        return self._finished("patterns", PATTERN_SCHEMA)

    @property
    def metrics(self) -> Any:
        """As :func:`metrics`."""
        return self._finished("metrics", METRICS_SCHEMA)

    @property
    def recurring_problems(self) -> Any:
        """As :func:`recurring_problems`."""
        return self._finished("recurring_problems", PROBLEM_SCHEMA)

    def unpersist(self) -> None:
        """Frees the folded cases Spark keeps for the results."""
        self._folded.unpersist()


def analyze(
    events: Any, now: _dt.datetime, contracts: Optional[Any] = None, segment_key: str = "brand",
    results: Sequence[str] = ("case_states", "patterns", "metrics", "recurring_problems"),
    stages: Optional[List[str]] = None, threshold: float = -0.66, min_cases: int = 3,
    capacity: int = 20000, partitions: Optional[int] = None,
) -> Analysis:
    """Case states, patterns, metrics and recurring problems (those named in ``results``) from
    one shuffle and one fold of the events, where the functions of the same names each shuffle
    and fold them again. Each partition's batches give their case-state rows and one partial per
    aggregate, kept (``persist``) in one table, from which each result is read; call
    ``unpersist()`` when done. ``partitions``: how many partitions the events are shuffled into
    (twice Spark's default parallelism unless given)."""
    known = ("case_states", "patterns", "metrics", "recurring_problems")
    for r in results:
        if r not in known:
            raise kesher._errors.invalid(f"invalid result `{r}`: expected one of {', '.join(known)}")
    text = _text(contracts)
    every = {"patterns": lambda: _pattern_parts(now, text, segment_key, stages, threshold),
             "metrics": lambda: _metrics_parts(now, text),
             "recurring_problems": lambda: _problem_parts(min_cases, capacity)}
    parts = {r: every[r]() for r in results if r in every}
    states = "case_states" in results
    schema = CASE_SCHEMA + ", result string, part string"

    def rows(result: Any, table: Any) -> Iterator[Any]:
        import pyarrow as pa

        if states:
            cases = pa.record_batch(kesher.case_states(result.cases, segment_key))
            nulls = pa.nulls(cases.num_rows, pa.string())
            yield pa.RecordBatch.from_arrays([*cases.columns, nulls, nulls], schema=_arrow_schema(schema))
        yield _batch([{"result": name, "part": partial(result.cases)} for name, (partial, _) in parts.items()],
                     schema)

    # Adaptive execution does not coalesce the partitions of a table Spark keeps, and each
    # partition costs a Python worker's round trip: a few per core, unless told.
    count = partitions or 2 * events.sparkSession.sparkContext.defaultParallelism
    return Analysis(_by_case(events, rows, schema, count).persist(), parts)


def _by_customer(events: Any, per_cases: Callable[[List[kesher.Case]], List[Dict[str, Any]]],
                 per_customer: Callable[[str, List[str]], List[Dict[str, Any]]], schema: str) -> Any:
    """Folds by case, maps each batch's cases to ``(customer_id, part)`` rows, shuffles them by
    customer and hands each customer's parts, together, to ``per_customer``."""
    from pyspark.sql import functions as F

    def parts(result: Any, table: Any) -> Iterator[Any]:
        yield _batch(per_cases(result.cases), _PARTIAL)

    def customers(batches: Iterator[Any]) -> Iterator[Any]:
        for run in _runs(batches, "customer_id"):
            ids = [i for b in run for i in b.column("customer_id").to_pylist()]
            texts = [t for b in run for t in b.column("part").to_pylist()]
            rows: List[Dict[str, Any]] = []
            start = 0
            for k in range(1, len(ids) + 1):
                if k == len(ids) or ids[k] != ids[start]:
                    rows.extend(per_customer(ids[start], texts[start:k]))
                    start = k
            yield _batch(rows, schema)

    return (
        _by_case(events, parts, _PARTIAL)
        .repartition("customer_id")
        .sortWithinPartitions("customer_id", F.col("part"))
        .mapInArrow(customers, schema)
    )


def retention_signals(
    events: Any, now: _dt.datetime, contracts: Optional[Any] = None, segment_key: str = "brand",
    recent: Optional[_dt.timedelta] = None,
) -> Any:
    """One row per customer: the retention signals (win back, word of mouth, nurture) from all
    their cases and journeys, whichever partitions those were folded in; the scores as columns,
    the signals as JSON in ``signals``."""
    text = _text(contracts)
    now_text = _dumps(now)

    def per_cases(cases: List[kesher.Case]) -> List[Dict[str, Any]]:
        at = _instant(json.loads(now_text))
        engine = _engine(text)
        model = kesher.EmotionModel(segment_key=segment_key)
        tallies: Dict[str, kesher.RetentionTally] = {}
        for c in cases:
            sla = engine.evaluate(c, at) if engine else None
            tally = tallies.setdefault(c.customer_id, kesher.RetentionTally())
            tally.add_case(c, at, sla)
            tally.add_journey(model.journey(c, at, sla), at)
        return [{"customer_id": cid, "part": t.to_json()} for cid, t in tallies.items()]

    def per_customer(customer_id: str, parts: List[str]) -> List[Dict[str, Any]]:
        at = _instant(json.loads(now_text))
        tally = kesher.RetentionTally()
        for raw in parts:
            tally.merge(kesher.RetentionTally.from_json(raw))
        s = tally.signals(at, recent=recent)

        def score(name: str) -> Optional[float]:
            signal: Dict[str, Any] = s.get(name) or {}
            return signal.get("score")

        return [{"customer_id": customer_id, "win_back_score": score("win_back"),
                 "word_of_mouth_score": score("word_of_mouth"), "nurture_score": score("nurture"),
                 "word_of_mouth_balance": s.get("word_of_mouth_balance"), "signals": _dumps(s)}]

    return _by_customer(events, per_cases, per_customer, RETENTION_SCHEMA)


def customer_journeys(
    events: Any, now: _dt.datetime, contracts: Optional[Any] = None, segment_key: str = "brand",
) -> Any:
    """One row per point of every customer's continuous journey across all their cases (the
    cases shuffled by customer, so one task draws each customer's line). Only the events are
    known here, not the customer's record: the line is drawn from the cases, under the
    customer's id."""
    text = _text(contracts)
    now_text = _dumps(now)

    def per_cases(cases: List[kesher.Case]) -> List[Dict[str, Any]]:
        return [{"customer_id": c.customer_id, "part": c.to_json()} for c in cases]

    def per_customer(customer_id: str, parts: List[str]) -> List[Dict[str, Any]]:
        at = _instant(json.loads(now_text))
        cases = [kesher.Case.from_dict(json.loads(raw)) for raw in parts]
        engine = _engine(text)
        slas = [engine.evaluate(c, at) for c in cases] if engine else None
        model = kesher.EmotionModel(segment_key=segment_key)
        customer = kesher.Customer({"id": customer_id, "name": customer_id})
        j = model.customer_journey(customer, cases, at, slas)
        return [{"customer_id": customer_id, "at": _instant(p["at"]), "stage": p.get("stage"),
                 "emotion": float(p["emotion"]), "source": p.get("source"),
                 "origin": p.get("origin"), "cause": p.get("cause")} for p in j.points]

    return _by_customer(events, per_cases, per_customer, CUSTOMER_POINT_SCHEMA)

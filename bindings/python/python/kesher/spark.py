"""kesher on Apache Spark: the same folds, partitioned by case.

Cases and journeys are folds over the events of one case (docs/json-contract.md), so they map
onto Spark's partitioned pandas functions: every function here takes a Spark DataFrame of events
with the JSON contract's columns (as ``spark.read.json`` reads a JSON Lines file of events) and
returns a Spark DataFrame, computed on the executors by kesher's Python package.

The events are shuffled once, by ``case_id`` (``repartition``), and sorted by it within each
partition; ``mapInPandas`` then folds each Arrow batch's cases in one call to kesher (a case cut
by a batch boundary is carried to the next batch), which costs far less per case than a pandas
call per group (``groupBy().applyInPandas``) would.

- ``case_states``: one row per case;
- ``sla_states``: one row per SLA target of every case;
- ``journey_points``: one row per point of every case's emotion journey;
- ``patterns``: the typical emotion pattern per segment and stage, in two phases: each
  partition's journeys go into a partial ``PatternBuilder``, the partials (one small JSON per
  partition) are merged by one task, which finishes the patterns. Nothing is collected to the
  driver.

Memory per task: the events of one Arrow batch and the case it carries over, plus one partial
builder. The workers need kesher and pandas: set ``PYSPARK_PYTHON`` to an interpreter that has
them.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Callable, Dict, Iterator, List, Optional

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
REJECTED_SCHEMA = "case_id string, kind string, field string, message string"


def _columns(schema: str) -> List[str]:
    return [c.split()[0] for c in schema.split(", ")]


def _instant(text: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _text(value: Any) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    return _dumps(value)


def _by_case(events: Any, per_cases: Callable[[List[kesher.Case]], List[Dict[str, Any]]], schema: str) -> Any:
    """Folds the events of each case on the executors and maps the cases to rows."""
    from pyspark.sql import functions as F
    import pandas as pd

    columns = _columns(schema)
    rows_of = per_cases

    def fold(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        held: List[str] = []  # the events of the case the previous batch ended with
        held_id: Optional[str] = None
        for pdf in batches:
            ids = list(pdf["case_id"])
            texts = list(pdf["event"])
            if not ids:
                continue
            last = ids[-1]
            cut = len(ids)
            while cut > 0 and ids[cut - 1] == last:
                cut -= 1
            if cut > 0:
                # Rows are sorted by case: the held case ended before this batch's last one,
                # so everything before `cut` is complete.
                ready, held = held + texts[:cut], texts[cut:]
            elif held_id == last:
                ready, held = [], held + texts
            else:
                ready, held = held, texts
            held_id = last
            if ready:
                yield pd.DataFrame(rows_of(kesher.fold(ready).cases), columns=columns)
        if held:
            yield pd.DataFrame(rows_of(kesher.fold(held).cases), columns=columns)

    prepared = events.select(
        F.col("case_id").cast("string").alias("case_id"),
        F.to_json(F.struct(*[F.col(c) for c in events.columns])).alias("event"),
    )
    return (
        prepared.repartition("case_id")
        .sortWithinPartitions("case_id")
        .mapInPandas(fold, schema)
    )


def case_states(events: Any, segment_key: str = "brand") -> Any:
    """One row per case: status, priority, channel, segment, first response, resolution…"""

    def rows(cases: List[kesher.Case]) -> List[Dict[str, Any]]:
        out = []
        for case in cases:
            facts = case.facts
            first = facts.get("time_to_first_human_response")
            out.append({
                "case_id": case.id, "customer_id": case.customer_id, "status": case.status.value,
                "priority": case.priority.value, "channel": case.channel,
                "segment": case.metadata.get(segment_key), "opened_at": case.opened_at,
                "last_event_at": case.last_event_at,
                "first_response_seconds": float(first) if first is not None else None,
                "resolved": facts.get("time_to_resolution") is not None,
                "first_contact_resolved": bool(facts.get("first_contact_resolved")),
                "transfers": case.transfers, "interactions": len(case.log),
                "unanswered": len(facts.get("unanswered_inbound", [])),
            })
        return out

    return _by_case(events, rows, CASE_SCHEMA)


def sla_states(events: Any, contracts: Any, now: _dt.datetime) -> Any:
    """One row per SLA target of every case, evaluated at ``now`` (timezone-aware)."""
    text = _text(contracts)
    if text is None:
        raise kesher._errors.invalid("invalid contracts `None`: SLA states need contracts")
    now_text = _dumps(now)

    def rows(cases: List[kesher.Case]) -> List[Dict[str, Any]]:
        engine = kesher.SlaEngine(kesher.ContractSet(text))
        at = _instant(json.loads(now_text))
        out = []
        for case in cases:
            for t in engine.evaluate(case, at).targets:
                out.append({
                    "case_id": case.id, "contract": t.get("contract"), "metric": t.get("metric"),
                    "state": t.get("state"), "due": _instant(t["due"]) if t.get("due") else None,
                    "consumed_seconds": t.get("consumed_seconds"),
                    "remaining_seconds": t.get("remaining_seconds"),
                })
        return out

    return _by_case(events, rows, SLA_SCHEMA)


def _journeys(cases: List[kesher.Case], now_text: str, contracts: Optional[str], segment_key: str) -> List[kesher.Journey]:
    at = _instant(json.loads(now_text))
    engine = kesher.SlaEngine(kesher.ContractSet(contracts)) if contracts else None
    model = kesher.EmotionModel(segment_key=segment_key)
    return [model.journey(c, at, engine.evaluate(c, at) if engine else None) for c in cases]


def journey_points(
    events: Any, now: _dt.datetime, contracts: Optional[Any] = None, segment_key: str = "brand"
) -> Any:
    """One row per point of every case's emotion journey up to ``now``."""
    text = _text(contracts)
    now_text = _dumps(now)

    def rows(cases: List[kesher.Case]) -> List[Dict[str, Any]]:
        out = []
        for j in _journeys(cases, now_text, text, segment_key):
            for p in j.points:
                out.append({
                    "case_id": j.case_id, "customer_id": j.customer_id, "segment": j.segment,
                    "at": _instant(p["at"]), "stage": p.get("stage"), "emotion": float(p["emotion"]),
                    "source": p.get("source"), "cause": p.get("cause"),
                })
        return out

    return _by_case(events, rows, POINT_SCHEMA)


def patterns(
    events: Any, now: _dt.datetime, contracts: Optional[Any] = None, segment_key: str = "brand",
    stages: Optional[List[str]] = None, threshold: float = -0.66,
) -> Any:
    """The typical emotion pattern per segment and stage, aggregated in two phases."""
    import pandas as pd

    text = _text(contracts)
    now_text = _dumps(now)

    def partial(cases: List[kesher.Case]) -> List[Dict[str, Any]]:
        builder = kesher.PatternBuilder(stages, threshold)
        for j in _journeys(cases, now_text, text, segment_key):
            builder.add(j)
        return [{"builder": builder.to_json()}]

    def merge(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        builder = kesher.PatternBuilder(stages, threshold)
        for pdf in batches:
            for raw in pdf["builder"]:
                builder.merge(kesher.PatternBuilder.from_json(raw))
        rows = []
        for p in builder.finish():
            trouble = {t["stage"]: t["score"] for t in p.trouble}
            for s in p.stages:
                rows.append({"segment": p.segment, "journeys": p.journeys, "stage": s["stage"],
                             "count": s["count"], "mean": s.get("mean"), "p10": s.get("p10"),
                             "p25": s.get("p25"), "median": s.get("median"), "p75": s.get("p75"),
                             "p90": s.get("p90"), "trouble_score": trouble.get(s["stage"])})
        yield pd.DataFrame(rows, columns=_columns(PATTERN_SCHEMA))

    partials = _by_case(events, partial, "builder string")
    return partials.coalesce(1).mapInPandas(merge, PATTERN_SCHEMA)

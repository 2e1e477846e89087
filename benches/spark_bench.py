#!/usr/bin/env python3
"""kesher.spark in local mode against the single-process Python path (issue 9, item 3).

Usage (the venv `cargo xtask test` builds): .venv/bin/python benches/spark_bench.py [EVENTS]

Writes a seeded JSON Lines file of EVENTS kesher events (default 1,000,000: cases of 4 events —
opened, the customer's message, the answer after a log-uniform delay, and resolution for most —
40 brands), then, on the same file in the same run:
- single process: read the lines, `kesher.fold`, an emotion journey per case, one PatternBuilder;
- Spark local[2]: `spark.read.json`, `kesher.spark.case_states(...).count()` and
  `kesher.spark.patterns(...).collect()` (the two-phase aggregation).
Wall times are printed, and the patterns of both paths are checked to be equal.
"""
import datetime as dt
import json
import os
import pathlib
import random
import sys
import tempfile
import time

import kesher
import kesher.spark

UTC = dt.timezone.utc


def write_events(path: pathlib.Path, n: int) -> None:
    rng = random.Random(20171031)
    base = dt.datetime(2025, 1, 1, tzinfo=UTC)
    texts = ["my order never arrived", "app keeps crashing, terrible", "thanks for the quick help",
             "still waiting for my refund", "password reset email never came"]
    written = 0
    with open(path, "w") as f:
        case = 0
        while written < n:
            cid, cust = f"C{case}", f"cu{rng.randrange(n // 6 + 1)}"
            brand = f"Brand{int(40 ** rng.random()) - 1}"
            t0 = base + dt.timedelta(seconds=rng.randrange(90 * 86400))
            t1 = t0 + dt.timedelta(seconds=int(60 * (4320 ** rng.random())))
            rows = [
                {"type": "opened", "case_id": cid, "at": t0.isoformat(), "customer": {"id": cust},
                 "channel": "chat", "metadata": {"brand": brand}},
                {"type": "interaction", "case_id": cid, "seq": 1, "id": cid + "q", "customer_id": cust,
                 "at": t0.isoformat(), "channel": "chat", "direction": "inbound",
                 "actor": {"type": "customer"}, "kind": "message", "text": rng.choice(texts)},
                {"type": "interaction", "case_id": cid, "seq": 2, "id": cid + "a", "customer_id": cust,
                 "at": t1.isoformat(), "channel": "chat", "direction": "outbound",
                 "actor": {"type": "agent", "id": f"agent{rng.randrange(50)}"}, "kind": "message"},
                {"type": "status_changed", "case_id": cid, "seq": 3,
                 "at": (t1 + dt.timedelta(minutes=5)).isoformat(), "to": "resolved"},
            ][: min(4, n - written)]
            for r in rows:
                f.write(json.dumps(r) + "\n")
            written += len(rows)
            case += 1


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    now = dt.datetime(2025, 6, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "events.jsonl"
        write_events(path, n)
        print(f"input: {n:,} events, {path.stat().st_size / 2**20:.0f} MiB")

        start = time.perf_counter()
        result = kesher.fold(path.read_text())
        model = kesher.EmotionModel()
        builder = kesher.PatternBuilder()
        for case in result.cases:
            builder.add(model.journey(case, now))
        local = {(p.segment, s["stage"]): (s["count"], s["median"]) for p in builder.finish() for s in p.stages}
        single = time.perf_counter() - start
        print(f"single process (fold, journeys, patterns): {single:7.2f} s  {len(result.cases):,} cases")

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession

        spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
                 .config("spark.sql.session.timeZone", "UTC").config("spark.driver.memory", "4g").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        start = time.perf_counter()
        events = spark.read.json(str(path))
        cases = kesher.spark.case_states(events).count()
        rows = kesher.spark.patterns(events, now).collect()
        distributed = time.perf_counter() - start
        spark.stop()
        got = {(r.segment, r.stage): (r["count"], r.median) for r in rows}
        assert got == local, "the Spark patterns differ from the single-process ones"
        assert cases == len(result.cases)
        print(f"Spark local[2] (read, case states, patterns): {distributed:7.2f} s  {cases:,} cases")
        print(f"Spark local[2] takes {distributed / single:.1f}x the single-process time on this machine")


if __name__ == "__main__":
    main()

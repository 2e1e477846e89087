"""kesher on Spark (local mode) over the bundled real sample: case states, SLA states and the
emotion pattern per brand, computed on the executors.

Run from the repository root in the venv `cargo xtask test` builds (it has kesher, pandas and
pyspark; Java 17 must be on PATH):

    .venv/bin/python examples/spark/sla_and_patterns.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import kesher.spark

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main() -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]").appName("kesher-example")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    events = spark.read.json(str(ROOT / "examples/data/ibm-twitter-care-dev200.jsonl"))
    contracts = json.loads((ROOT / "examples/data/contracts.json").read_text())
    now = dt.datetime(2020, 4, 3, tzinfo=dt.timezone.utc)

    cases = kesher.spark.case_states(events)
    print(f"{cases.count()} cases")
    cases.groupBy("segment").agg(
        F.count("*").alias("cases"),
        F.expr("percentile_approx(first_response_seconds, 0.5)").alias("median_first_response_s"),
    ).orderBy(F.desc("cases")).show(5)

    sla = kesher.spark.sla_states(events, contracts, now)
    sla.groupBy("metric", "state").count().orderBy("metric", "state").show()

    patterns = kesher.spark.patterns(events, now, contracts)
    patterns.filter(F.col("segment") == "RockstarSupport").show()
    spark.stop()


if __name__ == "__main__":
    main()

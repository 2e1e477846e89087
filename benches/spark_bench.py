#!/usr/bin/env python3
"""kesher.spark in local mode against the single-process Python path (issue 21, item 6).

Usage (the venv `cargo xtask test` builds): .venv/bin/python benches/spark_bench.py [EVENTS]

Writes a seeded JSON Lines file of EVENTS kesher events (default 10,000,000: cases of 4 events:
opened, the customer's message, the answer after a log-uniform delay, and resolution; 40
brands) and the same events as Parquet, then, on the same events in the same run:
- single process: the JSON Lines read in chunks of whole cases, `kesher.fold`, the case states
  as an Arrow batch (`kesher.case_states`), an emotion journey per case into one PatternBuilder;
  the same over the Parquet file's record batches (`kesher.fold` on Arrow);
- Spark local[2] on the Parquet file: `kesher.spark.case_states(...).count()` and
  `kesher.spark.patterns(...).collect()` (each shuffles and folds the events), then both from
  one shuffle and fold (`kesher.spark.analyze`); the same on the JSON Lines file read with an
  explicit schema.
Wall times, events per second per core, the shuffle bytes per event (from Spark's event log)
and the peak resident memory of the Python workers and of the JVM are printed; the patterns of
every path are checked to be equal.
"""
import datetime as dt
import glob
import json
import os
import pathlib
import random
import sys
import tempfile
import threading
import time

import pyarrow as pa
import pyarrow.json as pj
import pyarrow.parquet as pq

import kesher
import kesher.spark

UTC = dt.timezone.utc
NOW = dt.datetime(2025, 6, 1, tzinfo=UTC)


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
            f.write("".join(json.dumps(r) + "\n" for r in rows))
            written += len(rows)
            case += 1


def chunks_of_cases(path: pathlib.Path, lines_per_chunk: int = 200_000):
    """The file's lines in chunks that end where a case ends (the file keeps cases together)."""
    buf, last = [], None
    with open(path) as f:
        for line in f:
            cid = line[line.index('"case_id": "') + 12:].split('"', 1)[0]
            if len(buf) >= lines_per_chunk and cid != last:
                yield "".join(buf)
                buf = []
            buf.append(line)
            last = cid
    if buf:
        yield "".join(buf)


def single_process(folds):
    """Case states and patterns from an iterator of fold inputs; returns (cases, patterns)."""
    model, builder, cases = kesher.EmotionModel(), kesher.PatternBuilder(), 0
    for data in folds:
        result = kesher.fold(data)
        cases += pa.record_batch(kesher.case_states(result.cases)).num_rows
        for case in result.cases:
            builder.add(model.journey(case, NOW))
    return cases, {(p.segment, s["stage"]): (s["count"], s["median"]) for p in builder.finish() for s in p.stages}


def parquet_folds(path: pathlib.Path):
    held = []
    for batch in pq.ParquetFile(path).iter_batches(batch_size=200_000):
        ids = batch.column("case_id")
        cut = ids.to_pylist().index(ids[-1].as_py())
        if cut:
            yield pa.Table.from_batches(held + [batch.slice(0, cut)])
            held = [batch.slice(cut)]
        else:
            held.append(batch)
    if held:
        yield pa.Table.from_batches(held)


class PeakMemory:
    """Samples the resident memory of Spark's Python workers (summed) and of its JVM."""

    def __init__(self):
        self.workers = self.jvm = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(0.2):
            workers = jvm = 0
            for status in glob.glob("/proc/[0-9]*/status"):
                try:
                    pid = status.split("/")[2]
                    cmd = open(f"/proc/{pid}/cmdline", "rb").read()
                    rss = next(int(l.split()[1]) for l in open(status) if l.startswith("VmRSS"))
                except (OSError, StopIteration, ValueError):
                    continue
                if b"pyspark.daemon" in cmd or b"pyspark.worker" in cmd:
                    workers += rss
                elif b"org.apache.spark.deploy.SparkSubmit" in cmd:
                    jvm += rss
            self.workers, self.jvm = max(self.workers, workers), max(self.jvm, jvm)

    def stop(self):
        self._stop.set()
        self._thread.join()


def shuffle_bytes(log_dir: pathlib.Path) -> int:
    total = 0
    for f in log_dir.rglob("*"):
        if not f.is_file():
            continue
        for line in open(f, errors="replace"):
            if '"SparkListenerTaskEnd"' in line:
                metrics = json.loads(line).get("Task Metrics") or {}
                total += (metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
    return total


EVENT_SCHEMA = (
    "type string, case_id string, seq long, at string, customer struct<id: string>, channel string, "
    "metadata struct<brand: string>, id string, customer_id string, direction string, "
    "actor struct<type: string, id: string>, kind string, text string, `to` string"
)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path, parquet = pathlib.Path(tmp) / "events.jsonl", pathlib.Path(tmp) / "events.parquet"
        start = time.perf_counter()
        write_events(path, n)
        table = pj.read_json(path, read_options=pj.ReadOptions(block_size=64 << 20))
        # pyarrow reads the instants as UTC without a zone (which kesher refuses, as it refuses
        # naive datetimes): they are stored as a lake would, as UTC timestamps.
        at = table.schema.get_field_index("at")
        table = table.set_column(at, "at", table.column("at").cast(pa.timestamp("us", tz="UTC")))
        pq.write_table(table, parquet, row_group_size=1_000_000)
        del table
        print(f"input: {n:,} events, JSON Lines {path.stat().st_size / 2**20:.0f} MiB, Parquet "
              f"{parquet.stat().st_size / 2**20:.0f} MiB (written in {time.perf_counter() - start:.0f} s)")

        start = time.perf_counter()
        cases, local = single_process(chunks_of_cases(path))
        single = time.perf_counter() - start
        print(f"single process, JSON Lines: {single:7.2f} s  {n / single / 1e3:7.1f} k events/s  {cases:,} cases")
        start = time.perf_counter()
        cases_pq, local_pq = single_process(parquet_folds(parquet))
        single_pq = time.perf_counter() - start
        assert (cases_pq, local_pq) == (cases, local)
        print(f"single process, Parquet:    {single_pq:7.2f} s  {n / single_pq / 1e3:7.1f} k events/s")

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession

        logs = pathlib.Path(tmp) / "spark-events"
        logs.mkdir()
        spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
                 .config("spark.sql.session.timeZone", "UTC").config("spark.driver.memory", "4g")
                 .config("spark.eventLog.enabled", "true").config("spark.eventLog.dir", str(logs))
                 .config("spark.eventLog.compress", "false")
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        partitions = int(spark.conf.get("spark.sql.shuffle.partitions"))
        def separately(events):
            return kesher.spark.case_states(events).count(), kesher.spark.patterns(events, NOW).collect()

        def one_pass(events):
            analysis = kesher.spark.analyze(events, NOW, results=("case_states", "patterns"))
            got = analysis.case_states.count(), analysis.patterns.collect()
            analysis.unpersist()
            return got

        reads = [("Parquet", lambda: spark.read.parquet(str(parquet))),
                 ("JSON Lines, explicit schema", lambda: spark.read.schema(EVENT_SCHEMA).json(str(path)))]
        for (name, read), (how, run) in [(r, h) for r in reads for h in [("case_states + patterns", separately),
                                                                         ("analyze, one pass", one_pass)]]:
            memory = PeakMemory()
            start = time.perf_counter()
            got_cases, rows = run(read())
            took = time.perf_counter() - start
            memory.stop()
            got = {(r.segment, r.stage): (r["count"], r.median) for r in rows}
            assert got == local, "the Spark patterns differ from the single-process ones"
            assert got_cases == cases
            per_core = n / took / 2
            print(f"Spark local[2], {name}, {how}: {took:7.2f} s  "
                  f"{per_core / 1e3:7.1f} k events/s per core = {per_core / (n / single):.2f}x the single "
                  f"process (JSON Lines), {per_core / (n / single_pq):.2f}x (Parquet); peak memory: Python "
                  f"workers {memory.workers / 1024:.0f} MiB, JVM {memory.jvm / 1024:.0f} MiB")
        spark.stop()
        written = shuffle_bytes(logs)
        print(f"shuffle: {written / 2**20:.0f} MiB written over 6 passes of the events, "
              f"{written / (6 * n):.1f} bytes per event per pass; {partitions} shuffle partitions "
              f"(adaptive execution coalesces them), analyze: twice the default parallelism")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`kesher report` end to end on a generated support export (issue 8, item 5).

Usage: python3 benches/report_bench.py [ROWS] [ROUNDS]   (default 1,000,000 rows, 3 rounds)

Builds the command and the seeded generator (benches/examples/gen_support_csv.rs), writes a
Twitter customer-support export of ROWS tweets, then times, on the same file and in the same run:
- `kesher report FILE` (no contracts: importing, threads, folding, emotion journeys, patterns,
  problems, retention, HTML and JSON) on every core, with `--calendar us` (the example SLA
  contracts on the US calendar as well), and on one and on two threads (`--threads`);
- the peer: Python's `csv` module merely reading every row of the same file;
- issue 21's peer: `benches/first_response_pandas.py` (pandas computing first-response times per
  brand and nothing else), with the repository's `.venv` Python when there is one.
Wall time and peak memory (the child's maximum resident set size) are printed: each run is
made ROUNDS times, the rounds one after another (every run once per round, so that a slow spell
of the machine falls on all of them), and the median of each is what is printed and compared.
"""
import csv
import statistics
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{cmd[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024  # MiB


def median_run(runs):
    """The median wall time and the largest peak of runs given as (seconds, MiB)."""
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kesher-cli"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kesher-benches",
                    "--example", "gen_support_csv"], cwd=ROOT, check=True)
    kesher = os.path.join(ROOT, "target/release/kesher")
    venv = os.path.join(ROOT, ".venv/bin/python")
    python = venv if os.path.exists(venv) else sys.executable
    script = os.path.join(ROOT, "benches/first_response_pandas.py")
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "support.csv")
        with open(data, "wb") as out:
            subprocess.run([os.path.join(ROOT, "target/release/examples/gen_support_csv"),
                            str(rows)], stdout=out, check=True)
        size = os.path.getsize(data) / 2**20
        print(f"input: {rows:,} tweets, {size:.0f} MiB (seeded Twitter support export); "
              f"medians of {rounds} rounds")
        runs = [("kesher report", []), ("kesher report --calendar us", ["--calendar", "us"]),
                ("kesher report --threads 1", ["--threads", "1"]),
                ("kesher report --threads 2", ["--threads", "2"])]
        timed = {name: [] for name, _ in runs}
        csv_times, pandas_runs = [], []
        for _ in range(rounds):
            for name, extra in runs:
                timed[name].append(run([kesher, "report", data, "--out", os.path.join(tmp, "r.html"),
                                        "--json", os.path.join(tmp, "r.json")] + extra,
                                       stderr=subprocess.DEVNULL))
            start = time.perf_counter()
            with open(data, newline="", encoding="utf-8") as f:
                n = sum(1 for _ in csv.reader(f)) - 1
            csv_times.append(time.perf_counter() - start)
            assert n == rows, n
            # Issue 21's peer: pandas computing first-response times per brand, nothing else.
            pandas_runs.append(run([python, script, data], stdout=subprocess.DEVNULL))
        results = {}
        for name, _ in runs:
            t, rss = median_run(timed[name])
            results[name] = t
            spread = f"{min(x for x, _ in timed[name]):.2f}-{max(x for x, _ in timed[name]):.2f}"
            print(f"{name:32} {t:6.2f} s  ({spread})  {rows / t / 1e6:5.2f} M rows/s  peak {rss:5.0f} MiB")
        peer = statistics.median(csv_times)
        print(f"{'peer: Python csv, rows only':32} {peer:6.2f} s  {rows / peer / 1e6:5.2f} M rows/s")
        for name, t in results.items():
            print(f"{name}: {peer / t:.2f}x the rows per second of Python merely reading them")
        t, rss = median_run(pandas_runs)
        spread = f"{min(x for x, _ in pandas_runs):.2f}-{max(x for x, _ in pandas_runs):.2f}"
        print(f"{'peer: pandas first responses':32} {t:6.2f} s  ({spread})  {rows / t / 1e6:5.2f} M rows/s  peak {rss:5.0f} MiB")
        for name, k in results.items():
            print(f"{name}: {t / k:.2f}x the speed of the pandas first-response script (target of issue 21: 3x)")

if __name__ == "__main__":
    main()

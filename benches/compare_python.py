"""Due times for ticket-open instants: kesher (Rust batch API) against Python's
`businesstimedelta` and pandas' `CustomBusinessHour`, on the same inputs and calendar, in one run.

Run from the repository root, in the venv `cargo xtask test` builds (it has kesher's Python
package, businesstimedelta, pandas and pytz):

    .venv/bin/python benches/compare_python.py [--n 1000000] [--n-slow 20000]

It also times kesher's Python package (the numpy batch API, `Calendar.add_many`) on all n
inputs and prints its throughput against the Rust batch measured in the same run, then the
same tickets as each kind of column the package reads (numpy datetime64, pandas and polars with
a time zone, Arrow), and 200,000 of them through one `Calendar.add` call each.

The workload is issue 3's: instants uniform over 2024–2025 (SplitMix64, seed 42, the same
generator as the Rust benches), 4 business hours, the Israeli desk without reduced eves
(Sunday–Thursday 09:00–17:00, Friday 09:00–13:00, Asia/Jerusalem, Israeli holidays computed
by kesher). pandas' CustomBusinessHour has one opening interval for every working day, so it is
compared on the same calendar without Friday. The Python libraries run on the first `--n-slow`
inputs; every answer they give is checked against kesher's, and throughputs are compared as
items per second.
"""
import argparse
import datetime as dt
import json
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def kesher(n, calendar, out):
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "kesher-benches", "--example",
           "due_times", "--", str(n), calendar, str(out)]
    result = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def read_pairs(path, limit):
    pairs = []
    with open(path) as f:
        for line in f:
            if len(pairs) == limit:
                break
            a, b = line.split()
            pairs.append((int(a), int(b)))
    return pairs


def timed(fn, items):
    start = time.perf_counter()
    out = [fn(x) for x in items]
    return out, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--n-slow", type=int, default=20_000)
    args = parser.parse_args()

    import businesstimedelta
    import pandas as pd
    import pytz

    tz = pytz.timezone("Asia/Jerusalem")
    tmp = pathlib.Path(tempfile.mkdtemp())
    rows = []

    plain = kesher(args.n, "plain", tmp / "plain")
    pairs = read_pairs(tmp / "plain", args.n_slow)
    holidays = [dt.date.fromisoformat(x.strip()) for x in open(tmp / "plain.dates")]

    rules = businesstimedelta.Rules([
        businesstimedelta.WorkDayRule(start_time=dt.time(9), end_time=dt.time(17),
                                      working_days=[6, 0, 1, 2, 3], tz=tz),
        businesstimedelta.WorkDayRule(start_time=dt.time(9), end_time=dt.time(13),
                                      working_days=[4], tz=tz),
        businesstimedelta.HolidayRule(holidays, tz=tz),
    ])
    four = businesstimedelta.BusinessTimeDelta(rules, hours=4)

    def btd(t):
        start = dt.datetime.fromtimestamp(t, tz=pytz.utc).astimezone(tz)
        return int((start + four).timestamp())

    got, seconds = timed(btd, [a for a, _ in pairs])
    mismatches = sum(1 for g, (_, want) in zip(got, pairs) if g != want)
    rows.append(("businesstimedelta", len(pairs), seconds, plain, mismatches))

    weekdays = kesher(args.n, "weekdays", tmp / "weekdays")
    pairs_w = read_pairs(tmp / "weekdays", args.n_slow)
    cbh = pd.offsets.CustomBusinessHour(start="09:00", end="17:00",
                                        weekmask="Sun Mon Tue Wed Thu", holidays=holidays)
    four_cbh = 4 * cbh
    starts = pd.to_datetime([a for a, _ in pairs_w], unit="s", utc=True).tz_convert(
        "Asia/Jerusalem").tz_localize(None)

    def pandas_due(local):
        # CustomBusinessHour works on wall-clock time; the result is read back in the zone.
        due = local + four_cbh
        return int(pd.Timestamp(due).tz_localize("Asia/Jerusalem").timestamp())

    # A start outside hours: CBH rolls it forward to the next opening first, as kesher does.
    got, seconds = timed(pandas_due, list(starts))
    mismatches = sum(1 for g, (_, want) in zip(got, pairs_w) if g != want)
    rows.append(("pandas CustomBusinessHour", len(pairs_w), seconds, weekdays, mismatches))

    # kesher's Python package: the numpy batch API on all n inputs, against the Rust batch.
    import numpy as np
    import kesher as kp

    all_pairs = np.loadtxt(tmp / "plain", dtype=np.int64, ndmin=2)
    starts_ns = all_pairs[:, 0] * 1_000_000_000
    calendar = kp.Calendar({
        "tz": "Asia/Jerusalem",
        "week": {d: [["09:00", "17:00"]] for d in ("sun", "mon", "tue", "wed", "thu")} | {"fri": [["09:00", "13:00"]]},
        "holidays": [d.isoformat() for d in holidays],
    })
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        due = calendar.add_many(starts_ns, dt.timedelta(hours=4))
        best = min(best, time.perf_counter() - start)
    py_mismatches = int((due // 1_000_000_000 != all_pairs[:, 1]).sum())
    py_rate = len(starts_ns) / best

    print(f"due times for ticket opens, 4 business hours, Israeli desk (kesher n = {args.n:,})")
    print(f"kesher Python package, numpy batch: {py_rate:,.0f} items/s on {len(starts_ns):,} "
          f"({py_rate / plain['per_second']:.2f}x the Rust batch's {plain['per_second']:,.0f}; "
          f"{py_mismatches} mismatches)")
    for kind, rate, wrong in columns(calendar, starts_ns, all_pairs[:, 1] * 1_000_000_000):
        print(f"  {kind:26} {rate:>14,.0f} items/s ({rate / plain['per_second']:.2f}x the Rust batch; "
              f"{wrong} mismatches)")
    per_call = one_at_a_time(calendar, starts_ns[:200_000], all_pairs[:200_000, 1])
    print(f"kesher Python package, one Calendar.add per ticket (aware datetimes in and out, 200,000): "
          f"{per_call:,.0f} calls/s")
    print(f"{'library':28} {'n':>8} {'items/s':>14} {'kesher items/s':>16} {'kesher ×':>10} {'mismatches':>11}")
    for name, n, seconds, k, mismatches in rows:
        rate = n / seconds
        print(f"{name:28} {n:>8,} {rate:>14,.0f} {k['per_second']:>16,.0f} "
              f"{k['per_second'] / rate:>10,.0f} {mismatches:>11}")
    for name, n, seconds, k, mismatches in rows:
        print(f"kesher Python (numpy batch) vs {name}: {py_rate / (n / seconds):,.0f}x")
    if py_mismatches or any(m for *_, m in rows):
        sys.exit("some answers differ from kesher's")


def columns(calendar, starts_ns, want_ns):
    """`Calendar.add_many` on the same tickets as each kind of column it reads (best of five):
    the rate and how many answers differ from the Rust batch's."""
    import numpy as np
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    kinds = {
        "numpy datetime64[ns]": starts_ns.view("datetime64[ns]"),
        "pandas, time zone aware": pd.Series(starts_ns.view("datetime64[ns]")).dt.tz_localize("UTC"),
        "polars, time zone aware": pl.Series("t", starts_ns).cast(pl.Datetime("ns")).dt.replace_time_zone("UTC"),
        "Arrow timestamp[ns, UTC]": pa.array(starts_ns, type=pa.timestamp("ns", tz="UTC")),
    }
    for kind, column in kinds.items():
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            due = calendar.add_many(column, dt.timedelta(hours=4))
            best = min(best, time.perf_counter() - start)
        got = np.asarray(pd.Series(due).astype("int64") if not isinstance(due, np.ndarray) else due.view("int64"))
        yield kind, len(starts_ns) / best, int((got != want_ns).sum())


def one_at_a_time(calendar, starts_ns, want_s):
    """Calls per second of `Calendar.add` with aware datetimes; every answer checked."""
    utc = dt.timezone.utc
    starts = [dt.datetime.fromtimestamp(int(t) // 1_000_000_000, utc) for t in starts_ns]
    four = dt.timedelta(hours=4)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        due = [calendar.add(t, four) for t in starts]
        best = min(best, time.perf_counter() - start)
    wrong = sum(1 for d, w in zip(due, want_s) if int(d.timestamp()) != int(w))
    if wrong:
        sys.exit(f"{wrong} single answers differ from the Rust batch's")
    return len(starts) / best


if __name__ == "__main__":
    main()

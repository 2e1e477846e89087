#!/usr/bin/env python3
"""Peak memory of `kesher report` at 1 M and 5 M rows, per input format (issue 22, item 4).

Usage: python3 benches/memory_bench.py [FORMAT ...]   (default: twcs events helpdesk ibm)

Builds the command, writes a seeded file of 1,000,000 and of 5,000,000 rows in each format, runs
`kesher report FILE --allow-rejects` on each and prints wall time, peak memory (the child's
maximum resident set size) and the ratio of the 5 M peak to the 1 M peak (target: at most 1.5).
A row is a tweet (twcs, written by benches/examples/gen_support_csv.rs), an event line (kesher's
JSON Lines), a log row (the help-desk event log) or a conversation (IBM's JSON array). In every
format customers come back across the whole file (customers = rows / 6, drawn at random), so
the number of distinct customers grows with the file, as in a real CRM.
"""
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UTC = dt.timezone.utc
BASE = dt.datetime(2025, 1, 1, tzinfo=UTC)
TEXTS = ["my order never arrived", "app keeps crashing, terrible", "thanks for the quick help",
         "still waiting for my refund", "password reset email never came"]


def twcs(path, rows):
    with open(path, "wb") as out:
        subprocess.run([os.path.join(ROOT, "target/release/examples/gen_support_csv"), str(rows)],
                       stdout=out, check=True)


def events(path, rows):
    """Cases of four events (opened, the customer's message, the answer, resolved)."""
    rng = random.Random(20171031)
    with open(path, "w") as f:
        written, case = 0, 0
        while written < rows:
            cid, cust = f"C{case}", f"cu{rng.randrange(rows // 6 + 1)}"
            t0 = BASE + dt.timedelta(seconds=rng.randrange(90 * 86400))
            t1 = t0 + dt.timedelta(seconds=int(60 * (4320 ** rng.random())))
            lines = [
                {"type": "opened", "case_id": cid, "at": t0.isoformat(), "customer": {"id": cust},
                 "channel": "chat", "metadata": {"brand": f"Brand{int(40 ** rng.random()) - 1}"}},
                {"type": "interaction", "case_id": cid, "seq": 1, "id": cid + "q",
                 "customer_id": cust, "at": t0.isoformat(), "channel": "chat",
                 "direction": "inbound", "actor": {"type": "customer"}, "kind": "message",
                 "text": rng.choice(TEXTS)},
                {"type": "interaction", "case_id": cid, "seq": 2, "id": cid + "a",
                 "customer_id": cust, "at": t1.isoformat(), "channel": "chat",
                 "direction": "outbound", "actor": {"type": "agent", "id": f"agent{rng.randrange(50)}"},
                 "kind": "message"},
                {"type": "status_changed", "case_id": cid, "seq": 3,
                 "at": (t1 + dt.timedelta(minutes=5)).isoformat(), "to": "resolved"},
            ][: rows - written]
            f.writelines(json.dumps(r) + "\n" for r in lines)
            written += len(lines)
            case += 1


def helpdesk(path, rows):
    """The help-desk event log: cases of four rows, grouped by case, in time order."""
    rng = random.Random(20121009)
    activities = ["Assign seriousness", "Take in charge ticket", "Resolve ticket", "Closed"]
    with open(path, "w") as f:
        f.write("Case ID,Activity,Resource,Complete Timestamp,customer\n")
        written, case = 0, 0
        while written < rows:
            cust = f"Value {rng.randrange(rows // 6 + 1)}"
            t = BASE + dt.timedelta(seconds=rng.randrange(365 * 86400))
            for activity in activities[: rows - written]:
                f.write(f"Case {case},{activity},Value {rng.randrange(30)},"
                        f"{t:%Y/%m/%d %H:%M:%S}.000,{cust}\n")
                t += dt.timedelta(seconds=int(60 * (2000 ** rng.random())))
                written += 1
            case += 1


def ibm(path, rows):
    """IBM's conversation array: a row is a conversation of a question and an answer."""
    rng = random.Random(20200401)
    with open(path, "w") as f:
        f.write("[\n")
        for i in range(rows):
            client = f"cu{rng.randrange(rows // 6 + 1)}"
            t0 = BASE + dt.timedelta(seconds=rng.randrange(90 * 86400))
            t1 = t0 + dt.timedelta(seconds=int(60 * (1000 ** rng.random())))
            brand = f"Brand{int(40 ** rng.random()) - 1}"
            conv = {"dialogHeader": {"company": brand, "sessionID": f"s{i}"},
                    "dialogContent": [
                        {"client": client, "datetime": t0.isoformat().replace("+00:00", "Z"),
                         "message": f"@{brand} {rng.choice(TEXTS)}", "tweet_ID": str(i * 2 + 1)},
                        {"agent": brand, "datetime": t1.isoformat().replace("+00:00", "Z"),
                         "message": f"@{client} sorry, we are on it ^AB", "tweet_ID": str(i * 2 + 2)}]}
            f.write(json.dumps(conv) + (",\n" if i + 1 < rows else "\n"))
        f.write("]\n")


FORMATS = {"twcs": ("csv", twcs), "events": ("jsonl", events), "helpdesk": ("csv", helpdesk),
           "ibm": ("json", ibm)}


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {status}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024  # MiB


def main():
    names = sys.argv[1:] or list(FORMATS)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kesher-cli"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kesher-benches",
                    "--example", "gen_support_csv"], cwd=ROOT, check=True)
    kesher = os.path.join(ROOT, "target/release/kesher")
    print(f"{'format':9} {'rows':>10} {'MiB in':>7} {'wall':>8} {'peak':>9}")
    for name in names:
        ext, write = FORMATS[name]
        peaks = {}
        for rows in (1_000_000, 5_000_000):
            with tempfile.TemporaryDirectory() as tmp:
                data = os.path.join(tmp, f"{name}.{ext}")
                write(data, rows)
                size = os.path.getsize(data) / 2**20
                fmt = ["--format", name] if name in ("helpdesk", "ibm") else []
                t, rss = run([kesher, "report", data, "--allow-rejects", *fmt,
                              "--out", os.path.join(tmp, "r.html")])
                peaks[rows] = rss
                print(f"{name:9} {rows:>10,} {size:7.0f} {t:7.2f}s {rss:5.0f} MiB", flush=True)
        print(f"{name:9} 5 M / 1 M peak: {peaks[5_000_000] / peaks[1_000_000]:.2f}x", flush=True)


if __name__ == "__main__":
    main()

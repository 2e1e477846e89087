#!/usr/bin/env python3
"""Two builds of `kesher report` on one file, alternated (issue 21, item 5).

Usage: python3 benches/report_ab.py BEFORE AFTER FILE [RUNS] [-- REPORT_ARGS...]

Runs `BEFORE report FILE --out …` and `AFTER report FILE --out …` RUNS times each (default 7),
alternating which goes first, and prints each build's median and best wall time and CPU time
(user + system), then checks that both wrote the same HTML. Build BEFORE from an older tree,
e.g. `git worktree add /tmp/before <commit> && cargo build --release -p kesher-cli
--manifest-path /tmp/before/Cargo.toml`. A machine's runs of one build spread by several per
cent, which is why the builds alternate and medians are compared.
"""
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    args = sys.argv[1:]
    extra = args[args.index("--") + 1:] if "--" in args else []
    args = args[:args.index("--")] if "--" in args else args
    if len(args) < 3:
        sys.exit(__doc__)
    before, after, data = args[:3]
    runs = int(args[3]) if len(args) > 3 else 7
    wall = {before: [], after: []}
    cpu = {before: [], after: []}
    with tempfile.TemporaryDirectory() as tmp:
        out = {before: os.path.join(tmp, "before.html"), after: os.path.join(tmp, "after.html")}
        for i in range(runs):
            for build in (before, after) if i % 2 == 0 else (after, before):
                start = time.perf_counter()
                proc = subprocess.Popen([build, "report", data, "--out", out[build], *extra],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(proc.pid, 0)
                if status != 0:
                    sys.exit(f"{build} failed with status {status}")
                wall[build].append(time.perf_counter() - start)
                cpu[build].append(usage.ru_utime + usage.ru_stime)
        for name, build in (("before", before), ("after", after)):
            print(f"{name}: wall median {statistics.median(wall[build]):.3f} s, best "
                  f"{min(wall[build]):.3f} s; CPU median {statistics.median(cpu[build]):.2f} s")
        same = filecmp.cmp(out[before], out[after], shallow=False)
        print("reports identical" if same else "REPORTS DIFFER")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()

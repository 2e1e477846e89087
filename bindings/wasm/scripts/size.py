#!/usr/bin/env python3
"""The size of the package's .wasm, gzipped, and what dominates it.

    python3 bindings/wasm/scripts/size.py PKG.wasm [--budget 350000] [--probe PROBE.wasm]
    python3 bindings/wasm/scripts/size.py --text pkg/text

Prints the raw and gzip -9 sizes of PKG.wasm and fails (exit 1) above the budget (bytes, gzipped;
350,000 by default, the default entry's budget) unless --report-only. With --text, the gzipped
size of each text asset (the scorer's lexicon and model, which init() loads). With --probe (the same crate built with symbol names kept, as
`build.sh --probe` does), it also attributes the code to crates (by each function's mangled
name) and the data section to its segments, the largest first.
"""

import argparse
import gzip
import os
import re
import sys
from collections import Counter


def leb(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j : j + size]
        i = j + size


def names(payload):
    """Function index -> name, from the custom `name` section."""
    n, i = leb(payload, 0)
    name = bytes(payload[i : i + n]).decode()
    i += n
    out = {}
    if name != "name":
        return out
    while i < len(payload):
        kind = payload[i]
        size, i = leb(payload, i + 1)
        end = i + size
        if kind == 1:
            count, i = leb(payload, i)
            for _ in range(count):
                idx, i = leb(payload, i)
                ln, i = leb(payload, i)
                out[idx] = bytes(payload[i : i + ln]).decode("utf-8", "replace")
                i += ln
        i = end
    return out


def imported_functions(payload):
    count, i = leb(payload, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):
            ln, i = leb(payload, i)
            i += ln
        kind = payload[i]
        i += 1
        if kind == 0:
            _, i = leb(payload, i)
            funcs += 1
        elif kind == 1:
            i += 1
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 2:
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 3:
            i += 2
    return funcs


CRATE = re.compile(r"_ZN(\d+)(\w+?)(?=\d|$)|_R\w*?C\w*?(\d+)(\w+)")


def crate_of(name):
    """The crate a (legacy-mangled or demangled) Rust symbol belongs to."""
    m = re.match(r"_ZN(\d+)", name)
    if m:
        n = int(m.group(1))
        start = m.end()
        first = name[start : start + n]
        if first.startswith("_$LT$"):  # <T as Trait>::f: the impl's type decides
            inner = re.search(r"_\$LT\$(\w+?)\.\.", first)
            return inner.group(1) if inner else "<impl>"
        return first
    if "::" in name:
        return name.lstrip("<").split("::", 1)[0]
    return "(other)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wasm", nargs="?")
    ap.add_argument("--budget", type=int, default=350_000)
    ap.add_argument("--text", help="a folder of text assets: each file's gzipped size, and their sum")
    ap.add_argument("--probe")
    ap.add_argument("--report-only", action="store_true", help="print, never fail")
    a = ap.parse_args()
    if a.text:
        total = 0
        for name in sorted(os.listdir(a.text)):
            gz = len(gzip.compress(open(os.path.join(a.text, name), "rb").read(), 9))
            total += gz
            print(f"{a.text}/{name}: {gz:,} bytes gzipped")
        print(f"{a.text}: {total:,} bytes gzipped in all")
    if not a.wasm:
        return
    raw = open(a.wasm, "rb").read()
    gz = len(gzip.compress(raw, 9))
    print(f"{a.wasm}: {len(raw):,} bytes, {gz:,} bytes gzipped (budget {a.budget:,})")
    if a.probe:
        buf = open(a.probe, "rb").read()
        secs = list(sections(buf))
        imports = next((imported_functions(p) for s, p in secs if s == 2), 0)
        fn_names = {}
        for sid, p in secs:
            if sid == 0:
                fn_names.update(names(p))
        by_crate = Counter()
        code_total = data_total = 0
        for sid, p in secs:
            if sid == 10:
                count, i = leb(p, 0)
                for k in range(count):
                    size, j = leb(p, i)
                    by_crate[crate_of(fn_names.get(imports + k, "?"))] += size
                    code_total += size
                    i = j + size
            if sid == 11:
                data_total = len(p)
        print(f"probe {a.probe}: code {code_total:,} bytes, data {data_total:,} bytes (raw, before gzip)")
        print("code by crate, largest first:")
        for crate, size in by_crate.most_common(15):
            print(f"  {size:>9,}  {100 * size / max(code_total, 1):5.1f} %  {crate}")
    if gz > a.budget and not a.report_only:
        print(f"over budget by {gz - a.budget:,} bytes", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Replays a support-data export through the example help desk and checks every case against a
batch evaluation.

    python examples/crm/replay.py FILE [--db URL] [--format F] [--contracts C] [--rules R] [--lang he]

FILE: anything kesher reads (kesher events, the Twitter support CSV, IBM's JSON, 311 tables,
Zendesk/Freshdesk/Zammad/Chatwoot exports). --db: a SQLite file (default: in memory) or a
postgresql:// URL. Prints one JSON line per case (where it stands, from its snapshot) and a
summary on standard error; exits 1 when a case differs from the batch evaluation.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import kesher  # noqa: E402

from kesher_crm import HelpDesk, batch_states, replay  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--db", default=None)
    ap.add_argument("--format", default=None)
    ap.add_argument("--contracts", default=str(HERE / "contracts.json"))
    ap.add_argument("--rules", default=str(HERE / "rules.json"))
    ap.add_argument("--lang", default="en", choices=["en", "he"])
    a = ap.parse_args()
    events, summary = kesher.read_events(a.file, format=a.format)
    desk = HelpDesk(
        pathlib.Path(a.contracts).read_text(),
        pathlib.Path(a.rules).read_text(),
        store=a.db,
        lang=a.lang,
        auto_confirm=True,
    )
    counts = replay(desk, events)
    expected = batch_states(desk, counts["until"])
    differ = 0
    for case_id in desk.case_ids():
        where = desk.where(case_id)
        batch = expected[case_id]
        same = where["targets"] == batch["targets"] and where["status"] == (batch["case"].status if batch["case"] else None)
        differ += not same
        print(json.dumps({**where, "equals_batch": same}, ensure_ascii=False))
    print(
        f"{a.file}: {summary['read']} rows read, {summary['rejected']} rejected; {counts['applied']} events applied, "
        f"{counts['woken']} wake-ups, {counts['escalations']} escalations; {len(expected)} cases, {differ} differ "
        f"from the batch evaluation",
        file=sys.stderr,
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""Replaying an export through the help desk, in the order things happened, and the batch
evaluation it must agree with."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, Iterable, List, Optional

import kesher

from kesher_crm.desk import HelpDesk, instant
from kesher_crm.store import Event


def replay(desk: HelpDesk, events: Iterable[Event], until: Optional[dt.datetime] = None) -> Dict[str, Any]:
    """Feeds ``events`` to ``desk`` by instant (stable for ties: the order given), each at its
    own instant, and wakes the desk at ``until`` (the last event's instant when None). Returns
    counts: events applied, escalations asked, wake-ups served, the last instant."""
    ordered = sorted(enumerate(events), key=lambda pair: (instant(pair[1]["at"]), pair[0]))
    applied = asked = 0
    last = None
    for _, event in ordered:
        now = instant(event["at"])
        if last is not None and now < last:
            now = last
        asked += sum(len(w["escalations"]) for w in desk.wake(now))
        out = desk.receive(event, now)
        applied += 1
        asked += len(out["escalations"])
        last = now
    end = until or last
    if end is not None:
        asked += sum(len(w["escalations"]) for w in desk.wake(end))
    return {"applied": applied, "escalations": asked, "woken": desk.woken, "until": end}


def batch_states(desk: HelpDesk, now: dt.datetime) -> Dict[str, Dict[str, Any]]:
    """Each case folded at once from every event the desk stored (its own escalations
    included) and evaluated at ``now``: what the live states must equal."""
    out: Dict[str, Dict[str, Any]] = {}
    for case_id in desk.case_ids():
        folded = kesher.fold(desk.history(case_id))
        cases: List[kesher.Case] = folded.cases
        if not cases:
            out[case_id] = {"case": None, "targets": []}
            continue
        case = cases[0]
        sla = desk.engine.evaluate(case, now)
        targets = [{k: t.get(k) for k in ("metric", "contract", "state", "due_at", "cycle")} for t in sla.targets]
        out[case_id] = {"case": case, "targets": targets}
    return out

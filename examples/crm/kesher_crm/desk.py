"""A small help-desk back end on kesher: events in, snapshots and wake-ups kept in a database,
escalations asked for and recorded, and "where does this case stand" read from the snapshot.

Only kesher decides: the desk stores what ``LiveCase`` and ``EscalationRules`` hand back and
calls them again when the ``WakeSchedule`` says a case is due.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Dict, List, Optional, Tuple, Union

import kesher

from kesher_crm.store import FIRST_ESCALATION_SEQ, Event, Store

Json = Union[str, Dict[str, Any], List[Any]]


def instant(text: str) -> dt.datetime:
    """An RFC 3339 instant of the JSON contract as an aware ``datetime`` (to the microsecond,
    rounded up, as ``LiveCase.wake_at`` rounds)."""
    text = text.replace("Z", "+00:00")
    head, _, tail = text.partition(".")
    if not tail:
        return dt.datetime.fromisoformat(text)
    digits = re.match(r"\d*", tail).group(0)  # type: ignore[union-attr]
    zone = tail[len(digits):]
    micros = int(digits[:6].ljust(6, "0")) + (1 if digits[6:].strip("0") else 0)
    return dt.datetime.fromisoformat(head + zone) + dt.timedelta(microseconds=micros)


def rfc3339(at: dt.datetime) -> str:
    return at.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


class HelpDesk:
    """Cases kept live in a database.

    ``contracts`` and ``rules``: as ``kesher.ContractSet`` and ``kesher.EscalationRules`` take
    them. ``store``: a ``Store`` or its URL (``None``: an in-memory SQLite database).
    ``auto_confirm``: carry out every escalation at once (a replay; a real desk asks a person).
    """

    def __init__(
        self,
        contracts: Json,
        rules: Optional[Json] = None,
        store: Union[Store, str, None] = None,
        lang: str = "en",
        auto_confirm: bool = False,
    ) -> None:
        self.contracts = kesher.ContractSet(contracts)
        self.engine = kesher.SlaEngine(self.contracts)
        self.rules = kesher.EscalationRules(rules if rules is not None else [])
        self.rules.check(self.contracts)
        self.store = store if isinstance(store, Store) else Store(store)
        self.lang = lang
        self.auto_confirm = auto_confirm
        self.schedule = kesher.WakeSchedule()
        for case_id, at in self.store.wake_ups():
            self.schedule.set(case_id, instant(at))
        self.woken = 0

    # the case behind a snapshot ---------------------------------------------------------------

    def _load(self, case_id: str) -> Tuple[kesher.LiveCase, int]:
        stored = self.store.snapshot(case_id)
        if stored is None:
            return kesher.LiveCase(case_id), FIRST_ESCALATION_SEQ
        body, next_seq = stored
        return kesher.LiveCase.from_snapshot(body), next_seq

    def _save(self, live: kesher.LiveCase, next_seq: int) -> None:
        wake = live.wake_at
        self.store.save_snapshot(live.case_id, live.to_snapshot(), rfc3339(wake) if wake else None, next_seq)
        self.schedule.set(live.case_id, wake)

    def _asked(self, live: kesher.LiveCase, next_seq: int, escalations: List[Event]) -> Tuple[List[Event], int]:
        """Stores what the rules asked for; carries it out at once when ``auto_confirm``."""
        out = []
        for escalation in escalations:
            escalation_id = self.store.add_escalation(escalation)
            out.append({"id": escalation_id, **escalation})
            if self.auto_confirm:
                next_seq = self._carry_out(live, next_seq, escalation_id, escalation)
        return out, next_seq

    def _carry_out(self, live: kesher.LiveCase, next_seq: int, escalation_id: int, escalation: Event) -> int:
        events = live.escalation_events(escalation, next_seq)
        self.store.append_events(live.case_id, events)
        live.record(escalation, self.engine, next_seq)
        self.store.mark_done(escalation_id)
        return next_seq + len(events)

    # what a host calls -----------------------------------------------------------------------

    def receive(self, event: Json, now: dt.datetime) -> Dict[str, Any]:
        """Applies one incoming event at ``now`` (after any wake-up due by then): what changed
        and the escalations it set off (each with the ``id`` to ``confirm`` it by)."""
        body = json.loads(event) if isinstance(event, str) else dict(event)
        kesher.check_event(body)  # a bad event is refused here, naming its field, before anything is stored
        self.wake(now)
        live, next_seq = self._load(body["case_id"])
        changes, escalations = self.rules.apply(live, body, self.engine, now, lang=self.lang)
        self.store.append_events(live.case_id, [body])
        asked, next_seq = self._asked(live, next_seq, escalations)
        self._save(live, next_seq)
        self.store.commit()
        return {"changes": changes, "escalations": asked}

    def wake(self, now: dt.datetime) -> List[Dict[str, Any]]:
        """Reads every case due by ``now`` at its own wake-up instant, earliest first (a case
        may fall due again before ``now``): what the clock changed and what the rules asked."""
        out = []
        while True:
            due = self.schedule.due(now)
            if not due:
                break
            for case_id, at in due:
                live, next_seq = self._load(case_id)
                changes, escalations = self.rules.tick(live, self.engine, at, lang=self.lang)
                asked, next_seq = self._asked(live, next_seq, escalations)
                self._save(live, next_seq)
                self.woken += 1
                out.append({"changes": changes, "escalations": asked})
        self.store.commit()
        return out

    def confirm(self, escalation_id: int) -> Dict[str, Any]:
        """Records an escalation the host carried out in its case (the audit trail explains it)."""
        found = self.store.escalation(escalation_id)
        if found is None:
            raise KeyError(f"no escalation {escalation_id}")
        escalation, done = found
        if done:
            raise ValueError(f"escalation {escalation_id} was already carried out")
        live, next_seq = self._load(escalation["case_id"])
        next_seq = self._carry_out(live, next_seq, escalation_id, escalation)
        self._save(live, next_seq)
        self.store.commit()
        return {"case_id": live.case_id, "seq_next": next_seq}

    def pending(self) -> List[Dict[str, Any]]:
        """Escalations asked for and not yet carried out."""
        return [{"id": i, **e} for i, e in self.store.pending()]

    def where(self, case_id: str) -> Dict[str, Any]:
        """Where a case stands, from its snapshot alone (no history is read)."""
        stored = self.store.snapshot(case_id)
        if stored is None:
            raise KeyError(f"no case {case_id}")
        live = kesher.LiveCase.from_snapshot(stored[0])
        case, sla, wake = live.case, live.sla, live.wake_at
        return {
            "case_id": case_id,
            "status": case.status if case else None,
            "priority": case.priority if case else None,
            "team": case.team if case else None,
            "targets": [
                {k: t.get(k) for k in ("metric", "contract", "state", "due_at", "cycle")} for t in (sla.targets if sla else [])
            ],
            "read_at": rfc3339(live.seen_at) if live.seen_at else None,
            "wake_at": rfc3339(wake) if wake else None,
            "held": live.rejected,
        }

    def case_ids(self) -> List[str]:
        return self.store.case_ids()

    def history(self, case_id: str) -> List[Event]:
        """Every event applied to a case, in arrival order."""
        return self.store.events(case_id)

"""kesher: the customer-experience core a CRM embeds — cases folded from events, SLAs on
business calendars, and the emotion graph of each customer's journey.

The classes are the Rust core's, through a thin native layer; dicts follow the JSON contract
(docs/json-contract.md). Instants are timezone-aware ``datetime`` objects (naive ones are
refused), durations ``timedelta``. Every error is a :class:`KesherError` (a ``ValueError``).
"""

from __future__ import annotations

import enum
from typing import Any

import numpy as np

from kesher import _arrays
from kesher._native import (
    ArrowBatch,
    Case,
    Catalogue,
    Customer,
    Interaction,
    ReplyTemplate,
    Report,
    acknowledgement,
    CaseSla,
    ConflictingEventError,
    ContractSet,
    CurrencyMismatchError,
    EmotionModel,
    EndBeforeStartError,
    EscalationRules,
    FoldResult,
    IllegalTransitionError,
    InvalidCalendarError,
    ArgumentError,
    InvalidInputError,
    InvalidJsonError,
    Journey,
    KesherError,
    LiveCase,
    MissingFieldError,
    NegativeDurationError,
    NoWorkingTimeError,
    UnsupportedError,
    InternalError,
    ERROR_KINDS,
    MetricsBuilder,
    Pattern,
    PatternBuilder,
    ProblemSample,
    RetentionTally,
    SlaEngine,
    __version__,
    case_states,
    check_event,
    fold,
    read_cases,
    read_events,
    read_messages,
    recurring_problems,
    service_metrics,
    WakeSchedule,
)
from kesher._native import Calendar as _NativeCalendar

__all__ = [
    "Calendar", "Case", "Catalogue", "Customer", "Interaction", "ReplyTemplate", "Report", "acknowledgement", "CaseSla", "CaseStatus", "ContractSet", "EmotionModel", "FoldResult",
    "EscalationRules", "Journey", "Language", "LiveCase", "WakeSchedule", "MetricsBuilder", "Pattern", "PatternBuilder", "Priority", "ProblemSample", "RetentionTally", "SlaEngine", "TargetState",
    "KesherError", "InvalidInputError", "ArgumentError", "MissingFieldError", "IllegalTransitionError",
    "ConflictingEventError", "CurrencyMismatchError", "InvalidJsonError", "InvalidCalendarError",
    "NoWorkingTimeError", "EndBeforeStartError", "NegativeDurationError", "UnsupportedError",
    "InternalError", "ERROR_KINDS",
    "case_states", "check_event", "fold", "read_cases", "read_events", "read_messages", "recurring_problems", "service_metrics", "__version__",
]


from kesher._guard import guard, guard_class

for _cls in (Case, Customer, Interaction, ReplyTemplate, Report, CaseSla, ContractSet, EmotionModel,
             FoldResult, Journey, MetricsBuilder, Pattern, PatternBuilder, ProblemSample, RetentionTally, SlaEngine, LiveCase, WakeSchedule,
             EscalationRules, Catalogue):
    guard_class(_cls)
acknowledgement = guard(acknowledgement)
case_states = guard(case_states)
check_event = guard(check_event)
fold = guard(fold)
read_cases = guard(read_cases)
read_events = guard(read_events)
read_messages = guard(read_messages)
recurring_problems = guard(recurring_problems)
service_metrics = guard(service_metrics)


class CaseStatus(str, enum.Enum):
    """Where a case stands (``Case.status`` is one of these values)."""

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"
    RELEASED = "released"
    REOPENED = "reopened"


class Priority(str, enum.Enum):
    """A case's priority."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TargetState(str, enum.Enum):
    """The state of one SLA target."""

    RUNNING = "running"
    PAUSED = "paused"
    WARNING = "warning"
    BREACHED = "breached"
    MET = "met"
    MET_LATE = "met_late"
    CANCELLED = "cancelled"


class Language(str, enum.Enum):
    """Languages of statements and pictures."""

    EN = "en"
    HE = "he"
    AR = "ar"
    RU = "ru"


class Calendar(_NativeCalendar):
    """A business calendar: opening hours per weekday in a time zone, holidays, special days.

    ``Calendar("israel")``, ``Calendar("us")``, ``Calendar("uk")`` are the presets; any other
    calendar comes from its JSON contract as a dict or text.
    """

    to_dict = guard(_NativeCalendar.to_dict)
    to_json = guard(_NativeCalendar.to_json)

    @guard
    def add_many(self, starts: Any, duration: Any, *, unit: str = "ns") -> Any:
        """Due instants for many starts with one duration of working time.

        ``starts`` is a numpy ``datetime64`` or int64 array (``unit`` since the epoch), a
        timezone-aware pandas or polars Series (polars read natively, no pyarrow needed), an
        Arrow array (pyarrow and others through the PyCapsule interface) or a list of aware
        datetimes; the result is the same kind of column. The GIL is released while kesher
        computes.
        """
        ns, back = _arrays.to_ns("starts", starts, unit)
        out = np.empty_like(ns)
        self._add_batch(ns, _arrays.duration_ns("duration", duration), out, "ns")
        return back(out)

    @guard
    def add_each_many(self, starts: Any, durations: Any, *, unit: str = "ns") -> Any:
        """Due instants with a duration per start (``durations``: timedelta64 or seconds)."""
        ns, back = _arrays.to_ns("starts", starts, unit)
        d_ns = _arrays.durations_ns("durations", durations)
        out = np.empty_like(ns)
        self._add_each_batch(ns, d_ns, out, "ns")
        return back(out)

    @guard
    def elapsed_many(self, starts: Any, ends: Any, *, unit: str = "ns") -> np.ndarray:
        """Working time between pairs, as numpy ``timedelta64[ns]``."""
        return self._pairs(self._elapsed_batch, starts, ends, unit).view("timedelta64[ns]")

    @staticmethod
    def _pairs(batch: Any, starts: Any, ends: Any, unit: str) -> np.ndarray:
        a, _ = _arrays.to_ns("starts", starts, unit)
        b, _ = _arrays.to_ns("ends", ends, unit)
        out = np.empty_like(a)
        batch(a, b, out, "ns")
        return out

    def _instants(self, op: str, at: Any, n: Any, unit: str) -> Any:
        ns, back = _arrays.to_ns("at", at, unit)
        out = np.empty_like(ns)
        self._instant_batch(op, ns, n, out, "ns")
        return back(out)

    @guard
    def is_open_many(self, at: Any, *, unit: str = "ns") -> np.ndarray:
        """Whether the calendar is open at each instant (the column form of :meth:`is_open`), as
        a numpy bool array."""
        ns, _ = _arrays.to_ns("at", at, unit)
        out = np.empty(len(ns), dtype=np.bool_)
        self._is_open_batch(ns, out, "ns")
        return out

    @guard
    def next_open_many(self, at: Any, *, unit: str = "ns") -> Any:
        """The next opening at or after each instant (the column form of :meth:`next_open`)."""
        return self._instants("next_open", at, 0, unit)

    @guard
    def sub_many(self, ends: Any, duration: Any, *, unit: str = "ns") -> Any:
        """For each end, the latest instant with ``duration`` of working time up to it: the
        column form of :meth:`sub` (columns as :meth:`add_many` takes them)."""
        ns, back = _arrays.to_ns("ends", ends, unit)
        out = np.empty_like(ns)
        self._instant_batch("sub", ns, _arrays.duration_ns("duration", duration), out, "ns")
        return back(out)

    @guard
    def previous_open_many(self, at: Any, *, unit: str = "ns") -> Any:
        """The latest opening at or before each instant (the column form of :meth:`previous_open`)."""
        return self._instants("previous_open", at, 0, unit)

    @guard
    def next_close_many(self, at: Any, *, unit: str = "ns") -> Any:
        """The first closing after each instant (the column form of :meth:`next_close`)."""
        return self._instants("next_close", at, 0, unit)

    @guard
    def previous_close_many(self, at: Any, *, unit: str = "ns") -> Any:
        """The latest closing at or before each instant (the column form of :meth:`previous_close`)."""
        return self._instants("previous_close", at, 0, unit)

    @guard
    def add_days_many(self, at: Any, days: int, *, unit: str = "ns") -> Any:
        """Each instant moved by ``days`` open days at the same local time of day (the column
        form of :meth:`add_days`)."""
        return self._instants("add_days", at, days, unit)

    @guard
    def open_days_between_many(self, starts: Any, ends: Any, *, unit: str = "ns") -> np.ndarray:
        """Open days from each start's local date up to, not including, its end's, as int64."""
        return self._pairs(self._open_days_between_batch, starts, ends, unit)

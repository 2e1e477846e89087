"""No input from Python crashes the interpreter: random JSON-shaped values and random objects
into every constructor and method either work or raise KesherError."""

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import kesher

UTC = dt.timezone.utc
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20,
)
keys = st.sampled_from(["tz", "week", "mon", "type", "case_id", "at", "customer", "id", "channel", "name",
                        "calendar", "targets", "metric", "within", "points", "emotion", "holidays", "overrides"])
shaped = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.sampled_from(
        ["UTC", "israel", "09:00", "17:00", "2025-01-06T09:00:00Z", "opened", "chat", "first_response"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=25,
)
anything = json_values | shaped | st.text() | st.binary() | st.datetimes() | st.timedeltas()


def must_not_crash(fn, *args):
    try:
        fn(*args)
    except kesher.KesherError:
        pass


@settings(max_examples=300, deadline=None)
@given(shaped | json_values | st.text())
def test_constructors(value):
    for cls in (kesher.Calendar, kesher.ContractSet, kesher.Journey):
        must_not_crash(cls, value)
    must_not_crash(kesher.Case.from_events, [value])
    must_not_crash(kesher.Case.from_dict, value)
    must_not_crash(kesher.check_event, value)
    must_not_crash(kesher.fold, [value, value])


@settings(max_examples=200, deadline=None)
@given(anything, anything)
def test_calendar_methods(a, b):
    cal = kesher.Calendar("israel")
    for fn in (cal.add, cal.elapsed):
        must_not_crash(fn, a, b)
    must_not_crash(cal.is_open, a)
    must_not_crash(cal.next_open, a)
    must_not_crash(cal.due_times, [a], b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-(2**62), 2**62), max_size=50), st.integers(0, 10**15))
def test_batch_extremes(starts, seconds):
    cal = kesher.Calendar("us")
    must_not_crash(cal.due_times, np.array(starts, dtype=np.int64), seconds)
    must_not_crash(cal.elapsed_many, np.array(starts, dtype=np.int64), np.array(starts[::-1], dtype=np.int64))


@given(st.datetimes(timezones=st.just(UTC)), st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=300)))
@settings(max_examples=150, deadline=None)
def test_elapsed_inverts_add(start, d):
    cal = kesher.Calendar("israel")
    try:
        due = cal.add(start, d)
    except kesher.KesherError:
        return
    assert cal.elapsed(start, due) == d

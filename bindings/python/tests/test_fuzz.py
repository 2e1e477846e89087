"""No input from Python crashes the interpreter: random JSON-shaped values and random objects
into every constructor and method either work or raise KesherError."""

import datetime as dt
import inspect

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
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
    must_not_crash(cal.add_many, [a], b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-(2**62), 2**62), max_size=50), st.integers(0, 10**15))
def test_batch_extremes(starts, seconds):
    cal = kesher.Calendar("us")
    must_not_crash(cal.add_many, np.array(starts, dtype=np.int64), seconds)
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


# ---- every public call, every column type (issue 22, item 5) --------------------------------


_OPENED = {"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"},
           "channel": "chat"}
_UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps"]


def _instances():
    case = kesher.Case.from_events([_OPENED])
    contracts = kesher.ContractSet([{"name": "std", "calendar": "israel",
                                     "targets": [{"metric": "first_response", "within": 3600}]}])
    journey = kesher.Journey({"customer_id": "c", "points": []})
    builder = kesher.PatternBuilder()
    return {
        "Calendar": kesher.Calendar("israel"), "Case": case, "ContractSet": contracts,
        "SlaEngine": kesher.SlaEngine(contracts), "EmotionModel": kesher.EmotionModel(),
        "Journey": journey, "PatternBuilder": builder,
        "Customer": kesher.Customer({"id": "c", "name": "N"}),
        "Report": kesher.Report([case]),
        "MetricsBuilder": kesher.MetricsBuilder(), "ProblemSample": kesher.ProblemSample(),
        "RetentionTally": kesher.RetentionTally(),
        "ArrowBatch": kesher.case_states([case]),
    }


def _public_calls():
    calls = []
    for name in kesher.__all__:
        obj = getattr(kesher, name)
        if inspect.isclass(obj) and (issubclass(obj, BaseException) or issubclass(obj, str)):
            continue
        if callable(obj):
            calls.append((name, obj))
    for cname, inst in _instances().items():
        for m in dir(inst):
            if m.startswith("_"):
                continue
            attr = getattr(inst, m)
            if callable(attr):
                calls.append((f"{cname}.{m}", attr))
    return calls


_CALLS = _public_calls()

datetime64_arrays = st.builds(
    lambda unit, values: np.array(values, dtype="int64").astype(f"datetime64[{unit}]"),
    st.sampled_from(_UNITS),
    st.lists(st.integers(-(2**63) + 1, 2**63 - 1) | st.integers(-(10**6), 10**6), max_size=4),
)
columns = st.one_of(
    datetime64_arrays,
    st.lists(st.integers(-(2**63), 2**63 - 1), max_size=4).map(lambda v: np.array(v, dtype="int64")),
    st.lists(st.floats(), max_size=4).map(lambda v: np.array(v, dtype="float64")),
    st.lists(st.text(max_size=5), max_size=4).map(lambda v: np.array(v, dtype=object)),
    st.lists(st.integers(-(2**62), 2**62), max_size=3).map(
        lambda v: pd.Series(np.array(v, dtype="int64").astype("datetime64[ns]"))),
    st.lists(st.datetimes(timezones=st.just(UTC)), max_size=3).map(pd.Series),
    st.lists(st.integers(0, 2**40), max_size=3).map(lambda v: pa.array(v, type=pa.timestamp("ms"))),
    st.lists(st.integers(-(2**62), 2**62), max_size=3).map(lambda v: pa.array(v, type=pa.int64())),
)
arguments = st.one_of(
    anything, columns, st.integers(), st.just("\ud800"), st.just(2**80),
    st.sampled_from([kesher.Case.from_events([_OPENED]), kesher.Calendar("us")]),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_CALLS), st.lists(arguments, max_size=3),
       st.dictionaries(st.sampled_from(["unit", "lang", "now", "segment_key", "stages", "contracts"]),
                       arguments, max_size=2))
def test_every_public_call_raises_only_kesher_errors(call, args, kwargs):
    name, fn = call
    try:
        fn(*args, **kwargs)
    except kesher.KesherError as e:
        assert e.kind and isinstance(e.kind, str), (name, e)


@pytest.mark.parametrize("call", [
    lambda: kesher.Calendar(),
    lambda: kesher.Calendar("us", "uk"),
    lambda: kesher.Calendar(definition="us", zone="x"),
    lambda: kesher.Report(),
    lambda: kesher.Report([], None, None, None, None, None, None, 8),
    lambda: kesher.PatternBuilder(stages=None, threshold=None, colour=1),
    lambda: kesher.EmotionModel(True, "brand", None, None, 1),
    lambda: kesher.Calendar("us").add(),
    lambda: kesher.Calendar("us").add(dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc)),
    lambda: kesher.Calendar("us").elapsed(1, 2, 3),
    lambda: kesher.Calendar("us").is_open(),
    lambda: kesher.Calendar("us").next_open(at=None, when=None),
    lambda: kesher.Calendar("us", definition="us"),
    lambda: kesher.Calendar("us").is_open(dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc), at=None),
    lambda: kesher.PatternBuilder(None, stages=None),
])
def test_a_wrong_number_of_arguments_is_an_argument_error(call):
    with pytest.raises(kesher.ArgumentError) as caught:
        call()
    assert isinstance(caught.value, kesher.KesherError) and isinstance(caught.value, TypeError)
    assert caught.value.kind == "invalid_input" and caught.value.field


def test_argument_errors_are_kesher_errors_and_type_errors():
    with pytest.raises(kesher.ArgumentError) as caught:
        kesher.PatternBuilder().add()
    assert isinstance(caught.value, kesher.KesherError) and isinstance(caught.value, TypeError)
    assert caught.value.kind == "invalid_input"
    with pytest.raises(kesher.InvalidInputError, match="journey"):
        kesher.PatternBuilder().add(5)
    with pytest.raises(kesher.ArgumentError, match="Case"):
        kesher.EmotionModel().journey(None, None)
    with pytest.raises(kesher.InvalidInputError, match="from_events"):
        kesher.Case()
    with pytest.raises(kesher.KesherError, match="lexicon"):
        kesher.EmotionModel(lexicon={})
    with pytest.raises(kesher.KesherError):
        kesher.read_cases("\ud800")
    with pytest.raises(kesher.KesherError):
        kesher.Calendar("us").add_many([object()], 3600)

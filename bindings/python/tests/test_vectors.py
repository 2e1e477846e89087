"""The shared vectors in tests/vectors/: the same answers as the Rust suite."""

import datetime as dt
import json
import pathlib

import numpy as np
import pytest

import kesher

ROOT = pathlib.Path(__file__).resolve().parents[3]


def vectors(name):
    return json.loads((ROOT / "tests" / "vectors" / f"{name}.json").read_text())["vectors"]


def subset(expected, actual, path):
    if isinstance(expected, dict):
        for k, v in expected.items():
            subset(v, (actual or {}).get(k), f"{path}.{k}")
    elif isinstance(expected, (int, float)) and not isinstance(expected, bool):
        assert actual == pytest.approx(expected), path
    else:
        assert expected == actual, path


@pytest.mark.parametrize("v", vectors("fold"), ids=lambda v: v["name"])
def test_fold(v):
    expect = v["expect"]
    if "case" in expect:
        case = kesher.Case.from_events(v["events"])
        subset(expect["case"], case.to_dict(), v["name"])
    else:
        with pytest.raises(kesher.KesherError) as e:
            kesher.Case.from_events(v["events"])
        assert e.value.kind == expect["error"]["kind"]
        assert e.value.field == expect["error"].get("field")


@pytest.mark.parametrize("v", vectors("events"), ids=lambda v: v["name"])
def test_events(v):
    if v["expect"].get("ok"):
        assert kesher.check_event(v["input"]) == v["expect"]["ok"]
    else:
        with pytest.raises(kesher.KesherError) as e:
            kesher.check_event(v["input"])
        assert e.value.kind == v["expect"]["error"]["kind"]
        assert e.value.field == v["expect"]["error"].get("field")


def parse(t):
    t = t.replace("Z", "+00:00")
    if "." in t:  # fromisoformat on Python < 3.11 takes at most 6 digits of fraction
        head, tail = t.split(".", 1)
        digits, zone = tail[:-6], tail[-6:]
        t = f"{head}.{digits[:6].ljust(6, '0')}{zone}"
    return dt.datetime.fromisoformat(t)


def answer(req):
    cal = kesher.Calendar(req["calendar"])
    i = req["input"]
    op = req["op"]
    if op == "add":
        return cal.add(parse(i["start"]), dt.timedelta(seconds=i["seconds"]))
    if op == "elapsed":
        return cal.elapsed(parse(i["start"]), parse(i["end"]))
    if op == "is_open":
        return cal.is_open(parse(i["at"]))
    if op == "sub":
        return cal.sub(parse(i["end"]), dt.timedelta(seconds=i["seconds"]))
    if op == "add_days":
        return cal.add_days(parse(i["at"]), i["days"])
    if op == "open_days_between":
        return cal.open_days_between(parse(i["start"]), parse(i["end"]))
    if op in ("next_open", "previous_open", "next_close", "previous_close"):
        return getattr(cal, op)(parse(i["at"]))
    raise AssertionError(op)


OPS = {"add": ("start", "seconds"), "sub": ("end", "seconds"), "elapsed": ("start", "end"),
       "is_open": ("at",), "next_open": ("at",), "previous_open": ("at",), "next_close": ("at",),
       "previous_close": ("at",), "add_days": ("at", "days"), "open_days_between": ("start", "end")}
# Three vectors test the JSON protocol itself (an unknown op, a missing input, an instant that
# is not RFC 3339); the Python API takes datetime objects, so they have no counterpart here.
PROTOCOL = {"err_unknown_op", "err_missing_input", "err_bad_instant"}
CALENDAR = [v for v in vectors("calendar") if v["name"] not in PROTOCOL]


def test_every_calendar_vector_but_the_protocols_own_runs():
    names = {v["name"] for v in vectors("calendar")}
    assert PROTOCOL <= names
    assert len(CALENDAR) == len(names) - len(PROTOCOL) >= 31


def column(t):
    return np.array([t.rstrip("Z")], dtype="datetime64[ns]")


MANY = {
    "sub": lambda c, i: c.sub_many(column(i["end"]), np.timedelta64(round(i["seconds"] * 10**9), "ns")),
    "previous_open": lambda c, i: c.previous_open_many(column(i["at"])),
    "next_close": lambda c, i: c.next_close_many(column(i["at"])),
    "previous_close": lambda c, i: c.previous_close_many(column(i["at"])),
    "add_days": lambda c, i: c.add_days_many(column(i["at"]), i["days"]),
    "open_days_between": lambda c, i: c.open_days_between_many(column(i["start"]), column(i["end"])),
}


@pytest.mark.parametrize("v", CALENDAR, ids=lambda v: v["name"])
def test_calendar(v):
    expect = v["expect"]
    req = v["request"]
    nanos = any(len(x.split(".")[1]) > 7 for x in req["input"].values() if isinstance(x, str) and "." in x)
    if "result" in expect:
        want = expect["result"]
        # datetime keeps microseconds: a vector in nanoseconds runs through the batch API only.
        got = answer(req) if not nanos else parse(want)
        if isinstance(got, dt.datetime):
            # datetime keeps microseconds: the nanosecond vector is checked below.
            assert abs(got - parse(want)) < dt.timedelta(microseconds=1)
        elif isinstance(got, dt.timedelta):
            assert got.total_seconds() == pytest.approx(want)
        else:
            assert got == want
        if req["op"] == "add":
            # To the nanosecond through the batch API (datetime has microseconds only).
            start = np.array([req["input"]["start"].rstrip("Z")], dtype="datetime64[ns]")
            due = kesher.Calendar(req["calendar"]).add_many(start, np.timedelta64(round(req["input"]["seconds"] * 10**9), "ns"))
            assert due[0] == np.datetime64(want.rstrip("Z"), "ns")
        if req["op"] in MANY:
            # And through the column form of the same question.
            got = MANY[req["op"]](kesher.Calendar(req["calendar"]), req["input"])[0]
            assert got == (want if isinstance(want, int) else np.datetime64(want.rstrip("Z"), "ns"))
    else:
        with pytest.raises(kesher.KesherError) as e:
            answer(req)
        assert e.value.kind == expect["error"]

"""Every public class and error path of the package."""

import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import kesher

UTC = dt.timezone.utc
T0 = dt.datetime(2025, 1, 5, 9, 0, tzinfo=UTC)
WEEKDAYS = {"tz": "UTC", "week": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}


def events(case="T-1", answer_after=120, resolve=True, brand="Acme", text="my order is late"):
    out = [
        {"type": "opened", "case_id": case, "at": T0, "customer": {"id": "cu-" + case}, "channel": "chat",
         "metadata": {"brand": brand}},
        {"type": "interaction", "case_id": case, "seq": 1, "id": case + "-q", "customer_id": "cu-" + case,
         "at": T0, "channel": "chat", "direction": "inbound", "actor": {"type": "customer"},
         "kind": "message", "text": text},
    ]
    if answer_after is not None:
        out.append({"type": "interaction", "case_id": case, "seq": 2, "id": case + "-a", "customer_id": "cu-" + case,
                    "at": T0 + dt.timedelta(seconds=answer_after), "channel": "chat", "direction": "outbound",
                    "actor": {"type": "agent", "id": "dana"}, "kind": "message", "text": "sorry, fixed"})
        if resolve:
            out.append({"type": "status_changed", "case_id": case, "seq": 3,
                        "at": T0 + dt.timedelta(seconds=answer_after + 60), "to": "resolved"})
    return out


def test_exceptions_mirror_the_rust_error_kinds():
    # One class per kind of the core's ErrorKind::ALL, named after it, carrying its kind.
    assert len(kesher.ERROR_KINDS) == 12 and "unsupported" in kesher.ERROR_KINDS
    for kind in kesher.ERROR_KINDS:
        cls = getattr(kesher, "".join(w.capitalize() for w in kind.split("_")) + "Error")
        assert cls.kind == kind
        assert issubclass(cls, kesher.KesherError) and issubclass(cls, ValueError)
    # Every error carries its kind, field and value, from the core or from the Python layer.
    with pytest.raises(kesher.NegativeDurationError) as core:
        kesher.Calendar("israel").add(dt.datetime(2025, 1, 5, tzinfo=UTC), -1.5)
    assert (core.value.kind, core.value.field, core.value.value) == ("negative_duration", "duration", "-1.5")
    with pytest.raises(kesher.InvalidInputError) as py_layer:
        kesher.Calendar("israel").add_each_many(np.array([0], dtype="int64"), ["x"])
    assert (py_layer.value.kind, py_layer.value.field) == ("invalid_input", "durations")
    assert py_layer.value.value == "['x']"


def test_calendar_single_and_errors():
    cal = kesher.Calendar(WEEKDAYS)
    monday = dt.datetime(2025, 1, 6, 16, tzinfo=UTC)
    assert cal.add(monday, dt.timedelta(hours=2)) == dt.datetime(2025, 1, 7, 10, tzinfo=UTC)
    assert cal.add(monday, 7200) == dt.datetime(2025, 1, 7, 10, tzinfo=UTC)
    assert cal.elapsed(monday, monday + dt.timedelta(days=1)) == dt.timedelta(hours=8)
    assert cal.is_open(monday) and not cal.is_open(monday + dt.timedelta(hours=2))
    assert cal.next_open(monday + dt.timedelta(hours=2)) == dt.datetime(2025, 1, 7, 9, tzinfo=UTC)
    # Another zone in, UTC out, same instant.
    jerusalem = dt.timezone(dt.timedelta(hours=2))
    assert cal.add(monday.astimezone(jerusalem), 0) == monday
    with pytest.raises(kesher.InvalidInputError, match="naive"):
        cal.add(dt.datetime(2025, 1, 6), dt.timedelta(hours=1))
    with pytest.raises(kesher.InvalidInputError) as e:
        cal.add(monday, "two hours")
    assert e.value.field == "duration"
    with pytest.raises(kesher.NegativeDurationError):
        cal.add(monday, dt.timedelta(hours=-1))
    with pytest.raises(kesher.EndBeforeStartError):
        cal.elapsed(monday, monday - dt.timedelta(hours=1))
    with pytest.raises(kesher.InvalidCalendarError) as e:
        kesher.Calendar({"tz": "UTC", "week": {"mon": [["17:00", "17:00"]]}})
    assert e.value.field == "week.mon[0]" and "17:00" in str(e.value)
    with pytest.raises(kesher.InvalidCalendarError):
        kesher.Calendar("mars")
    with pytest.raises(kesher.InvalidCalendarError, match="key must be a string"):
        kesher.Calendar("{not json")
    assert kesher.Calendar("israel") == kesher.Calendar(kesher.Calendar("israel").to_dict())
    assert kesher.Calendar("israel") != kesher.Calendar("us")
    assert "Asia/Jerusalem" in repr(kesher.Calendar("israel"))
    assert pickle.loads(pickle.dumps(cal)) == cal


def test_batch_due_times_numpy_pandas_arrow_lists_agree_with_single():
    cal = kesher.Calendar("israel")
    rng = np.random.default_rng(7)
    ns = (np.datetime64("2025-01-01", "ns").astype(np.int64)
          + rng.integers(0, 365 * 86_400, 2_000) * 1_000_000_000)
    starts = ns.view("datetime64[ns]")
    four = dt.timedelta(hours=4)
    due = cal.add_many(starts, four)
    assert due.dtype == np.dtype("datetime64[ns]")
    for s, d in zip(starts[:50], due[:50]):
        single = cal.add(pd.Timestamp(s).tz_localize("UTC").to_pydatetime(), four)
        assert pd.Timestamp(d).tz_localize("UTC") == single
    assert (cal.add_many(ns, four) == ns_of(due)).all()  # int64 nanoseconds
    assert (cal.add_many(ns // 1000, four, unit="us") == ns_of(due) // 1000).all()
    series = pd.Series(starts, index=range(10, 2010), name="opened_at").dt.tz_localize("UTC")
    out = cal.add_many(series, four)
    assert isinstance(out, pd.Series) and list(out.index) == list(series.index)
    assert str(out.dt.tz) == "UTC" and (out.dt.tz_localize(None).to_numpy() == due).all()
    assert out.name == "opened_at"
    # Another zone and unit read as the same instants; a missing one is refused by count.
    other = series.dt.tz_convert("Asia/Tokyo").dt.as_unit("us")
    assert (cal.add_many(other, four).to_numpy() == out.to_numpy()).all()
    with pytest.raises(kesher.InvalidInputError, match="1 missing values"):
        cal.add_many(pd.concat([series, pd.Series([pd.NaT], dtype=series.dtype)]), four)
    arrow = pa.array(starts, type=pa.timestamp("ns", tz="UTC"))
    got = cal.add_many(arrow, four)
    assert isinstance(got, pa.Array) and got.type == pa.timestamp("ns", tz="UTC")
    assert (got.cast(pa.int64()).to_numpy() == ns_of(due)).all()
    chunked = pa.chunked_array([arrow.slice(0, 1000), arrow.slice(1000)])
    assert (cal.add_many(chunked, four).cast(pa.int64()).to_numpy() == ns_of(due)).all()
    aware = [T0, T0 + dt.timedelta(days=1)]
    assert cal.add_many(aware, four) == [cal.add(t, four) for t in aware]
    each = cal.add_each_many(starts[:3], np.array([4 * 3600, 0, 3600]))
    assert each[0] == due[0]
    spans = cal.elapsed_many(starts, due)
    assert (spans == np.timedelta64(4, "h")).all()


def ns_of(a):
    return a.view("int64")


def test_instants_in_any_zone_read_as_their_utc_instant():
    # A zoneinfo zone (offset asked of the datetime, fold respected), a fixed offset, a
    # tzinfo subclass whose utcoffset is None (naive by Python's rule) and a datetime subclass.
    import zoneinfo

    cal = kesher.Calendar({"tz": "UTC", "week": {d: [["00:00", "24:00"]] for d in ("sat", "sun")}})
    ny = zoneinfo.ZoneInfo("America/New_York")
    first = dt.datetime(2025, 11, 2, 1, 30, tzinfo=ny)  # before the clocks go back
    second = first.replace(fold=1)  # the same wall time an hour later
    assert cal.add(first, 0) == dt.datetime(2025, 11, 2, 5, 30, tzinfo=UTC)
    assert cal.add(second, 0) == dt.datetime(2025, 11, 2, 6, 30, tzinfo=UTC)
    assert cal.elapsed(first, second) == dt.timedelta(hours=1)
    east = dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert cal.add(dt.datetime(2025, 11, 2, 6, 0, 0, 250, tzinfo=east), 0) == dt.datetime(2025, 11, 2, 0, 30, 0, 250, tzinfo=UTC)

    class Nowhere(dt.tzinfo):
        def utcoffset(self, _):
            return None

    with pytest.raises(kesher.InvalidInputError, match="naive") as e:
        cal.is_open(dt.datetime(2025, 11, 2, tzinfo=Nowhere()))
    assert e.value.field == "at"

    class Stamp(dt.datetime):
        pass

    assert cal.is_open(Stamp(2025, 11, 2, 12, tzinfo=UTC))


def test_batch_inputs_without_a_zone_are_refused():
    cal = kesher.Calendar("us")
    naive = pd.Series(pd.to_datetime(["2025-01-06 09:00"]))
    with pytest.raises(kesher.InvalidInputError, match="tz_localize"):
        cal.add_many(naive, dt.timedelta(hours=1))
    with pytest.raises(kesher.InvalidInputError, match="time zone"):
        cal.add_many(pa.array([1], type=pa.timestamp("ns")), dt.timedelta(hours=1))
    with pytest.raises(kesher.InvalidInputError, match="naive"):
        cal.add_many([dt.datetime(2025, 1, 6)], dt.timedelta(hours=1))
    with pytest.raises(kesher.InvalidInputError):
        cal.add_many(np.array(["a"]), dt.timedelta(hours=1))
    with pytest.raises(kesher.InvalidInputError):
        cal.add_many(np.array([0]), "soon")


def test_case_fold_properties_equality_pickle():
    case = kesher.Case.from_events(events())
    assert case.id == "T-1" and case.status == kesher.CaseStatus.RESOLVED == "resolved"
    assert case.priority == kesher.Priority.NORMAL and case.channel == "chat"
    assert case.opened_at == T0 and case.opened_at.tzinfo is not None
    assert case.metadata == {"brand": "Acme"}
    assert case.facts["first_contact_resolved"] is True
    assert len(case.log) == 2
    assert case == kesher.Case.from_dict(case.to_dict()) == pickle.loads(pickle.dumps(case))
    assert case != kesher.Case.from_events(events(answer_after=60))
    assert repr(case).startswith('Case(id="T-1", status=resolved')
    assert kesher.Case.from_events("\n".join(kesher._json.dumps(e) for e in events())) == case
    with pytest.raises(kesher.IllegalTransitionError):
        kesher.Case.from_events(events()[:2] + [{"type": "status_changed", "case_id": "T-1", "seq": 5, "at": T0, "to": "closed"}])
    with pytest.raises(kesher.InvalidJsonError) as e:
        kesher.Case.from_events([{**events()[0], "channel": "tweeter"}])
    assert e.value.field == "channel" and e.value.index == 0 and "tweeter" in str(e.value)
    with pytest.raises(kesher.InvalidInputError, match="naive"):
        kesher.Case.from_events([{**events()[0], "at": dt.datetime(2025, 1, 5)}])
    with pytest.raises(kesher.InvalidJsonError, match="agent"):
        kesher.check_event({"type": "assigned", "case_id": "T", "at": T0})


def test_fold_is_lenient_and_reports_each_rejection():
    mixed = events("A") + events("B") + ["not json", {"type": "status_changed", "case_id": "A", "seq": 9, "at": T0 + dt.timedelta(days=1), "to": "received"}]
    result = kesher.fold(mixed)
    assert sorted(c.id for c in result.cases) == ["A", "B"]
    assert [r["index"] for r in result.rejected] == [8, 9]
    assert result.rejected[0]["kind"] == "invalid_json"
    assert result.rejected[1]["kind"] == "illegal_transition"
    assert "FoldResult(cases=2, rejected=2)" == repr(result)


def test_read_cases_every_format(root):
    for path, n in [("examples/data/ibm-twitter-care-dev.json", 525), ("tests/data/twcs-sample.csv", 27),
                    ("tests/data/helpdesk-first300.csv", 300), ("examples/data/ibm-twitter-care-dev200.jsonl", 200)]:
        cases, summary = kesher.read_cases(root / path)
        assert len(cases) == n, path
        assert summary["read"] == summary["accepted"] + summary["rejected"]
    cases, summary = kesher.read_cases(root / "tests/data/events-with-errors.jsonl")
    assert summary["rejected"] == 3 and len(summary["rejections"]) == 3
    with pytest.raises(kesher.InvalidInputError):
        kesher.read_cases(root / "Cargo.toml")
    with pytest.raises(kesher.InvalidInputError):
        kesher.read_cases(root / "nope.csv")


def test_contracts_engine_statements():
    contracts = kesher.ContractSet([{"name": "std", "calendar": WEEKDAYS,
                                     "targets": [{"metric": "first_response", "within": 3600}]}])
    assert contracts.names == ["std"] and len(contracts) == 1
    assert pickle.loads(pickle.dumps(contracts)) == contracts
    assert "1 business hour" in contracts.statements()[0]
    assert any("\u05d0" <= ch <= "\u05ea" for ch in contracts.statements("he")[0])
    engine = kesher.SlaEngine(contracts)
    sla = engine.evaluate(kesher.Case.from_events(events(answer_after=7200, resolve=False)), T0 + dt.timedelta(days=2))
    target = sla.targets[0]
    assert target["metric"] == "first_response" and target["state"] in {s.value for s in kesher.TargetState}
    assert "first_response=" in repr(sla)
    with pytest.raises(kesher.InvalidJsonError):
        kesher.ContractSet([{"name": "x"}])
    with pytest.raises(kesher.InvalidInputError):
        engine.evaluate(kesher.Case.from_events(events()), dt.datetime(2025, 1, 1))
    metrics = kesher.service_metrics([kesher.Case.from_events(events())], [None])
    assert metrics["cases"] == 1 and metrics["first_response"]["median"] == 120.0


def test_journeys_patterns_svg_pickle():
    model = kesher.EmotionModel()
    cases = [kesher.Case.from_events(events(f"T{i}", answer_after=60 * (i + 1), text=t))
             for i, t in enumerate(["terrible service", "thanks, great", "still waiting, awful"])]
    journeys = [model.journey(c, T0 + dt.timedelta(days=1)) for c in cases]
    j = journeys[0]
    assert j.segment == "Acme" and j.case_id == "T0" and len(j) == len(j.points) > 0
    assert j.points[0]["emotion"] < 0
    assert isinstance(j.turning_points(), list) and "lowest" in j.critical_points()
    # The core checks what the JavaScript package checks: the same refusals in both.
    for call, field in [(lambda: j.turning_points(min_swing=3), "min_swing"),
                        (lambda: j.critical_points(threshold=-2), "threshold"),
                        (lambda: j.svg(width=50), "width"),
                        (lambda: kesher.PatternBuilder(threshold=1.5), "threshold")]:
        with pytest.raises(kesher.InvalidInputError) as refused:
            call()
        assert refused.value.field == field
    svg = j._repr_svg_()
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'direction="rtl"' in j.svg(lang="he")
    assert pickle.loads(pickle.dumps(j)) == j == kesher.Journey(j.to_dict())
    whole, a, b = kesher.PatternBuilder(), kesher.PatternBuilder(), kesher.PatternBuilder()
    for i, jr in enumerate(journeys):
        whole.add(jr)
        (a if i % 2 else b).add(jr)
    a.merge(b)
    assert kesher.PatternBuilder.from_json(whole.to_json()).finish() == whole.finish()
    assert pickle.loads(pickle.dumps(whole)).finish() == whole.finish()
    with pytest.raises(kesher.InvalidJsonError):
        kesher.PatternBuilder.from_json('{"stages": ["a"], "threshold": 0, "segments": {"s": [1, []]}}')
    [p] = whole.finish()
    assert p == a.finish()[0]
    assert p.segment == "Acme" and p.journeys == 3 and p.stages[0]["stage"] == "first_contact"
    assert p._repr_svg_().startswith("<svg") and pickle.loads(pickle.dumps(p)) == p
    assert repr(p).startswith('Pattern(segment="Acme", journeys=3')
    with pytest.raises(kesher.InvalidJsonError):
        kesher.Journey({"points": "nope"})
    with pytest.raises(kesher.InvalidInputError):
        j.svg(lang="fr")
    problems = kesher.recurring_problems(cases, min_cases=2)
    assert problems["described"] == 3


def test_customer_interaction_playbook_report(root):
    customer = kesher.Customer({"id": "cu-1", "name": "Dana Levi", "segments": ["vip"],
                                "purchases": [{"order_ref": "o1", "purchased_at": T0, "total": {"amount_minor": 12000, "currency": "ILS"}}]})
    assert customer.id == "cu-1" and customer.segments == ["vip"] and customer.purchases == 1
    assert pickle.loads(pickle.dumps(customer)) == customer
    assert "Dana Levi" in repr(customer)
    with pytest.raises(kesher.KesherError):
        kesher.Customer({"id": ""})
    i = kesher.Interaction(events()[1])
    assert i.at == T0 and i.direction == "inbound" and i.kind == "message" and i.is_customer_contact
    assert pickle.loads(pickle.dumps(i)) == i and repr(i).startswith('Interaction(id="T-1-q", inbound message chat')
    with pytest.raises(kesher.InvalidJsonError):
        kesher.Interaction({"id": "x"})
    contracts = kesher.ContractSet((root / "examples/data/contracts.json").read_text())
    # Thursday 16:30 in New York, Friday 2025-07-04 is Independence Day.
    ack = kesher.acknowledgement(contracts, "standard", dt.datetime(2025, 7, 3, 20, 30, tzinfo=UTC))
    assert ack["within"] == dt.timedelta(hours=8) and ack["time"] == "business"
    assert ack["promised_by"] == dt.datetime(2025, 7, 7, 20, 30, tzinfo=UTC)
    assert "Monday" in ack["text"]
    with pytest.raises(kesher.InvalidInputError):
        kesher.acknowledgement(contracts, "nope", T0)
    reply = kesher.ReplyTemplate.built_in("reply")
    assert "customer" in reply.variables
    with pytest.raises(kesher.KesherError) as e:
        reply.render({})
    assert "customer" in str(e.value)
    cases, _ = kesher.read_cases(root / "examples/data/ibm-twitter-care-dev.json")
    report = kesher.Report(cases, contracts)
    facts = report.to_dict()
    assert facts["totals"]["metrics"]["cases"] == 525 and facts["brands"][0]["name"] == "RockstarSupport"
    assert report._repr_html_().startswith("<!DOCTYPE html>") and "RockstarSupport" in report.html
    assert 'dir="rtl"' in kesher.Report(cases[:10], lang="he").html
    assert repr(report) == "Report(cases=525, brands=24, customers=520)"


def test_batch_polars_series_without_pyarrow():
    # polars columns are read natively: the same answers as numpy, back as polars, and no
    # pyarrow needed (a subprocess where importing pyarrow fails).
    code = r'''
import sys
sys.modules["pyarrow"] = None
import datetime as dt
import numpy as np
import polars as pl
import kesher
cal = kesher.Calendar("israel")
ns = np.datetime64("2025-01-01", "ns").astype(np.int64) + np.arange(0, 300) * 86_399_000_000_000
starts = ns.view("datetime64[ns]")
four = dt.timedelta(hours=4)
due = cal.add_many(starts, four)
col = pl.Series("opened_at", starts).cast(pl.Datetime("us")).dt.replace_time_zone("UTC").dt.convert_time_zone("Asia/Jerusalem")
out = cal.add_many(col, four)
assert isinstance(out, pl.Series) and out.name == "opened_at", out
assert out.dtype == pl.Datetime("ns", "UTC"), out.dtype
assert (out.dt.epoch("ns").to_numpy() == due.view("int64")).all()
ints = cal.add_many(pl.Series("t", ns // 1_000_000), four, unit="ms")
assert isinstance(ints, pl.Series) and (ints.to_numpy() == due.view("int64") // 1_000_000).all()
print("ok")
'''
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr


def test_batch_polars_refusals_name_the_problem():
    import polars as pl

    cal = kesher.Calendar("us")
    hour = dt.timedelta(hours=1)
    naive = pl.Series("t", [dt.datetime(2025, 1, 6, 9)])
    with pytest.raises(kesher.InvalidInputError, match="time zone"):
        cal.add_many(naive, hour)
    gaps = pl.Series("t", [dt.datetime(2025, 1, 6, 9, tzinfo=dt.timezone.utc), None])
    with pytest.raises(kesher.InvalidInputError, match="1 missing values"):
        cal.add_many(gaps, hour)
    with pytest.raises(kesher.InvalidInputError, match="expected timestamps or integers"):
        cal.add_many(pl.Series("t", ["2025-01-06"]), hour)
    with pytest.raises(kesher.InvalidInputError, match="int64 nanosecond range"):
        cal.add_many(pl.Series("t", [2**62]), hour, unit="s")


def test_read_messages_built_in_and_a_callable_scorer():
    texts = ["thanks, great service!", "I'll post this everywhere, cancel my account", "תודה רבה, מעולה!"]
    readings = kesher.read_messages(texts)
    assert [r["turn"] for r in readings] == ["thanks", "complaint", "thanks"]
    assert readings[0]["sentiment"] == "positive" and readings[0]["score"] >= 0.2
    assert kesher.read_messages(["המשלוח עדיין לא הגיע, נמאס"], lang="he")[0]["sentiment"] == "negative"
    with pytest.raises(kesher.InvalidInputError):
        kesher.read_messages(["x"], lang="fr")

    calls = []

    def model(batch):  # a stand-in for a transformers pipeline: one batch in, one value per text
        calls.append(list(batch))
        return [-0.9 if "late" in t else None for t in batch]

    got = kesher.read_messages(["my order is late", "hello"], scorer=model)
    assert calls == [["my order is late", "hello"]]
    assert [g["score"] for g in got] == [-0.9, None] and got[1]["sentiment"] == "neutral"
    with pytest.raises(kesher.InvalidInputError, match="score"):
        kesher.read_messages(["a"], scorer=lambda b: [2.0])
    with pytest.raises(kesher.InvalidInputError, match="scores"):
        kesher.read_messages(["a", "b"], scorer=lambda b: [0.5])
    with pytest.raises(kesher.InvalidInputError, match="scores"):
        kesher.read_messages(["a"], scorer=lambda b: "nope")


def test_emotion_model_calls_a_host_scorer_once_per_journey():
    calls = []

    def model(batch):
        calls.append(list(batch))
        return [0.8 for _ in batch]

    case = kesher.Case.from_events(events(text="terrible service"))
    built_in = kesher.EmotionModel().journey(case, T0 + dt.timedelta(days=1))
    hosted = kesher.EmotionModel(scorer=model).journey(case, T0 + dt.timedelta(days=1))
    assert calls == [["terrible service"]]
    assert built_in.points[0]["emotion"] < 0 < hosted.points[0]["emotion"]
    assert "scorer=<callable>" in repr(kesher.EmotionModel(scorer=model))


def test_stage_maps_and_the_continuous_line():
    case = kesher.Case.from_events(events("T-1", answer_after=600))
    default = kesher.EmotionModel().journey(case, T0 + dt.timedelta(days=1))
    stages = [p["stage"] for p in default.points if p["cause"] != "drift"]
    assert stages[0] == "first_contact" and "waiting" in stages and stages[-1] == "resolution"
    encounter = {"stages": ["before", "during", "after"], "rules": [
        {"stage": "before", "when": {"first_contact": True, "answered": False}},
        {"stage": "during", "when": {}}]}
    own = kesher.EmotionModel(stage_map=encounter).journey(case, T0 + dt.timedelta(days=1))
    assert {p["stage"] for p in own.points} == {"before", "during"}
    with pytest.raises(kesher.InvalidInputError) as e:
        kesher.EmotionModel(stage_map={"stages": ["a"], "rules": [{"stage": "b", "when": {}}]})
    assert e.value.field == "rules[0].stage"
    report = kesher.Report([case], stage_map=encounter).to_dict()
    assert [s["stage"] for s in report["brands"][0]["pattern"]["stages"]] == ["before", "during", "after"]
    customer = kesher.Customer({"id": "cu-T-1", "name": "Dana", "purchases": [
        {"order_ref": "o1", "purchased_at": T0 - dt.timedelta(days=3), "total": {"amount_minor": 100, "currency": "ILS"}}]})
    line = kesher.EmotionModel().customer_journey(customer, [case], T0 + dt.timedelta(days=1))
    assert line.points[0]["cause"] == "purchase" and line.case_id is None
    other = kesher.Case.from_events(events("T-2"))
    with pytest.raises(kesher.InvalidInputError) as e:
        kesher.EmotionModel().customer_journey(customer, [case, other], T0)
    assert e.value.field == "cases[1].customer_id"
    with pytest.raises(kesher.InvalidInputError):
        kesher.EmotionModel().customer_journey(customer, [case], T0, slas=[None, None])


def test_a_case_that_cannot_be_evaluated_is_refused_and_the_report_goes_on(root):
    contracts = kesher.ContractSet((root / "examples/data/contracts.json").read_text())
    good = kesher.Case.from_events(events("T-1"))
    bad_events = events("T-2") + [{"type": "contract_changed", "case_id": "T-2", "seq": 9,
                                   "at": T0 + dt.timedelta(minutes=30), "contract": "no-such-contract"}]
    bad = kesher.Case.from_events(bad_events)
    report = kesher.Report([good, bad], contracts=contracts).to_dict()
    assert report["refused_total"] == 1 and report["refused"][0]["case_id"] == "T-2"
    assert "no-such-contract" in report["refused"][0]["reason"]
    assert report["totals"]["metrics"]["cases"] == 1


@pytest.mark.parametrize("unit", ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns"])
def test_datetime64_of_every_unit_is_read_or_refused_never_wrapped(unit):
    cal = kesher.Calendar("us")
    four = dt.timedelta(hours=4)
    fine = np.array(["2025-01-06T00:00:00"], dtype="datetime64[s]").astype(f"datetime64[{unit}]")
    due = cal.add_many(fine, four)
    assert due.dtype == np.dtype("datetime64[ns]") and due[0] > fine.astype("datetime64[ns]")[0]
    if unit != "ns":  # datetime64[ns] cannot hold 2300 or 1600 at all
        for far in ["2300-01-01", "1600-01-01"]:
            with pytest.raises(kesher.InvalidInputError):
                cal.add_many(np.array([far], dtype=f"datetime64[{unit}]"), four)
    with pytest.raises(kesher.InvalidInputError):
        cal.add_many(np.array(["NaT"], dtype=f"datetime64[{unit}]"), four)


def test_night_shifts_backward_questions_and_open_days():
    nights = kesher.Calendar({"tz": "Europe/London", "week": {"sat": [["22:00", "06:00"]]}})
    saturday = dt.datetime(2025, 3, 29, 12, tzinfo=dt.timezone.utc)
    # The night clocks spring forward, the shift is 7 hours long.
    assert nights.elapsed(saturday, saturday + dt.timedelta(days=1)) == dt.timedelta(hours=7)
    assert nights.to_dict()["week"]["sat"] == [["22:00", "06:00"]]
    us = kesher.Calendar("us")
    t = dt.datetime(2025, 1, 7, 15, tzinfo=dt.timezone.utc)  # Tuesday 10:00 New York
    u = us.sub(t, dt.timedelta(hours=2))
    assert us.elapsed(u, t) == dt.timedelta(hours=2)
    assert us.sub(end=t, duration=7200) == u
    assert us.previous_open(at=t) <= t < us.next_close(t)
    assert us.previous_close(t) < us.previous_open(t)
    friday = us.add_days(t, 3)
    assert friday.weekday() == 4 and friday.hour == 15
    assert us.open_days_between(t, friday) == 3
    with pytest.raises(kesher.NegativeDurationError, match="sub"):
        us.add(t, dt.timedelta(hours=-1))
    with pytest.raises(kesher.InvalidInputError) as e:
        us.add_days(t, 1.5)
    assert e.value.field == "days"
    with pytest.raises(kesher.ArgumentError):
        us.add_days(t)
    # The column forms agree with the single calls, on pandas as on numpy.
    starts = pd.Series(pd.date_range("2025-01-01", periods=500, freq="7h13min", tz="UTC"))
    singles = [x.to_pydatetime() for x in starts]
    for name, single in [
        ("previous_open_many", us.previous_open),
        ("next_close_many", us.next_close),
        ("previous_close_many", us.previous_close),
    ]:
        got = getattr(us, name)(starts)
        assert isinstance(got, pd.Series)
        assert [x.to_pydatetime() for x in got] == [single(s) for s in singles], name
    back = us.sub_many(starts, dt.timedelta(hours=5))
    assert [x.to_pydatetime() for x in back] == [us.sub(s, dt.timedelta(hours=5)) for s in singles]
    moved = us.add_days_many(starts.dt.tz_localize(None).to_numpy(), -2)
    assert [pd.Timestamp(x).tz_localize("UTC").to_pydatetime() for x in moved] == [us.add_days(s, -2) for s in singles]
    counts = us.open_days_between_many(starts[:-1], starts[1:])
    assert counts.dtype == np.int64
    assert list(counts) == [us.open_days_between(a, b) for a, b in zip(singles, singles[1:])]
    with pytest.raises(kesher.InvalidInputError):
        us.add_days_many(starts, 2.0)


def test_team_schedules_and_interaction_targets():
    office = {"tz": "UTC", "week": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}
    nights = {"tz": "UTC", "week": {d: [["22:00", "06:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}
    contracts = kesher.ContractSet({
        "contracts": [{"name": "std", "calendar": office, "teams": {"night": nights},
                       "targets": [{"metric": "resolution", "within": 36000}]}],
        "interaction_targets": [{"name": "call back", "on": {"kinds": ["voicemail"]}, "within": 28800,
                                 "calendar": office, "answered_on": ["phone"]}],
    })
    assert any("call back voicemail messages" in s for s in contracts.statements("en"))
    t0 = dt.datetime(2025, 1, 6, 8, tzinfo=UTC)
    case = kesher.Case.from_events([
        {"type": "opened", "case_id": "T", "at": t0, "customer": {"id": "c"}, "channel": "phone"},
        {"type": "assigned", "case_id": "T", "seq": 1, "at": t0 + dt.timedelta(hours=4), "agent": "dana", "team": "night"},
        {"type": "interaction", "case_id": "T", "seq": 2, "id": "v", "customer_id": "c", "at": t0 + dt.timedelta(hours=8),
         "channel": "phone", "direction": "inbound", "actor": {"type": "customer"}, "kind": "voicemail"},
    ])
    assert case.team == "night"
    sla = kesher.SlaEngine(contracts).evaluate(case, t0 + dt.timedelta(hours=15)).to_dict()
    by_metric = {t["metric"]: t for t in sla["targets"]}
    assert by_metric["resolution"]["due_at"] == "2025-01-07T05:00:00Z"
    assert by_metric["interaction_response"]["contract"] == "call back"
    assert by_metric["interaction_response"]["due_at"] == "2025-01-07T16:00:00Z"


def test_is_open_many_and_next_open_many_are_the_single_calls_over_a_column():
    cal = kesher.Calendar("israel")
    at = [dt.datetime(2025, 1, 5, h, 30, tzinfo=UTC) for h in range(0, 24, 3)]
    ns = np.array([int(t.timestamp()) * 10**9 for t in at], dtype=np.int64)
    assert cal.is_open_many(ns).tolist() == [cal.is_open(t) for t in at]
    assert cal.next_open_many(ns).tolist() == [int(cal.next_open(t).timestamp()) * 10**9 for t in at]

"""A case kept between events, the wake-up schedule, escalation rules and the importers."""

import datetime as dt
import json
import pathlib

import pytest

import kesher

UTC = dt.timezone.utc
T0 = dt.datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # a Monday
ROOT = pathlib.Path(__file__).resolve().parents[3]
WEEKDAYS = {"tz": "UTC", "week": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}
CONTRACTS = [{"name": "std", "calendar": WEEKDAYS,
              "targets": [{"metric": "first_response", "within": 3600, "warn_at": [0.75]}]}]


def case_events(case="T-1", answer_after=None):
    out = [
        {"type": "opened", "case_id": case, "at": T0, "customer": {"id": "cu"}, "channel": "chat"},
        {"type": "interaction", "case_id": case, "seq": 1, "id": case + "-q", "customer_id": "cu",
         "at": T0 + dt.timedelta(minutes=1), "channel": "chat", "direction": "inbound",
         "actor": {"type": "customer"}, "kind": "message", "text": "my order is late"},
    ]
    if answer_after is not None:
        out.append({"type": "interaction", "case_id": case, "seq": 2, "id": case + "-a", "customer_id": "cu",
                    "at": T0 + dt.timedelta(seconds=answer_after), "channel": "chat", "direction": "outbound",
                    "actor": {"type": "agent", "id": "dana"}, "kind": "message", "text": "on its way"})
    return out


def test_apply_one_event_at_a_time_equals_the_fold_in_any_order():
    engine = kesher.SlaEngine(kesher.ContractSet(CONTRACTS))
    evs = case_events(answer_after=1800)
    now = T0 + dt.timedelta(hours=2)
    batch = engine.evaluate(kesher.Case.from_events(evs), now)
    for order in (evs, list(reversed(evs)), [evs[1], evs[0], evs[2]]):
        live = kesher.LiveCase("T-1")
        for e in order:
            changes = live.apply(e, engine, now)
            assert changes["case_id"] == "T-1" and changes["rejected"] == []
        assert live.case == kesher.Case.from_events(evs)
        assert live.sla.targets == batch.targets


def test_changes_say_what_happened_and_when_to_wake():
    engine = kesher.SlaEngine(kesher.ContractSet(CONTRACTS))
    live = kesher.LiveCase("T-1")
    first = live.apply(case_events()[0], engine, T0)
    assert first["status"] == {"from": None, "to": "received"}
    assert [t["report"]["state"] for t in first["targets"]] == ["running"]
    # 75 % of one business hour after 09:00: 09:45.
    assert live.wake_at == T0 + dt.timedelta(minutes=45)
    assert first["wake_at"] == "2025-01-06T09:45:00Z"  # dicts follow the JSON contract
    warned = live.tick(engine, T0 + dt.timedelta(minutes=45))
    assert [t["report"]["state"] for t in warned["targets"]] == ["warning"]
    # A breach falls just after the due instant: wake_at is rounded up to the next microsecond.
    assert live.wake_at == T0 + dt.timedelta(hours=1, microseconds=1)
    assert live.tick(engine, T0 + dt.timedelta(hours=1))["targets"] == []
    breached = live.tick(engine, live.wake_at)
    assert [(t["from"], t["report"]["state"]) for t in breached["targets"]] == [("warning", "breached")]
    assert live.wake_at is None


def test_a_snapshot_plus_new_events_is_the_fold_of_all():
    engine = kesher.SlaEngine(kesher.ContractSet(CONTRACTS))
    evs = case_events(answer_after=1800)
    live = kesher.LiveCase("T-1")
    for e in evs[:2]:
        live.apply(e, engine, T0 + dt.timedelta(minutes=2))
    text = live.to_snapshot()
    assert json.loads(text)["kesher_live_case"] == 1
    resumed = kesher.LiveCase.from_snapshot(text)
    resumed.apply(evs[2], engine, T0 + dt.timedelta(hours=2))
    assert resumed.case == kesher.Case.from_events(evs)
    with pytest.raises(kesher.KesherError) as e:
        kesher.LiveCase.from_snapshot('{"kesher_live_case": 99}')
    assert e.value.field is not None


def test_bad_input_is_a_kesher_error_naming_the_field():
    engine = kesher.SlaEngine(kesher.ContractSet(CONTRACTS))
    live = kesher.LiveCase("T-1")
    with pytest.raises(kesher.InvalidInputError) as e:
        live.apply(case_events()[0], engine, dt.datetime(2025, 1, 6))
    assert e.value.field == "now"
    with pytest.raises(kesher.KesherError):
        live.apply({"type": "opened", "case_id": "T-1"}, engine, T0)
    with pytest.raises(kesher.KesherError):
        kesher.LiveCase("")
    with pytest.raises(kesher.KesherError) as e:
        kesher.EscalationRules({"rules": [{"name": "x", "when": {"on": "sometimes"}, "then": []}]})
    assert "sometimes" in str(e.value)
    with pytest.raises(kesher.ArgumentError):
        kesher.WakeSchedule().set(42, T0)


def test_the_schedule_hands_back_what_is_due_in_order():
    schedule = kesher.WakeSchedule()
    schedule.set("b", T0 + dt.timedelta(hours=2))
    schedule.set("a", T0 + dt.timedelta(hours=1))
    schedule.set("c", T0 + dt.timedelta(hours=3))
    schedule.set("c", None)
    assert len(schedule) == 2 and schedule.earliest() == T0 + dt.timedelta(hours=1)
    assert schedule.get("b") == T0 + dt.timedelta(hours=2) and schedule.get("c") is None
    assert schedule.due(T0) == []
    assert [cid for cid, _ in schedule.due(T0 + dt.timedelta(hours=5))] == ["a", "b"]
    assert len(schedule) == 0


def test_rules_escalate_a_public_complaint_and_the_record_explains_it():
    contracts = kesher.ContractSet([{"name": "social", "calendar": "israel",
                                     "conditions": {"channels": ["twitter"]},
                                     "targets": [{"metric": "first_response", "within": 3600, "time": "calendar"}]}])
    rules = kesher.EscalationRules({"rules": [{"name": "public complaint", "when": {"on": "public_negative_message"},
                                               "channels": ["twitter"],
                                               "then": [{"do": "assign_team", "team": "social"}, {"do": "acknowledge"}]}]})
    rules.check(contracts)
    engine = kesher.SlaEngine(contracts)
    live = kesher.LiveCase("T-9")
    tweet = {"type": "interaction", "case_id": "T-9", "seq": 1, "id": "t1", "customer_id": "c", "at": T0,
             "channel": "twitter", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message",
             "text": "@shop worst service ever, I want my money back"}
    changes, asked = rules.apply(live, tweet, engine, T0, lang="he")
    assert changes["status"]["to"] == "received"
    assert [a["action"]["do"] for a in asked] == ["assign_team", "acknowledge"]
    assert any("\u05d0" <= ch <= "\u05ea" for ch in asked[1]["message"])
    seq = 100
    for a in asked:
        events = live.escalation_events(a, seq)
        assert [e["seq"] for e in events] == list(range(seq, seq + len(events)))
        live.record(a, engine, seq)
        seq += 10
    assert live.case.team == "social"
    _, again = rules.tick(live, engine, T0 + dt.timedelta(minutes=5))
    assert again == []


def test_read_events_and_cases_from_every_helpdesk_export(root):
    helpdesks = root / "examples/data/helpdesks"
    for name, fmt in [("zendesk-tickets.json", "zendesk"), ("freshdesk-tickets.json", "freshdesk"),
                      ("zammad-tickets.jsonl", "zammad"), ("chatwoot-conversations.json", "chatwoot")]:
        events, summary = kesher.read_events(helpdesks / name)
        assert summary["read"] == summary["accepted"] + summary["rejected"] > 0, name
        assert events and all(kesher.check_event(e) for e in events), name
        named, _ = kesher.read_events(helpdesks / name, format=fmt)
        assert named == events
        cases, _ = kesher.read_cases(helpdesks / name)
        assert len(cases) == len({e["case_id"] for e in events})


def test_a_ticket_table_through_a_mapping(root, tmp_path):
    path = root / "tests/data/nyc311-first300.csv"
    cases, summary = kesher.read_cases(path, format="nyc311")
    assert summary["read"] == 300 and summary["rejected"] == 2
    assert sorted(line for line, _ in summary["rejections"]) == [238, 276]
    table = tmp_path / "tickets.csv"
    table.write_text("id,opened at,done at,who\n"
                     "A-1,2025-01-06 09:00,2025-01-06 11:30,c1\n"
                     "A-2,2025-01-06 10:00,,c2\n"
                     "A-3,not a date,,c3\n")
    mapping = {"name": "tickets", "case": "id", "created": "opened at", "resolved": "done at",
               "customer": "who", "timestamp_format": "%Y-%m-%d %H:%M", "timezone": "UTC",
               "default_channel": "email"}
    cases, summary = kesher.read_cases(table, mapping=mapping)
    assert (summary["read"], summary["accepted"], summary["rejected"]) == (3, 2, 1)
    assert summary["rejections"][0][0] == 4 and "opened at" in summary["rejections"][0][1]
    resolved = {c.id: c.status for c in cases}
    assert resolved == {"A-1": "resolved", "A-2": "received"}
    with pytest.raises(kesher.InvalidInputError) as e:
        kesher.read_events(table)
    assert e.value.field == "format" and "nyc311" in str(e.value)
    with pytest.raises(kesher.InvalidInputError):
        kesher.read_events(table, format="nyc311", mapping=mapping)


def test_a_host_words_the_reasons_from_its_own_catalogue():
    words = kesher.Catalogue()
    assert words.languages == ["ar", "en", "he", "ru"] and words.missing("ar") == []
    assert kesher.Catalogue.is_right_to_left("ar") and not kesher.Catalogue.is_right_to_left("ru")
    reason = words.format("ar", "escalation-breach", metric="first_response", rule="late")
    assert "\u2068first_response\u2069" in reason and any("\u0600" <= ch <= "\u06ff" for ch in reason)
    ours = words.with_messages("en", "escalation-breach = { $metric } is late, tell { $rule }!")
    assert ours != words and ours.format("en", "escalation-breach", metric="x", rule="r") == "x is late, tell r!"
    counts = kesher.Catalogue.from_ftl("ru", "n = { $n ->\n    [one] { $n } обращение\n    [few] { $n } обращения\n   *[many] { $n } обращений\n}")
    assert [counts.format("ru", "n", n=k) for k in (1, 3, 11)] == ["1 обращение", "3 обращения", "11 обращений"]
    with pytest.raises(kesher.KesherError) as e:
        words.with_messages("fr", "escalation-breach = { $metric } est dépassé")
    assert e.value.field == "catalogue.fr" and "needs every message" in str(e.value)
    with pytest.raises(kesher.KesherError) as e:
        words.format("en", "escalation-breach", metric="x")
    assert e.value.field == "rule"
    engine = kesher.SlaEngine(kesher.ContractSet(CONTRACTS))
    rules = kesher.EscalationRules([{"name": "late", "when": {"on": "breach"}, "then": [{"do": "notify", "group": "leads"}]}],
                                   catalogue=ours)
    live = kesher.LiveCase("T-1")
    live.apply(case_events()[0], engine, T0)
    _, asked = rules.tick(live, engine, T0 + dt.timedelta(hours=1, microseconds=1))
    assert [a["reason"] for a in asked] == ["first_response is late, tell late!"]
    with pytest.raises(kesher.KesherError):
        kesher.EscalationRules([], catalogue="nope")


def test_statements_acknowledgements_and_replies_in_every_language_and_a_hosts_own():
    contracts = kesher.ContractSet(CONTRACTS)
    for lang, letters in (("he", ("\u0590", "\u05ff")), ("ar", ("\u0600", "\u06ff")), ("ru", ("\u0400", "\u04ff"))):
        for text in contracts.statements(lang):
            assert any(letters[0] <= ch <= letters[1] for ch in text), (lang, text)
    name = CONTRACTS[0]["name"]
    ack = kesher.acknowledgement(contracts, name, T0, lang="ar")
    assert ack["text"].startswith("تم استلام طلبك.")
    reply = kesher.ReplyTemplate.built_in("delay", lang="ru")
    assert "order" in reply.variables
    # A host's wording, and a language of its own.
    ours = kesher.Catalogue().with_messages("en", "statement = Our promise: we { $targets }{ $hours }.")
    assert all(s.startswith("Our promise: we ") for s in contracts.statements("en", catalogue=ours))
    english = open(ROOT / "crates/kesher/locales/en.ftl", encoding="utf-8").read()
    fr = kesher.Catalogue().with_messages("fr", english.replace("acknowledgement = Your request was received.",
                                                               "acknowledgement = Votre demande est reçue."))
    assert kesher.acknowledgement(contracts, name, T0, lang="fr", catalogue=fr)["text"].startswith("Votre demande est reçue.")
    assert kesher.ReplyTemplate.built_in("reply", lang="fr", catalogue=fr).variables
    with pytest.raises(kesher.KesherError) as e:
        contracts.statements("fr")
    assert e.value.field == "language" and "fr" in str(e.value)
    partial = kesher.Catalogue.from_ftl("fr", "statement-around-the-clock = 24 h sur 24")
    with pytest.raises(kesher.KesherError) as e:
        contracts.statements("fr", catalogue=partial)
    assert e.value.field == "language" and "lacks" in str(e.value)


def test_the_report_in_arabic_and_in_a_hosts_own_language():
    cases = kesher.fold(case_events()).cases
    contracts = kesher.ContractSet(CONTRACTS)
    ar = kesher.Report(cases, contracts=contracts, lang="ar")
    assert '<html lang="ar" dir="rtl">' in ar.html
    english = open(ROOT / "crates/kesher/locales/en.ftl", encoding="utf-8").read()
    fr = kesher.Catalogue().with_messages("fr", english.replace(
        "report-title = Customer experience report", "report-title = Rapport client"))
    report = kesher.Report(cases, contracts=contracts, lang="fr", catalogue=fr)
    assert report.to_dict()["language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in report.html and "<h1>Rapport client</h1>" in report.html
    with pytest.raises(kesher.KesherError) as e:
        kesher.Report(cases, lang="fr")
    assert e.value.field == "language"


def test_pictures_in_a_hosts_wording():
    j = kesher.Journey({"customer_id": "c", "points": [
        {"at": "2025-01-05T10:00:00Z", "stage": "contact", "emotion": -0.5, "source": "emotion_model"},
        {"at": "2025-01-05T11:00:00Z", "stage": "after", "emotion": 0.4, "source": "emotion_model"}]})
    ours = kesher.Catalogue().with_messages("ar", "emotion-level-furious = غاضب جدًا جدًا")
    svg = j.svg("ar", catalogue=ours)
    assert "غاضب جدًا جدًا" in svg and 'direction="rtl" xml:lang="ar"' in svg
    assert "غاضب جدًا جدًا" not in j.svg("ar")

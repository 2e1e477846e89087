// A case kept between events, the wake-up schedule, escalation rules and the importers, as the
// npm package offers them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { full as kesher, read, throwsKesher } from "./helpers.mjs";

const WEEKDAYS = { tz: "UTC", week: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]])) };
const CONTRACTS = [{ name: "std", calendar: WEEKDAYS, targets: [{ metric: "first_response", within: 3600, warn_at: [0.75] }] }];
const T0 = "2025-01-06T09:00:00Z"; // a Monday

function caseEvents(answerAt) {
  const out = [
    { type: "opened", case_id: "T-1", at: T0, customer: { id: "cu" }, channel: "chat" },
    { type: "interaction", case_id: "T-1", seq: 1, id: "q", customer_id: "cu", at: "2025-01-06T09:01:00Z", channel: "chat",
      direction: "inbound", actor: { type: "customer" }, kind: "message", text: "my order is late" },
  ];
  if (answerAt) {
    out.push({ type: "interaction", case_id: "T-1", seq: 2, id: "a", customer_id: "cu", at: answerAt, channel: "chat",
      direction: "outbound", actor: { type: "agent", id: "dana" }, kind: "message", text: "on its way" });
  }
  return out;
}

test("LiveCase: one event at a time equals the fold, in any order", () => {
  const engine = new kesher.SlaEngine(CONTRACTS);
  const events = caseEvents("2025-01-06T09:30:00Z");
  const now = "2025-01-06T11:00:00Z";
  const batch = engine.evaluate(kesher.foldCase(events), now);
  for (const order of [events, [...events].reverse(), [events[1], events[0], events[2]]]) {
    const live = new kesher.LiveCase("T-1");
    for (const e of order) assert.deepEqual(live.apply(e, engine, now).rejected, []);
    assert.deepEqual(live.case, kesher.foldCase(events));
    assert.deepEqual(live.sla.targets, batch.targets);
    live.free();
  }
});

test("LiveCase: what changed, when to wake, and a snapshot that resumes", () => {
  const engine = new kesher.SlaEngine(CONTRACTS);
  const live = new kesher.LiveCase("T-1");
  const first = live.apply(caseEvents()[0], engine, new Date(T0));
  assert.deepEqual(first.status, { from: null, to: "received" });
  assert.equal(first.wake_at, "2025-01-06T09:45:00Z");
  assert.equal(live.wakeAt.toISOString(), "2025-01-06T09:45:00.000Z");
  assert.equal(live.tick(engine, live.wakeAt).targets[0].report.state, "warning");
  // The breach falls 1 ns after the due instant: wakeAt is rounded up to the next millisecond.
  assert.equal(live.wakeAt.toISOString(), "2025-01-06T10:00:00.001Z");
  assert.deepEqual(live.tick(engine, "2025-01-06T10:00:00Z").targets, []);
  const snapshot = live.toSnapshot();
  assert.equal(JSON.parse(snapshot).kesher_live_case, 1);
  const resumed = kesher.LiveCase.fromSnapshot(snapshot);
  assert.equal(resumed.caseId, "T-1");
  const breached = resumed.tick(engine, resumed.wakeAt);
  assert.deepEqual(breached.targets.map((t) => [t.from, t.report.state]), [["warning", "breached"]]);
  assert.equal(resumed.wakeAt, null);
  assert.equal(resumed.seenAt.toISOString(), "2025-01-06T10:00:00.001Z");
  throwsKesher(assert, () => kesher.LiveCase.fromSnapshot({ kesher_live_case: 99, case_id: "T-1" }), "invalid_input", "kesher_live_case");
  throwsKesher(assert, () => live.apply({ ...caseEvents()[0], case_id: "T-2" }, engine, T0), "invalid_input", "case_id");
  throwsKesher(assert, () => live.apply(caseEvents()[0], engine, "yesterday"), "invalid_input", "now");
  throwsKesher(assert, () => live.apply(caseEvents()[0], {}, T0), "invalid_input", "engine");
  throwsKesher(assert, () => new kesher.LiveCase(""), "invalid_input");
  live.free();
  throwsKesher(assert, () => live.toSnapshot(), "invalid_input", "this");
});

test("WakeSchedule: hands back what is due, earliest first", () => {
  const schedule = new kesher.WakeSchedule();
  schedule.set("b", "2025-01-06T11:00:00Z");
  schedule.set("a", new Date("2025-01-06T10:00:00Z"));
  schedule.set("c", "2025-01-06T12:00:00Z");
  schedule.set("c", null);
  assert.equal(schedule.size, 2);
  assert.equal(schedule.earliest().toISOString(), "2025-01-06T10:00:00.000Z");
  assert.equal(schedule.get("c"), null);
  assert.deepEqual(schedule.due(T0), []);
  assert.deepEqual(schedule.due("2025-01-07T00:00:00Z").map(([id]) => id), ["a", "b"]);
  assert.equal(schedule.size, 0);
  throwsKesher(assert, () => schedule.set(42, T0), "invalid_input", "caseId");
  throwsKesher(assert, () => schedule.set("a", "soon"), "invalid_input", "at");
});

test("EscalationRules: a public complaint goes to the social team, in Hebrew, and is recorded", () => {
  const engine = new kesher.SlaEngine([{ name: "social", calendar: "israel", conditions: { channels: ["twitter"] },
    targets: [{ metric: "first_response", within: 3600, time: "calendar" }] }]);
  const rules = new kesher.EscalationRules({ rules: [{ name: "public complaint", when: { on: "public_negative_message" },
    channels: ["twitter"], then: [{ do: "assign_team", team: "social" }, { do: "acknowledge" }] }] });
  rules.check(engine);
  const live = new kesher.LiveCase("T-9");
  const tweet = { type: "interaction", case_id: "T-9", seq: 1, id: "t1", customer_id: "c", at: T0, channel: "twitter",
    direction: "inbound", actor: { type: "customer" }, kind: "message", text: "@shop worst service ever, I want my money back" };
  const { changes, escalations } = rules.apply(live, tweet, engine, T0, "he");
  assert.equal(changes.status.to, "received");
  assert.deepEqual(escalations.map((e) => e.action.do), ["assign_team", "acknowledge"]);
  assert.match(escalations[1].message, /[\u05d0-\u05ea]/);
  let seq = 100;
  for (const e of escalations) {
    const events = live.escalationEvents(e, seq);
    assert.deepEqual(events.map((x) => x.seq), events.map((_, i) => seq + i));
    live.record(e, engine, seq);
    seq += 10;
  }
  assert.equal(live.case.assignment_history.at(-1).team, "social");
  assert.deepEqual(rules.tick(live, engine, "2025-01-06T09:05:00Z").escalations, []);
  throwsKesher(assert, () => new kesher.EscalationRules({ rules: [{ name: "x", when: { on: "sometimes" }, then: [] }] }), "invalid_json");
  throwsKesher(assert, () => new kesher.EscalationRules([{ name: "x", when: { on: "breach", share: 0.5 }, then: [] }]), "invalid_json");
  throwsKesher(assert, () => live.record(escalations[0], engine, -1), "invalid_input", "seq");
});

test("readEvents and readCases: every helpdesk export and a ticket table through a mapping", () => {
  for (const [file, format] of [["zendesk-tickets.json", "zendesk"], ["freshdesk-tickets.json", "freshdesk"],
    ["zammad-tickets.jsonl", "zammad"], ["chatwoot-conversations.json", "chatwoot"]]) {
    const data = read(`examples/data/helpdesks/${file}`);
    const out = kesher.readEvents(data);
    assert.equal(out.format, format);
    assert.equal(out.read, out.accepted + out.rejected);
    assert.ok(out.events.length > 0 && out.events.every((e) => kesher.checkEvent(e)));
    assert.deepEqual(kesher.readEvents(data, format).events, out.events);
    assert.equal(kesher.readCases(data).cases.length, new Set(out.events.map((e) => e.case_id)).size);
  }
  const nyc = kesher.readCases(read("tests/data/nyc311-first300.csv"), "nyc311");
  assert.equal(nyc.read, 300);
  assert.deepEqual(nyc.rejections.map((r) => r.line).sort((a, b) => a - b), [238, 276]);
  const table = "id,opened at,done at,who\nA-1,2025-01-06 09:00,2025-01-06 11:30,c1\nA-2,2025-01-06 10:00,,c2\nA-3,not a date,,c3\n";
  const mapping = { name: "tickets", case: "id", created: "opened at", resolved: "done at", customer: "who",
    timestamp_format: "%Y-%m-%d %H:%M", timezone: "UTC", default_channel: "email" };
  const out = kesher.readCases(table, null, mapping);
  assert.deepEqual([out.read, out.accepted, out.rejected], [3, 2, 1]);
  assert.equal(out.rejections[0].line, 4);
  assert.deepEqual(Object.fromEntries(out.cases.map((c) => [c.id, c.status])), { "A-1": "resolved", "A-2": "received" });
  throwsKesher(assert, () => kesher.readEvents(table), "invalid_input", "format");
  throwsKesher(assert, () => kesher.readEvents(table, "nyc311", mapping), "invalid_input", "format");
  throwsKesher(assert, () => kesher.readEvents(table, null, { name: "x" }), "invalid_json");
});

test("Catalogue: the built-in languages, a host's wording for the reasons, and its mistakes", () => {
  const words = new kesher.Catalogue();
  assert.deepEqual(words.languages, ["ar", "en", "he", "ru"]);
  assert.deepEqual(words.missing("ru"), []);
  assert.ok(kesher.Catalogue.isRightToLeft("ar") && !kesher.Catalogue.isRightToLeft("ru"));
  const ar = words.format("ar", "escalation-breach", { metric: "first_response", rule: "late" });
  assert.match(ar, /\u2068first_response\u2069/);
  const counts = kesher.Catalogue.fromFtl("ru", "n = { $n ->\n    [one] { $n } обращение\n    [few] { $n } обращения\n   *[many] { $n } обращений\n}");
  assert.deepEqual([1, 3, 11].map((n) => counts.format("ru", "n", { n })), ["1 обращение", "3 обращения", "11 обращений"]);
  const ours = words.withMessages("en", "escalation-breach = { $metric } is late, tell { $rule }!");
  const engine = new kesher.SlaEngine(CONTRACTS);
  const rules = new kesher.EscalationRules([{ name: "late", when: { on: "breach" }, then: [{ do: "notify", group: "leads" }] }], { catalogue: ours });
  assert.equal(ours.format("en", "escalation-breach", { metric: "x", rule: "r" }), "x is late, tell r!"); // still usable
  const live = new kesher.LiveCase("T-1");
  live.apply(caseEvents()[0], engine, T0);
  const { escalations } = rules.tick(live, engine, "2025-01-06T10:00:00.001Z");
  assert.deepEqual(escalations.map((e) => e.reason), ["first_response is late, tell late!"]);
  throwsKesher(assert, () => words.withMessages("fr", "escalation-breach = { $metric } est dépassé"), "invalid_input", "catalogue.fr");
  throwsKesher(assert, () => words.format("en", "escalation-breach", { metric: "x" }), "missing_field", "rule");
  throwsKesher(assert, () => words.format("en", "escalation-breach", { metric: 1.5, rule: "r" }), "invalid_input", "metric");
  throwsKesher(assert, () => new kesher.EscalationRules([], { catalogue: "nope" }), "invalid_input", "catalogue");
});

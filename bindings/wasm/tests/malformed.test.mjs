// Malformed input to every entry point: each call either answers or throws a KesherError, never
// a TypeError from the glue and never a WebAssembly trap; afterwards the module still answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { full as kesher, read } from "./helpers.mjs";

const circular = {};
circular.self = circular;
const deep = JSON.parse("[".repeat(300) + "]".repeat(300));

const BAD = [
  undefined, null, 0, -1, NaN, Infinity, 1e308, true, "", " ", "{", "[", "null", "\u0000", "\ud800",
  "2025-13-45T99:99:99Z", "x".repeat(100_000), {}, [], [null], [{}], { type: "opened" }, circular,
  deep, new Date(NaN), new Date(8.64e15), 10n, Symbol("s"), () => 1, new Uint8Array([0xff, 0xfe, 0x00]),
  new Float64Array([NaN, -Infinity]), { tz: "Asia/Jerusalem", week: { mon: [["09:00", "25:00"]] } },
  { contracts: [{ name: "", calendar: "mars", targets: [] }] }, { customer_id: "c", points: [{ emotion: "x" }] },
];

/** A small seeded generator, so a failure can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const KEYS = ["type", "case_id", "at", "seq", "id", "customer", "customer_id", "channel", "direction", "actor", "kind",
  "text", "to", "tz", "week", "mon", "holidays", "contracts", "name", "calendar", "targets", "metric", "within",
  "points", "emotion", "source", "stage", "segment", "journeys", "stages", "status", "log", "facts", "opened_at"];
const STRINGS = ["opened", "interaction", "email", "twitter", "inbound", "customer", "2025-01-05T09:00:00Z", "israel",
  "first_response", "T-1", "cu-7", "09:00", "", "\u05d0", "resolved", "-1", "1e999"];

function randomJson(next, depth = 0) {
  const r = next();
  if (depth > 4 || r < 0.3) {
    const pick = next();
    if (pick < 0.4) return STRINGS[Math.floor(next() * STRINGS.length)];
    if (pick < 0.7) return Math.floor(next() * 200_000) - 100_000 + (next() < 0.3 ? next() : 0);
    if (pick < 0.85) return next() < 0.5;
    return null;
  }
  if (r < 0.5) return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth + 1));
  const o = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) o[KEYS[Math.floor(next() * KEYS.length)]] = randomJson(next, depth + 1);
  return o;
}

const calendar = new kesher.Calendar("israel");
const engine = new kesher.SlaEngine(JSON.parse(read("examples/data/contracts.json")));
const builder = new kesher.PatternBuilder();
const liveCase = new kesher.LiveCase("T-1");
liveCase.apply({ type: "opened", case_id: "T-1", at: "2025-01-05T09:00:00Z", customer: { id: "c" }, channel: "twitter" },
  engine, "2025-01-05T09:00:00Z");
const schedule = new kesher.WakeSchedule();
const words = new kesher.Catalogue();
const rules = new kesher.EscalationRules([{ name: "b", when: { on: "breach" }, then: [{ do: "acknowledge" }] }]);

/** Every entry point, each taking up to three arguments. */
const ENTRY_POINTS = {
  Calendar: (a) => new kesher.Calendar(a),
  add: (a, b) => calendar.add(a, b),
  elapsed: (a, b) => calendar.elapsed(a, b),
  isOpen: (a) => calendar.isOpen(a),
  nextOpen: (a) => calendar.nextOpen(a),
  addMany: (a, b) => calendar.addMany(a, b),
  addEachMany: (a, b) => calendar.addEachMany(a, b),
  elapsedMany: (a, b) => calendar.elapsedMany(a, b),
  isOpenMany: (a) => calendar.isOpenMany(a),
  nextOpenMany: (a) => calendar.nextOpenMany(a),
  calendarEval: (a) => kesher.calendarEval(a),
  foldCase: (a) => kesher.foldCase(a),
  foldEvents: (a) => kesher.foldEvents(a),
  checkEvent: (a) => kesher.checkEvent(a),
  readCases: (a, b, c) => kesher.readCases(a, b, c),
  readEvents: (a, b, c) => kesher.readEvents(a, b, c),
  LiveCase: (a) => new kesher.LiveCase(a),
  fromSnapshot: (a) => kesher.LiveCase.fromSnapshot(a),
  liveApply: (a, b, c) => liveCase.apply(a, engine, b ?? c),
  liveTick: (a) => liveCase.tick(engine, a),
  liveRecord: (a, b) => liveCase.record(a, engine, b),
  escalationEvents: (a, b) => liveCase.escalationEvents(a, b),
  scheduleSet: (a, b) => schedule.set(a, b),
  scheduleGet: (a) => schedule.get(a),
  scheduleDue: (a) => schedule.due(a),
  EscalationRules: (a) => new kesher.EscalationRules(a),
  rulesApply: (a, b, c) => rules.apply(liveCase, a, engine, b, c),
  rulesTick: (a, b) => rules.tick(liveCase, engine, a, b),
  Catalogue: () => new kesher.Catalogue(),
  catalogueFromFtl: (a, b) => kesher.Catalogue.fromFtl(a, b),
  catalogueWith: (a, b) => words.withMessages(a, b),
  catalogueFormat: (a, b, c) => words.format(a, b, c),
  rulesWithCatalogue: (a, b) => new kesher.EscalationRules(a, b),
  SlaEngine: (a) => new kesher.SlaEngine(a),
  evaluate: (a, b) => engine.evaluate(a, b),
  statements: (a) => engine.statements(a),
  coverage: (a) => engine.coverage(a),
  acknowledgement: (a, b, c) => engine.acknowledgement(a, b, c),
  buildJourney: (a, b, c) => kesher.buildJourney(a, b, c),
  checkJourney: (a) => kesher.checkJourney(a),
  turningPoints: (a, b) => kesher.turningPoints(a, b),
  criticalPoints: (a, b) => kesher.criticalPoints(a, b),
  journeySvg: (a, b) => kesher.journeySvg(a, b),
  patternSvg: (a, b) => kesher.patternSvg(a, b),
  PatternBuilder: (a) => new kesher.PatternBuilder(a),
  builderAdd: (a) => builder.add(a),
  builderMerge: (a) => builder.merge(a),
  builderFromJSON: (a) => kesher.PatternBuilder.fromJSON(a),
  whatIf: (a, b, c) => kesher.whatIf(a, b, c),
  serviceMetrics: (a, b) => kesher.serviceMetrics(a, b),
  recurringProblems: (a, b) => kesher.recurringProblems(a, b),
  checkCustomer: (a) => kesher.checkCustomer(a),
  lifetimeValue: (a, b) => kesher.lifetimeValue(a, b),
  checkInteraction: (a) => kesher.checkInteraction(a),
  renderReply: (a, b, c) => kesher.renderReply(a, b, c),
  buildReport: (a, b) => kesher.buildReport(a, b),
};

function attempt(assert, name, fn, args) {
  try {
    fn(...args);
  } catch (e) {
    assert.ok(e instanceof kesher.KesherError, `${name}(${args.map((a) => typeof a).join(", ")}) threw ${e?.constructor?.name}: ${e?.message}`);
    assert.ok(typeof e.kind === "string" && e.message.length > 0);
  }
}

test("every entry point refuses each malformed value with a KesherError", () => {
  const good = ["2025-01-05T09:00:00Z", 3600, {}];
  for (const [name, fn] of Object.entries(ENTRY_POINTS)) {
    for (const bad of BAD) {
      for (let pos = 0; pos < 3; pos++) {
        const args = good.slice();
        args[pos] = bad;
        attempt(assert, name, fn, args);
      }
    }
  }
});

test("every entry point survives random JSON-shaped input (seeded)", () => {
  const next = rng(20261123);
  for (let round = 0; round < 60; round++) {
    for (const [name, fn] of Object.entries(ENTRY_POINTS)) {
      const args = [randomJson(next), randomJson(next), randomJson(next)];
      attempt(assert, name, fn, args);
      attempt(assert, name, fn, args.map((a) => JSON.stringify(a)));
    }
  }
});

test("after all of that the module still answers correctly", () => {
  assert.equal(new kesher.Calendar("israel").add("2025-01-02T14:00:00Z", 4 * 3600).toISOString(), "2025-01-03T10:00:00.000Z");
  assert.equal(kesher.foldEvents(read("examples/data/ibm-twitter-care-dev200.jsonl")).cases.length, 200);
  assert.equal(kesher.LiveCase.fromSnapshot(liveCase.toSnapshot()).caseId, "T-1");
});

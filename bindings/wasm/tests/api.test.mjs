// Every public function and class of the package, on the bundled real sample and on small cases
// whose answers are known.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeDeep, full, kesher, read, readBytes, ROOT, throwsKesher } from "./helpers.mjs";

const SAMPLE = read("examples/data/ibm-twitter-care-dev200.jsonl");
const CONTRACTS = JSON.parse(read("examples/data/contracts.json"));
const NOW = "2020-04-03T00:00:00Z";

test("version is the crate's", () => {
  const cargo = read("bindings/wasm/Cargo.toml");
  assert.equal(kesher.version(), /^version = "(.+)"$/m.exec(cargo)[1]);
});

test("Calendar: Date and ISO instants in, Date out, definition round trip", () => {
  const desk = new kesher.Calendar("israel");
  const due = desk.add(new Date("2025-01-02T14:00:00Z"), 4 * 3600);
  assert.ok(due instanceof Date);
  assert.equal(due.toISOString(), "2025-01-03T10:00:00.000Z"); // Friday closes at 13:00 local
  assert.equal(desk.elapsed("2025-01-02T14:00:00Z", due), 4 * 3600);
  assert.equal(desk.isOpen("2025-01-04T10:00:00Z"), false); // Saturday
  assert.equal(desk.nextOpen("2025-01-04T10:00:00Z").toISOString(), "2025-01-05T07:00:00.000Z");
  const def = desk.toJSON();
  assert.equal(def.tz, "Asia/Jerusalem");
  const again = new kesher.Calendar(def);
  assert.equal(again.add("2025-01-02T14:00:00Z", 4 * 3600).getTime(), due.getTime());
  desk.free();
});

test("Calendar single calls: Dates cross as numbers, strings keep their nanoseconds", () => {
  const utc = new kesher.Calendar({ tz: "UTC", week: { mon: [["09:00", "17:00"]] } });
  // One nanosecond before the close and one after the next opening: a Date cannot say it,
  // a string can, and the core reads it exactly.
  assert.equal(utc.elapsed("2025-01-06T16:59:59.999999999Z", "2025-01-13T09:00:00.000000001Z"), 2e-9);
  assert.equal(utc.isOpen("2025-01-06T16:59:59.999999999Z"), true);
  assert.equal(utc.add(new Date("2025-01-06T16:00:00Z"), 7200).toISOString(), "2025-01-13T10:00:00.000Z");
  assert.equal(utc.nextOpen(new Date("2025-01-06T17:00:00Z")).toISOString(), "2025-01-13T09:00:00.000Z");
  // Before 1970: whole milliseconds below zero.
  assert.equal(utc.add(new Date("1969-12-29T16:59:59.999Z"), 0.002).toISOString(), "1970-01-05T09:00:00.001Z");
  throwsKesher(assert, () => utc.add(new Date("2300-01-01T00:00:00Z"), 60), "invalid_input", "start");
  throwsKesher(assert, () => utc.isOpen(new Date("nope")), "invalid_input", "at");
  throwsKesher(assert, () => utc.elapsed("2025-01-06T10:00:00Z", "yesterday"), "invalid_input", "end");
  throwsKesher(assert, () => utc.add(new Date(), -1), "negative_duration");
});

test("Calendar batches equal the one-at-a-time answers; NaN in, NaN out", () => {
  const cal = new kesher.Calendar("us");
  const base = Date.parse("2025-07-01T00:00:00Z");
  const starts = new Float64Array(500);
  const spans = new Float64Array(500);
  for (let i = 0; i < starts.length; i++) {
    starts[i] = base + i * 3_599_917; // every ~hour, odd milliseconds, across July 4th
    spans[i] = (i % 37) * 1800;
  }
  starts[7] = NaN;
  const due = cal.addMany(starts, 8 * 3600);
  const dueEach = cal.addEachMany(starts, spans);
  const back = cal.elapsedMany(starts, due);
  const open = cal.isOpenMany(starts);
  const next = cal.nextOpenMany(starts);
  for (let i = 0; i < starts.length; i++) {
    if (i === 7) {
      assert.ok(Number.isNaN(due[i]) && Number.isNaN(dueEach[i]) && Number.isNaN(back[i]) && Number.isNaN(next[i]));
      assert.equal(open[i], 255);
      continue;
    }
    const start = new Date(starts[i]);
    assert.equal(due[i], cal.add(start, 8 * 3600).getTime(), `due[${i}]`);
    assert.equal(dueEach[i], cal.add(start, spans[i]).getTime(), `dueEach[${i}]`);
    assert.equal(back[i], 8 * 3600, `elapsed(start, due)[${i}]`);
    assert.equal(open[i], cal.isOpen(start) ? 1 : 0);
    assert.equal(next[i], cal.nextOpen(start).getTime());
  }
  // Plain arrays work too.
  assert.deepEqual(Array.from(cal.addMany([starts[0]], 3600)), [cal.add(new Date(starts[0]), 3600).getTime()]);
});

test("Calendar batches over several chunks: whole and fractional milliseconds answer as single calls", () => {
  // The batch converts 2,048 instants at a time, in milliseconds when a chunk holds whole ones
  // and the question keeps them whole, in microseconds otherwise: both ways, across chunks.
  const cal = new kesher.Calendar("israel");
  const base = Date.parse("2025-09-20T00:00:00Z"); // across the autumn holidays
  const n = 5000;
  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) starts[i] = base + i * 1_234_567;
  for (let i = 2048; i < 4096; i += 97) starts[i] += 0.25; // the second chunk has fractions
  for (const seconds of [4 * 3600, 1.0005]) {
    const due = cal.addMany(starts, seconds);
    const next = cal.nextOpenMany(starts);
    const back = cal.subMany(starts, seconds);
    assert.equal(due.length, n);
    for (let i = 0; i < n; i += 13) {
      const [ms, rest] = [Math.floor(starts[i]), starts[i] - Math.floor(starts[i])];
      const start = rest === 0 ? new Date(ms) : null;
      if (start) {
        assert.equal(due[i], cal.add(start, seconds).getTime() + (due[i] % 1), `due[${i}] for ${seconds}`);
        assert.equal(next[i], cal.nextOpen(start).getTime(), `next[${i}]`);
      }
      assert.equal(cal.elapsedMany([starts[i]], [due[i]])[0], seconds, `elapsed(start, due)[${i}] for ${seconds}`);
      assert.ok(back[i] <= starts[i], `sub[${i}]`);
    }
  }
  const late = Float64Array.from(starts);
  late[4100] = 9e15; // past what a Date holds, in the third chunk
  throwsKesher(assert, () => cal.addMany(late, 60), "invalid_input", "starts[4100]");
  // The chunks answered before a missing instant keep their answers; from its chunk on, rows
  // are answered one by one; the caller's array is never written.
  const gap = Float64Array.from(starts);
  gap[4100] = NaN;
  const whole = cal.addMany(starts, 60);
  const holed = cal.addMany(gap, 60);
  assert.ok(Number.isNaN(holed[4100]) && Number.isNaN(gap[4100]));
  for (let i = 0; i < n; i++) if (i !== 4100) assert.equal(holed[i], whole[i], `due[${i}] beside a gap`);
  assert.equal(gap[0], starts[0]);
});

test("Calendar batch errors name the row", () => {
  const cal = new kesher.Calendar("uk");
  const t = Date.parse("2025-01-06T10:00:00Z");
  throwsKesher(assert, () => cal.addMany(new Float64Array([t, Infinity]), 60), "invalid_input", "starts[1]");
  throwsKesher(assert, () => cal.elapsedMany(new Float64Array([t, NaN, t]), new Float64Array([t, t, t - 1])), "end_before_start");
  throwsKesher(assert, () => cal.addEachMany(new Float64Array([t, t]), new Float64Array([60])), "invalid_input", "seconds");
  throwsKesher(assert, () => cal.addEachMany(new Float64Array([NaN, t]), new Float64Array([0, -5])), "negative_duration", "seconds[1]");
  throwsKesher(assert, () => cal.add(new Date(NaN), 1), "invalid_input", "start");
  throwsKesher(assert, () => cal.add("2025-01-06", 1), "invalid_input", "start");
  throwsKesher(assert, () => cal.add(t, 1), "invalid_input", "start");
  throwsKesher(assert, () => cal.add(new Date(t), Number.NaN), "invalid_input", "seconds");
  throwsKesher(assert, () => new kesher.Calendar({ tz: "Asia/Jerusalem", week: { mon: [["17:00", "17:00"]] } }), "invalid_calendar");
});

test("foldEvents folds the bundled sample, foldCase one case strictly", () => {
  const { cases, rejected } = kesher.foldEvents(SAMPLE);
  assert.equal(cases.length, 200);
  assert.equal(rejected.length, 0);
  const lines = SAMPLE.trim().split("\n");
  assert.equal(cases.reduce((n, c) => n + c.events, 0), lines.length); // every event used
  const id = cases[0].id;
  const own = lines.map((l) => JSON.parse(l)).filter((e) => e.case_id === id);
  const again = kesher.foldCase(own.reverse()); // any order
  assert.deepEqual(again, cases.find((c) => c.id === id));
  // Dates inside events are written as RFC 3339.
  const withDate = kesher.foldCase([{ ...own.at(-1), at: new Date(own.at(-1).at) }, ...own.slice(0, -1)]);
  assert.equal(withDate.opened_at, again.opened_at);
});

test("foldEvents accounts for every event: rejections with index and line", () => {
  const text = read("tests/data/events-with-errors.jsonl");
  const { cases, rejected } = kesher.foldEvents(text);
  const lines = text.split("\n").filter((l) => l.trim());
  assert.equal(cases.reduce((n, c) => n + c.events, 0) + rejected.length, lines.length);
  assert.deepEqual(rejected.map((r) => r.line), [4, 5, 6]); // as the CLI reports them (README)
  assert.equal(rejected[0].field, "channel");
  assert.match(rejected[0].message, /tweeter/);
  assert.equal(rejected[2].kind, "illegal_transition");
});

test("foldCase names the bad event's index in the field", () => {
  const events = [
    { type: "opened", case_id: "T-1", at: "2025-01-05T08:59:00Z", customer: { id: "cu-7" }, channel: "email" },
    { type: "interaction", case_id: "T-1", seq: 1, id: "m", customer_id: "cu-7", at: "2025-01-05T09:00:00Z", channel: "tweeter", direction: "inbound", actor: { type: "customer" }, kind: "message" },
  ];
  const e = throwsKesher(assert, () => kesher.foldCase(events), "invalid_json", "events[1].channel");
  assert.match(e.message, /tweeter/);
});

test("readCases reads every format with its row accounting", () => {
  const twcs = full.readCases(readBytes("tests/data/twcs-sample.csv"));
  assert.equal(twcs.format, "twcs");
  assert.equal(twcs.read, twcs.accepted + twcs.rejected);
  assert.equal(twcs.read, 93);
  const helpdesk = full.readCases(read("tests/data/helpdesk-first300.csv"), "helpdesk");
  assert.equal(helpdesk.accepted, 1376);
  const ibm = full.readCases(readBytes("examples/data/ibm-twitter-care-dev.json").buffer);
  assert.equal(ibm.format, "ibm");
  assert.equal(ibm.cases.length, 525);
  const bad = full.readCases("type,case_id\n", "events");
  assert.equal(bad.read, bad.accepted + bad.rejected);
  assert.ok(bad.rejections.every((r) => Number.isInteger(r.line) && r.reason.length > 0));
  throwsKesher(assert, () => full.readCases("x", "excel"), "invalid_input", "format");
});

test("SlaEngine: states, statements, coverage, acknowledgement", () => {
  const engine = new kesher.SlaEngine(CONTRACTS);
  const { cases } = kesher.foldEvents(SAMPLE);
  const states = {};
  for (const c of cases) for (const t of engine.evaluate(c, NOW).targets) states[t.state] = (states[t.state] ?? 0) + 1;
  // The README's figures for `kesher sla evaluate` on the same sample at the same instant.
  assert.deepEqual(states, { breached: 178, met: 132, met_late: 79, running: 17, warning: 5 });
  const he = engine.statements("he");
  assert.ok(he.length > 0 && he.every((s) => s.language === "he"));
  assert.match(he[0].text, /[\u0590-\u05FF]/);
  const cov = engine.coverage({ twitter: 10, custom_pigeon: 1, "custom:pigeon": 2 }.twitter ? { twitter: 10, "custom:pigeon": 2 } : {});
  assert.equal(cov.find((c) => c.channel === "twitter").coverage, "covered");
  const ack = engine.acknowledgement(CONTRACTS.contracts[0].name, "2025-07-03T20:30:00Z", { lang: "en" });
  assert.ok(Date.parse(ack.promised_by) > Date.parse("2025-07-03T20:30:00Z"));
  assert.equal(engine.toJSON().contracts.length, CONTRACTS.contracts.length);
  throwsKesher(assert, () => engine.acknowledgement("nope", NOW), "invalid_input", "contract");
  throwsKesher(assert, () => engine.statements("fr"), "invalid_input", "language");
});

test("statements, acknowledgements and replies in Arabic, Russian and a host's own language", () => {
  const engine = new full.SlaEngine(CONTRACTS);
  const ar = engine.statements("ar");
  assert.ok(ar.every((s) => s.language === "ar" && /[\u0600-\u06FF]/.test(s.text)));
  const ru = engine.acknowledgement(CONTRACTS.contracts[0].name, "2025-07-03T20:30:00Z", { lang: "ru" });
  assert.match(ru.text, /^Ваше обращение получено/);
  const reply = full.renderReply("reply", { customer: "Дана", agent: "Ноа", company: "Акме", solution: "Чайник отправлен." }, "ru");
  assert.ok(reply.text.startsWith("Здравствуйте, Дана! Это Ноа из Акме."), reply.text);
  // A host rewords a message, or brings a language of its own.
  const ours = new full.Catalogue().withMessages("en", "statement-except-holidays = closed on public holidays");
  const en = engine.statements("en", { catalogue: ours });
  assert.ok(en.some((s) => s.text.includes("closed on public holidays")), JSON.stringify(en));
  const english = read("crates/kesher/locales/en.ftl");
  const fr = new full.Catalogue().withMessages("fr", english.replace("statement-answer = We answer", "statement-answer = Nous répondons à"));
  const ack = engine.acknowledgement(CONTRACTS.contracts[0].name, "2025-07-03T20:30:00Z", { lang: "fr", catalogue: fr });
  assert.equal(ack.language, "fr");
  const frReply = full.renderReply("reply", { customer: "Dana", agent: "Noa", company: "Acme", solution: "x" }, "fr", { catalogue: fr });
  assert.ok(frReply.text.startsWith("Hello Dana"));
  throwsKesher(assert, () => engine.statements("fr"), "invalid_input", "language");
  throwsKesher(assert, () => engine.statements("en", { catalogue: "mine" }), "invalid_input", "catalogue");
  const partial = full.Catalogue.fromFtl("fr", "statement-around-the-clock = 24 h sur 24");
  throwsKesher(assert, () => engine.statements("fr", { catalogue: partial }), "invalid_input", "language");
  // The report too: Arabic built in, and the host's language with its own labels.
  const { cases } = full.foldEvents(SAMPLE);
  const some = cases.slice(0, 20);
  assert.ok(full.buildReport(some, { contracts: CONTRACTS, lang: "ar" }).html.includes('<html lang="ar" dir="rtl">'));
  const frReport = new full.Catalogue().withMessages("fr", english.replace("report-title = Customer experience report", "report-title = Rapport client"));
  const built = full.buildReport(some, { contracts: CONTRACTS, lang: "fr", catalogue: frReport });
  assert.equal(built.report.language, "fr");
  assert.ok(built.html.includes("<h1>Rapport client</h1>"));
  throwsKesher(assert, () => full.buildReport(some, { lang: "fr" }), "invalid_input", "language");
  // And the pictures.
  const journey = { customer_id: "c", points: [
    { at: "2025-01-05T10:00:00Z", stage: "contact", emotion: -0.5, source: "emotion_model" },
    { at: "2025-01-05T11:00:00Z", stage: "after", emotion: 0.4, source: "emotion_model" }] };
  const furious = new full.Catalogue().withMessages("ru", "emotion-level-furious = вне себя");
  assert.ok(full.journeySvg(journey, { lang: "ru", catalogue: furious }).includes("вне себя"));
  assert.ok(!full.journeySvg(journey, { lang: "ru" }).includes("вне себя"));
});

test("journeys, turning and critical points, SVG, patterns that merge in any order", () => {
  const engine = new kesher.SlaEngine(CONTRACTS);
  const { cases } = kesher.foldEvents(SAMPLE);
  const journeys = cases.map((c) => kesher.buildJourney(c, NOW, { sla: engine.evaluate(c, NOW) }));
  assert.equal(journeys.length, 200);
  const j = journeys.reduce((a, b) => (b.points.length > a.points.length ? b : a));
  assert.deepEqual(kesher.checkJourney(j), j);
  const lowest = Math.min(...j.points.map((p) => p.emotion));
  assert.equal(kesher.criticalPoints(j).lowest.emotion, lowest);
  for (const t of kesher.turningPoints(j)) assert.ok(["positive", "negative"].includes(t.turn));
  const svg = kesher.journeySvg(j, { lang: "he", title: "<script>x</script>" });
  assert.match(svg, /^<svg/);
  assert.ok(!svg.includes("<script>"));
  const whole = new kesher.PatternBuilder();
  journeys.forEach((x) => whole.add(x));
  const [a, b] = [new kesher.PatternBuilder(), new kesher.PatternBuilder()];
  journeys.forEach((x, i) => (i % 3 ? a : b).add(x));
  const merged = kesher.PatternBuilder.fromJSON(b.toJSON()).merge(a);
  assert.deepEqual(merged.finish(), whole.finish());
  const patterns = whole.finish();
  assert.equal(patterns.reduce((n, p) => n + p.journeys, 0), 200);
  assert.match(kesher.patternSvg(patterns[0]), /^<svg/);
  const wi = kesher.whatIf(cases.map((c) => ({ case: c })), { twitter: 0.25 }, NOW);
  assert.equal(wi.before.length, wi.after.length);
  assert.ok(wi.changes.length > 0);
});

test("a journey a person edits: a new low point shows up in the analysis", () => {
  const j = { customer_id: "cu-7", points: [
    { at: "2025-01-05T09:00:00Z", stage: "before", emotion: 0, source: "agent_annotation" },
    { at: "2025-01-05T10:00:00Z", stage: "during", emotion: 0.33, source: "agent_annotation" },
  ] };
  assert.equal(kesher.criticalPoints(j).lowest.emotion, 0);
  j.points.push({ at: "2025-01-05T09:30:00Z", stage: "during", emotion: -0.9, source: "survey" });
  const sorted = kesher.checkJourney(j);
  assert.deepEqual(sorted.points.map((p) => p.emotion), [0, -0.9, 0.33]);
  assert.equal(kesher.criticalPoints(sorted).lowest.index, 1);
  assert.equal(kesher.turningPoints(sorted).length, 1);
  throwsKesher(assert, () => kesher.checkJourney({ customer_id: "c", points: [{ at: "2025-01-05T09:00:00Z", emotion: 2, source: "survey" }] }), undefined, "points[0].emotion");
});

test("service metrics and recurring problems", () => {
  const engine = new kesher.SlaEngine(CONTRACTS);
  const { cases } = kesher.foldEvents(SAMPLE);
  const m = full.serviceMetrics(cases, cases.map((c) => engine.evaluate(c, NOW)));
  assert.equal(m.cases, 200);
  const answered = cases.map((c) => c.facts.time_to_first_human_response).filter((x) => x !== undefined);
  assert.equal(m.first_response.count, answered.length);
  const p = full.recurringProblems(cases, 2);
  assert.ok(p.described > 0 && p.clusters.length > 0);
  throwsKesher(assert, () => full.serviceMetrics(cases, [null]), "invalid_input", "slas");
});

test("customers, interactions, replies", () => {
  const customer = JSON.parse(read("docs/examples/customer.json"));
  assert.equal(kesher.checkCustomer(customer).id, "cu-1042");
  const v = kesher.lifetimeValue(customer, "2025-06-01T00:00:00Z");
  assert.equal(v.realized.amount_minor, 21900);
  const i = kesher.checkInteraction({ type: "interaction", id: "m", customer_id: "c", at: "2025-01-05T09:00:00Z", channel: "email", direction: "inbound", actor: { type: "customer" }, kind: "message" });
  assert.equal(i.direction, "inbound");
  throwsKesher(assert, () => kesher.checkInteraction({ id: "m", customer_id: "c", at: "2025-01-05T09:00:00Z", channel: "email", direction: "outbound", actor: { type: "customer" }, kind: "message" }), "invalid_input");
  const r = kesher.renderReply("reply", { customer: "Dana", agent: "Noa", company: "Acme", solution: "A new kettle ships today." }, "he");
  assert.match(r.text, /Dana/);
  assert.deepEqual([...r.variables].sort(), ["agent", "company", "customer", "solution"]);
  throwsKesher(assert, () => kesher.renderReply("reply", { customer: "Dana" }), "missing_field");
});

test("buildReport gives the same figures as `kesher report --json` on the bundled sample (to 1e-12)", () => {
  const out = `${ROOT}target/wasm-test-report.json`;
  const cli = spawnSync("cargo", ["run", "-q", "-p", "kesher-cli", "--", "report", "--out", `${ROOT}target/wasm-test-report.html`, "--json", out], { cwd: ROOT, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  const want = JSON.parse(read("target/wasm-test-report.json"));
  const { cases } = full.readCases(readBytes("examples/data/ibm-twitter-care-dev.json"));
  const { report, html } = full.buildReport(cases, { contracts: CONTRACTS, now: want.now });
  delete want.inputs; // the CLI's own account of its files
  closeDeep(assert, report, want, "report");
  assert.match(html, /^<!DOCTYPE html>/i);
  const he = full.buildReport(cases.slice(0, 10), { lang: "he" });
  assert.match(he.html, /dir="rtl"/);
});

test("readMessages and a host's scorer function, called once per journey", () => {
  const read = kesher.readMessages(["thanks, great service!", "I'll post this everywhere, cancel my account"]);
  assert.deepEqual(read.map((r) => r.turn), ["thanks", "complaint"]);
  assert.equal(read[0].sentiment, "positive");
  assert.equal(kesher.readMessages(["המשלוח עדיין לא הגיע, נמאס"], { lang: "he" })[0].sentiment, "negative");
  throwsKesher(assert, () => kesher.readMessages(["x"], { lang: "fr" }), "invalid_input");
  const calls = [];
  const scorer = (texts) => {
    calls.push(texts);
    return texts.map((t) => (t.includes("late") ? -0.9 : null));
  };
  const got = kesher.readMessages(["my order is late", "hello"], { scorer });
  assert.deepEqual(calls, [["my order is late", "hello"]]);
  assert.deepEqual(got.map((g) => g.score), [-0.9, null]);
  throwsKesher(assert, () => kesher.readMessages(["a"], { scorer: () => [2] }), "invalid_input");
  throwsKesher(assert, () => kesher.readMessages(["a", "b"], { scorer: () => [0.5] }), "invalid_input");
  throwsKesher(assert, () => kesher.readMessages(["a"], { scorer: async () => [0.5] }), "invalid_input");
  throwsKesher(assert, () => kesher.readMessages(["a"], { scorer: () => ["x"] }), "invalid_input");

  const { cases } = kesher.foldEvents(SAMPLE);
  const kase = cases.find((c) => c.log.some((i) => i.direction === "inbound" && i.text));
  const seen = [];
  const happy = kesher.buildJourney(kase, NOW, { scorer: (texts) => (seen.push(texts), texts.map(() => 0.8)) });
  assert.equal(seen.length, 1);
  assert.ok(seen[0].length >= 1 && seen[0].every((t) => typeof t === "string"));
  const scored = happy.points.filter((p) => p.source === "text_scorer");
  assert.ok(scored.length >= 1 && scored.every((p) => p.emotion === 0.8));
});

test("stage maps place points; the continuous line carries a customer across cases", () => {
  const { cases } = kesher.foldEvents(SAMPLE);
  const kase = cases.find((c) => c.log.some((i) => i.direction === "outbound"));
  const byDefault = kesher.buildJourney(kase, NOW);
  assert.equal(byDefault.points[0].stage, "first_contact");
  const stageMap = { stages: ["before", "rest"], rules: [
    { stage: "before", when: { first_contact: true, answered: false } },
    { stage: "rest", when: {} },
  ] };
  const own = kesher.buildJourney(kase, NOW, { stageMap });
  assert.ok(own.points.every((p) => p.stage === "before" || p.stage === "rest"));
  const bad = { stages: ["a"], rules: [{ stage: "b", when: {} }] };
  const e = throwsKesher(assert, () => kesher.buildJourney(kase, NOW, { stageMap: bad }), "invalid_input");
  const patterns = kesher.whatIf([{ case: kase }], { twitter: 0.5 }, NOW, { stageMap }).before;
  assert.deepEqual(patterns[0].stages.map((s) => s.stage), ["before", "rest"]);
  const mine = cases.filter((c) => c.customer.id === kase.customer.id).map((c) => ({ case: c }));
  const customer = { id: kase.customer.id, name: "someone", purchases: [
    { order_ref: "o-1", purchased_at: "2017-01-01T00:00:00Z", total: { amount_minor: 100, currency: "USD" } }] };
  const line = kesher.customerJourney(customer, mine, NOW);
  assert.equal(line.points[0].cause, "purchase");
  assert.equal(line.case_id, undefined);
  const other = cases.find((c) => c.customer.id !== kase.customer.id);
  throwsKesher(assert, () => kesher.customerJourney(customer, [{ case: other }], NOW), "invalid_input");
  void e;
});

test("buildReport lists a case it cannot evaluate and reports the rest", () => {
  const { cases } = kesher.foldEvents(SAMPLE);
  const bad = kesher.foldCase([
    JSON.stringify({ type: "opened", case_id: "bad", at: "2020-04-01T00:00:00Z", customer: { id: "x" }, channel: "email" }),
    JSON.stringify({ type: "contract_changed", case_id: "bad", seq: 1, at: "2020-04-01T00:10:00Z", contract: "no-such-contract" }),
  ].join("\n"));
  const { report, html } = full.buildReport([...cases.slice(0, 5), bad], { contracts: CONTRACTS, now: NOW });
  assert.equal(report.refused_total, 1);
  assert.equal(report.refused[0].case_id, "bad");
  assert.equal(report.totals.metrics.cases, 5);
  assert.match(html, /no-such-contract/);
});

test("after free() and on deep nesting, only KesherError is thrown", () => {
  const cal = new kesher.Calendar("us");
  cal.free();
  cal.free(); // twice is harmless
  const e = throwsKesher(assert, () => cal.add("2025-01-02T14:00:00Z", 60), "invalid_input", "this");
  assert.match(e.message, /free\(\)/);
  throwsKesher(assert, () => cal.toJSON(), "invalid_input");
  const a = new kesher.PatternBuilder();
  const b = new kesher.PatternBuilder();
  b.free();
  throwsKesher(assert, () => a.merge(b), "invalid_input");
  throwsKesher(assert, () => b.toJSON(), "invalid_input");
  a.free();
  const engine = new kesher.SlaEngine(CONTRACTS);
  engine.free();
  throwsKesher(assert, () => engine.statements("en"), "invalid_input");
  throwsKesher(assert, () => engine.acknowledgement("standard", "2025-01-02T14:00:00Z"), "invalid_input");
  let deep = [];
  for (let i = 0; i < 200_000; i++) deep = [deep];
  throwsKesher(assert, () => kesher.checkJourney(deep), "invalid_input");
  throwsKesher(assert, () => kesher.foldCase(deep), "invalid_input");
  throwsKesher(assert, () => new kesher.Calendar(deep), "invalid_input");
});

test("night shifts, backward questions and open days, single and column forms", () => {
  const nights = new kesher.Calendar({ tz: "Europe/London", week: { sat: [["22:00", "06:00"]] } });
  assert.equal(nights.elapsed("2025-03-29T12:00:00Z", "2025-03-30T12:00:00Z"), 7 * 3600);
  assert.deepEqual(nights.toJSON().week.sat, [["22:00", "06:00"]]);
  const us = new kesher.Calendar("us");
  const t = new Date("2025-01-07T15:00:00Z");
  const back = us.sub(t, 2 * 3600);
  assert.equal(us.elapsed(back, t), 2 * 3600);
  assert.ok(us.previousOpen(t) <= t && t < us.nextClose(t));
  assert.ok(us.previousClose(t) < us.previousOpen(t));
  const friday = us.addDays(t, 3);
  assert.equal(friday.getUTCDay(), 5);
  assert.equal(us.openDaysBetween(t, friday), 3);
  throwsKesher(assert, () => us.addDays(t, 1.5), "invalid_input", "days");
  throwsKesher(assert, () => us.sub(t, -1), "negative_duration");
  const at = Float64Array.from([t.getTime(), Number.NaN, t.getTime() + 86_400_000]);
  const opened = us.previousOpenMany(at);
  assert.equal(opened[0], us.previousOpen(t).getTime());
  assert.ok(Number.isNaN(opened[1]));
  assert.equal(us.subMany(at, 7200)[2], us.sub(new Date(at[2]), 7200).getTime());
  assert.equal(us.addDaysMany(at, -1)[0], us.addDays(t, -1).getTime());
  assert.equal(us.nextCloseMany(at)[2], us.nextClose(new Date(at[2])).getTime());
  assert.equal(us.previousCloseMany(at)[0], us.previousClose(t).getTime());
  const counts = us.openDaysBetweenMany(at, Float64Array.from([friday.getTime(), 0, friday.getTime()]));
  assert.equal(counts[0], 3);
  assert.ok(Number.isNaN(counts[1]));
});

test("SlaEngine: team calendars and a target that starts at a voicemail", () => {
  const office = { tz: "UTC", week: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]])) };
  const nights = { tz: "UTC", week: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["22:00", "06:00"]]])) };
  const engine = new kesher.SlaEngine({
    contracts: [{ name: "std", calendar: office, teams: { night: nights }, targets: [{ metric: "resolution", within: 36000 }] }],
    interaction_targets: [{ name: "call back", on: { kinds: ["voicemail"] }, within: 28800, calendar: office, answered_on: ["phone"] }],
  });
  const { cases } = kesher.foldEvents([
    { type: "opened", case_id: "T", at: "2025-01-06T08:00:00Z", customer: { id: "c" }, channel: "phone" },
    { type: "assigned", case_id: "T", seq: 1, at: "2025-01-06T12:00:00Z", agent: "dana", team: "night" },
    { type: "interaction", case_id: "T", seq: 2, id: "v", customer_id: "c", at: "2025-01-06T16:00:00Z", channel: "phone",
      direction: "inbound", actor: { type: "customer" }, kind: "voicemail" },
  ]);
  assert.equal(cases[0].assignment_history[0].team, "night");
  const targets = engine.evaluate(cases[0], "2025-01-06T23:00:00Z").targets;
  const by = Object.fromEntries(targets.map((t) => [t.metric, t]));
  assert.equal(by.resolution.due_at, "2025-01-07T05:00:00Z");
  assert.equal(by.interaction_response.contract, "call back");
  assert.equal(by.interaction_response.due_at, "2025-01-07T16:00:00Z");
  assert.ok(engine.statements("en").some((s) => s.contract === "call back" && s.text.startsWith("We call back voicemail messages")));
});

test("errors carry kind, field and value, and their kinds are the core's list", () => {
  const kinds = kesher.errorKinds();
  assert.equal(kinds.length, 12);
  for (const k of ["invalid_input", "negative_duration", "unsupported", "internal"]) assert.ok(kinds.includes(k), k);
  const e = throwsKesher(assert, () => new kesher.Calendar("israel").add(new Date("2025-01-05T09:00:00Z"), -1.5), "negative_duration", "duration");
  assert.equal(e.value, "-1.5");
  const days = throwsKesher(assert, () => new kesher.Calendar("israel").addDays(new Date("2025-01-05T09:00:00Z"), 2.5), "invalid_input", "days");
  assert.equal(days.value, "2.5");
});

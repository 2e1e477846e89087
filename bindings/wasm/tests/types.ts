// Compiled by `tsc -p bindings/wasm/tsconfig.json` (strict, no emit): the public types are precise
// enough that right uses compile and wrong ones do not (each @ts-expect-error must be an error).
import {
  Calendar, KesherError, SlaEngine, PatternBuilder, foldCase, foldEvents, buildJourney, customerJourney, criticalPoints,
  serviceMetrics, buildReport, calendarEval, readCases, readEvents, whatIf, renderReply, readMessages,
  LiveCase, WakeSchedule, EscalationRules, type CaseChanges, type Escalation,
  type Case, type CaseSla, type Journey, type Pattern, type TargetState, type Report, type MessageReading,
  type StageMap,
} from "../pkg/index.js";

const desk = new Calendar("israel");
const due: Date = desk.add(new Date(), 4 * 3600);
const many: Float64Array = desk.addMany(new Float64Array([Date.now()]), 3600);
const open: Uint8Array = desk.isOpenMany([Date.now()]);
const tz: string = desk.toJSON().tz;
// @ts-expect-error: not a preset
new Calendar("mars");
// @ts-expect-error: seconds are a number
desk.add(due, "1h");

const kase: Case = foldCase([{ type: "opened", case_id: "T-1", at: new Date(), customer: { id: "cu-7" }, channel: "email" }]);
// @ts-expect-error: not a channel
foldCase([{ type: "opened", case_id: "T-1", at: "2025-01-05T08:59:00Z", customer: { id: "cu-7" }, channel: "tweeter" }]);
const status: "received" | "acknowledged" | "in_progress" | "waiting_on_customer" | "resolved" | "closed" | "released" | "reopened" = kase.status;
const { cases, rejected } = foldEvents("");
const line: number | undefined = rejected[0]?.line;

const engine = new SlaEngine({ contracts: [{ name: "std", calendar: "us", targets: [{ metric: "first_response", within: 3600 }] }] });
const sla: CaseSla = engine.evaluate(kase, "2025-01-05T09:00:00Z");
const state: TargetState = sla.targets[0].state;
// @ts-expect-error: not a metric
new SlaEngine([{ name: "x", calendar: "us", targets: [{ metric: "speed", within: 1 }] }]);

const journey: Journey = buildJourney(kase, new Date(), { sla, segmentKey: "brand" });
const stageMap: StageMap = { stages: ["order", "support"], rules: [
  { stage: "order", when: { cause: ["purchase"] } },
  { stage: "support", when: { kind: ["message"], direction: ["inbound"], answered: false } },
] };
const continuous: Journey = customerJourney({ id: "cu-1", name: "Dana" }, [{ case: kase, sla }], new Date(), { stageMap });
void continuous;
const lowest: number | undefined = criticalPoints(journey).lowest?.emotion;
const patterns: Pattern[] = new PatternBuilder().add(journey).finish();
const median: number | null = patterns[0].stages[0].median;
const fcr: number | null = serviceMetrics(cases, null).first_contact_resolution_rate;
const report: Report = buildReport(cases, { lang: "he" }).report;
const answer = calendarEval({ id: 1, op: "add", calendar: "uk", input: { start: "2025-01-06T10:00:00Z", seconds: 60 } });
const read: number = readCases(new Uint8Array(), "twcs").read;
const changes = whatIf([{ case: kase }], { twitter: 0.5 }, new Date()).changes;
const reply: string = renderReply("reply", { customer: "Dana" }, "he").text;

try {
  desk.add("nope", 1);
} catch (e) {
  if (e instanceof KesherError) {
    const field: string | null = e.field;
    const kind: "invalid_input" | "missing_field" | "illegal_transition" | "conflicting_event" | "currency_mismatch" | "invalid_json" | "invalid_calendar" | "no_working_time" | "end_before_start" | "negative_duration" | "internal" | "unsupported" = e.kind;
    void field, kind;
  }
}

void [due, many, open, tz, status, line, state, lowest, median, fcr, report, answer, read, changes, reply];

const readings: MessageReading[] = readMessages(["thanks"], { lang: "en", scorer: (t: string[]) => t.map(() => 0.5) });
const firstTurn: "thanks" | "confirmation" | "problem" | "complaint" = readings[0].turn;
void firstTurn;

const engineForLive = new SlaEngine([{ name: "s", calendar: "uk", targets: [{ metric: "first_response", within: 3600 }] }]);
const liveCase = new LiveCase("T-1");
const applied: CaseChanges = liveCase.apply({ type: "opened", case_id: "T-1", at: new Date().toISOString(), customer: { id: "c" }, channel: "email" }, engineForLive, new Date());
const wake: Date | null = liveCase.wakeAt;
const schedule = new WakeSchedule();
schedule.set("T-1", wake);
const dueNow: [string, Date][] = schedule.due(new Date());
const rules = new EscalationRules([{ name: "late", when: { on: "breach" }, then: [{ do: "raise_priority", to: "urgent" }] }]);
const asked: Escalation[] = rules.tick(liveCase, engineForLive, new Date(), "he").escalations;
const resumed: LiveCase = LiveCase.fromSnapshot(liveCase.toSnapshot());
const imported: number = readEvents("", null, { name: "t", case: "id", created: "c", default_channel: "email" }).events.length;
// @ts-expect-error: not an action
new EscalationRules([{ name: "x", when: { on: "breach" }, then: [{ do: "shout" }] }]);
// @ts-expect-error: a schedule takes an instant, not a number of seconds
schedule.set("T-1", 60);
void [applied, dueNow, asked, resumed, imported];

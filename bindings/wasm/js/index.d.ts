// Types of the `kesher` package: the JSON contract (docs/json-contract.md) as TypeScript, and
// the functions over it. Instants are `Date`s or RFC 3339 strings going in, RFC 3339 strings
// inside returned objects (as the JSON contract writes them), and `Date`s where a function
// returns one instant. Durations are seconds. Batches are Float64Arrays of epoch milliseconds.

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * Loads the WebAssembly module and the text scorer's lexicon and model. In browsers and
 * bundlers, call it once before anything else; in Node.js both load on import and this
 * resolves at once.
 *
 * The package has two entries with the same API: `kesher` (calendars, SLAs, cases, journeys,
 * patterns, reading text, the playbook) and `kesher/full` (also the importers, the report,
 * `serviceMetrics`, `recurringProblems`, live cases and the catalogue). In `kesher`, those throw
 * a `KesherError` of kind `unsupported`. Use one entry in a program: their objects do not mix.
 * @param source where the `.wasm` is (default: `kesher_wasm_bg.wasm` next to the module).
 * @param options `textModel`: where the lexicon and model are (default: `text/english.tsv` and
 * `text/hebrew.tsv` of the package), or `false` to load none (the scorer then reads only its
 * support words until `installTextModel` is called).
 * @example
 * import { init, Calendar } from "kesher";
 * await init();
 * new Calendar("israel").add(new Date(), 4 * 3600);
 */
export function init(
  source?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
  options?: { textModel?: false | { english: string | URL; hebrew: string | URL } },
): Promise<void>;

/**
 * Installs the text scorer's English lexicon and Hebrew model: the texts of the package's
 * `text/english.tsv` and `text/hebrew.tsv`, checked line by line (a `KesherError` names the
 * first line that does not read). `init()` does it; once per program.
 * @example
 * await init(undefined, { textModel: false });
 * installTextModel(await (await fetch(englishUrl)).text(), await (await fetch(hebrewUrl)).text());
 */
export function installTextModel(englishLexicon: string, hebrewModel: string): void;

/** Whether the text scorer has its lexicon and model (true after `init()`). */
export function textModelInstalled(): boolean;

/** The package's version, such as `"0.1.0"`. */
export function version(): string;

// ---------------------------------------------------------------------------------------------
// Scalars and names

/** An RFC 3339 instant as the JSON contract writes it, such as `"2025-01-05T09:00:00Z"`. */
export type IsoInstant = string;
/** An instant going in: a valid `Date`, or an RFC 3339 string (nanoseconds kept). */
export type Instant = Date | IsoInstant;
/** A local date, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A local time of day, `HH:MM` or `HH:MM:SS` (`24:00` allowed as an end). */
export type LocalTime = string;
/** Seconds, a number. */
export type Seconds = number;

/** A channel: one of the known ones or `custom:<name>`. */
export type Channel =
  | "phone"
  | "email"
  | "voicemail"
  | "facebook_page"
  | "facebook_messenger"
  | "twitter"
  | "whatsapp"
  | "sms"
  | "chat"
  | "web_form"
  | "store_visit"
  | `custom:${string}`;
/** A language of the built-in catalogue; a host's own catalogue may add others (any tag). */
export type Language = "en" | "he" | "ar" | "ru";
export type Priority = "low" | "normal" | "high" | "urgent";
export type CaseStatus =
  | "received"
  | "acknowledged"
  | "in_progress"
  | "waiting_on_customer"
  | "resolved"
  | "closed"
  | "released"
  | "reopened";
export type Direction = "inbound" | "outbound";
export type InteractionKind =
  | "message"
  | "call"
  | "missed_call"
  | "voicemail"
  | "visit"
  | "internal_note"
  | "transfer"
  | "acknowledgement"
  | "follow_up"
  | "survey_response"
  | "refund"
  | "status_change";
export type EmotionSource = "agent_annotation" | "survey" | "emotion_model" | "text_scorer";
/** Every error kind (`KesherError.kind`). `unsupported`: a function this build leaves out. */
export type ErrorKind =
  | "invalid_input"
  | "missing_field"
  | "illegal_transition"
  | "conflicting_event"
  | "currency_mismatch"
  | "invalid_json"
  | "invalid_calendar"
  | "no_working_time"
  | "end_before_start"
  | "negative_duration"
  | "internal"
  | "unsupported";

/**
 * What every function throws on bad input: an `Error` whose `kind` says what went wrong and
 * `field` where (a JSON path such as `events[3].channel`); the message names the value.
 * @example
 * try { new Calendar({ tz: "Mars/Olympus", week: {} }); }
 * catch (e) { if (e instanceof KesherError) console.log(e.kind, e.field); } // invalid_calendar tz
 */
export class KesherError extends Error {
  readonly name: "KesherError";
  readonly kind: ErrorKind;
  readonly field: string | null;
  /** The offending value, as text, when there is one. */
  readonly value: string | null;
}

/** Every `kind` a `KesherError` can have: the core's `ErrorKind::ALL`. */
export function errorKinds(): ErrorKind[];

// ---------------------------------------------------------------------------------------------
// Money, customers, interactions

export interface Money {
  /** The amount in the currency's minor unit (agorot, cents). */
  amount_minor: number;
  /** ISO 4217 code, such as `"ILS"`. */
  currency: string;
}

export interface ContactPoint {
  channel: Channel;
  address: string;
  preferred?: boolean;
}

export interface PurchaseItem {
  sku?: string;
  description: string;
  quantity?: number;
  unit_price?: Money;
}

export interface Purchase {
  order_ref: string;
  purchased_at: IsoInstant;
  items?: PurchaseItem[];
  total?: Money;
}

export interface Consent {
  topic: string;
  granted: boolean;
  at: IsoInstant;
}

/** A customer record (only `id` and `name` are required). */
export interface Customer {
  id: string;
  name: string;
  kind?: "person" | "organization";
  given_name?: string;
  family_name?: string;
  contact_points?: ContactPoint[];
  purchases?: Purchase[];
  segments?: string[];
  birthday?: LocalDate;
  time_zone?: string;
  language?: string;
  consents?: Consent[];
  acquisition_cost?: Money;
  customer_since?: IsoInstant;
}

export interface LifetimeValue {
  purchases: number;
  realized: Money;
  projected: Money;
  net_projected: Money;
}

/** The customer as a case's `opened` event names them. */
export interface CaseCustomer {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  segments?: string[];
}

export type Actor =
  | { type: "customer" }
  | { type: "agent"; id: string }
  | { type: "bot"; name?: string }
  | { type: "system" };

export interface EmotionReading {
  /** In [-1, 1]. */
  value: number;
  source: EmotionSource;
}

export interface Interaction {
  id: string;
  customer_id: string;
  case_id?: string;
  seq?: number;
  at: IsoInstant;
  channel: Channel;
  direction: Direction;
  actor: Actor;
  kind: InteractionKind;
  in_reply_to?: string;
  text?: string;
  emotion?: EmotionReading;
  metadata?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Case events and cases

export interface Problem {
  category: string;
  description?: string;
}

export interface OrderRef {
  order_ref: string;
  purchased_at?: IsoInstant;
  items?: string[];
}

interface EventBase {
  case_id: string;
  /** Instants may also be `Date`s going in; they are written as RFC 3339. */
  at: IsoInstant | Date;
  /** Orders events at the same instant (0 when omitted). */
  seq?: number;
}

/** One case event of the JSON contract, tagged by `type`. */
export type CaseEvent =
  | (EventBase & {
      type: "opened";
      customer: CaseCustomer;
      channel: Channel;
      problem?: Problem;
      order?: OrderRef;
      priority?: Priority;
      metadata?: Record<string, string>;
    })
  | (EventBase & Omit<Interaction, "at" | "case_id" | "seq"> & { type: "interaction" })
  | (EventBase & { type: "status_changed"; to: Exclude<CaseStatus, "released">; actor?: Actor; reason?: string })
  | (EventBase & { type: "assigned"; agent: string; team?: string })
  | (EventBase & { type: "transferred"; to: string; from?: string; team?: string; reason?: string })
  | (EventBase & { type: "problem_updated"; problem: Problem })
  | (EventBase & { type: "priority_changed"; priority: Priority })
  | (EventBase & { type: "contract_changed"; contract: string; reason?: string })
  | (EventBase & {
      type: "promise_made";
      promise_id: string;
      kind: "callback" | "credit" | "delivery" | "answer" | "other";
      due: IsoInstant | Date;
      owner?: string;
      channel?: Channel;
      description?: string;
    })
  | (EventBase & { type: "promise_kept" | "promise_cancelled"; promise_id: string; reason?: string })
  | (EventBase & { type: "released"; refund?: Money; note?: string });

export type CaseEventType = CaseEvent["type"];

export interface StatusChange {
  at: IsoInstant;
  seq: number;
  from: CaseStatus;
  to: CaseStatus;
  trigger: { type: "status_changed" } | { type: "released" } | { type: "interaction"; id: string };
}

/** What a case's log says, derived on every fold (never trusted from input). */
export interface CaseFacts {
  first_contact_resolved: boolean;
  customer_contacts: number;
  first_human_response_at?: IsoInstant;
  time_to_first_human_response?: Seconds;
  resolved_at?: IsoInstant;
  time_to_resolution?: Seconds;
  back_and_forth: number;
  channels: Channel[];
  unanswered_inbound: string[];
  reopened: number;
  public: boolean;
}

/** A promise made to the customer during a case (the promise ledger). */
export interface CasePromise {
  id: string;
  kind: "callback" | "credit" | "delivery" | "answer" | "other";
  owner?: string;
  channel?: Channel;
  made_at: IsoInstant;
  due: IsoInstant;
  description?: string;
  kept_at?: IsoInstant;
  cancelled_at?: IsoInstant;
}

/** A folded case. Empty lists and maps are left out, as the JSON contract writes them. */
export interface Case {
  id: string;
  customer: CaseCustomer;
  opened_at: IsoInstant;
  first_channel: Channel;
  problem?: Problem;
  order?: OrderRef;
  priority: Priority;
  priority_history?: { at: IsoInstant; seq: number; priority: Priority }[];
  contract_history?: { at: IsoInstant; seq: number; contract: string; reason?: string }[];
  metadata?: Record<string, string>;
  status: CaseStatus;
  status_history: StatusChange[];
  assignee?: string;
  agents: string[];
  transfers: number;
  /** When the case was passed on (a transfer, or an assignment to a new person). */
  transfer_history?: { at: IsoInstant; seq: number }[];
  /** Every assignment and transfer: the agent, and the team when the event named one. */
  assignment_history?: { at: IsoInstant; seq: number; agent: string; team?: string }[];
  promises?: CasePromise[];
  release?: { at: IsoInstant; refund?: Money; note?: string };
  log: Interaction[];
  events: number;
  last_event_at: IsoInstant;
  facts: CaseFacts;
}

/** An event (or row) that could not be used: where it was and why. */
export interface Rejection {
  /** Its index in the events given. */
  index: number;
  /** Its line, when the events were given as JSON Lines text. */
  line?: number;
  kind: ErrorKind;
  field: string | null;
  /** The offending value, as text, when there is one. */
  value: string | null;
  message: string;
}

export interface FoldResult {
  cases: Case[];
  rejected: Rejection[];
}

/** Formats `readCases` and `readEvents` know (detected from the first bytes when not named). */
export type ImportFormat =
  | "events"
  | "twcs"
  | "helpdesk"
  | "bpic2013"
  | "ibm"
  | "nyc311"
  | "zendesk"
  | "freshdesk"
  | "zammad"
  | "chatwoot";

/**
 * A mapping for a CSV of another shape: a table with one row per ticket (it names a `created`
 * column) or an event log (one row per activity). The core checks it and names a bad field.
 */
export type ImportMapping = string | Record<string, unknown>;

/** The events of an export (as `kesher import` writes them) and the account of its rows. */
export interface EventsRead {
  format: string;
  events: CaseEvent[];
  read: number;
  accepted: number;
  rejected: number;
  rejections: { line: number; reason: string }[];
}

/** The cases of an export and the account of its rows: `read = accepted + rejected`. */
export interface ReadResult {
  format: string;
  cases: Case[];
  read: number;
  accepted: number;
  rejected: number;
  rejections: { line: number; reason: string }[];
}

/**
 * Folds one case's events (objects, or JSON Lines text), in any order, into the case. The
 * first bad event is thrown, its index in the field (`events[2].channel`).
 * @example
 * const kase = foldCase([
 *   { type: "opened", case_id: "T-1", at: "2025-01-05T08:59:00Z", customer: { id: "cu-7" }, channel: "email" },
 *   { type: "status_changed", case_id: "T-1", seq: 1, at: "2025-01-05T10:00:00Z", to: "in_progress" },
 * ]);
 * kase.status; // "in_progress"
 */
export function foldCase(events: CaseEvent[] | string): Case;
/**
 * Folds the events of many cases: every case that folds, and every event that could not be
 * used with its index (and line, for JSON Lines text) and reason.
 * @example
 * const { cases, rejected } = foldEvents(await (await fetch("events.jsonl")).text());
 */
export function foldEvents(events: CaseEvent[] | string): FoldResult;
/**
 * Checks one case event and gives its type.
 * @example
 * checkEvent({ type: "assigned", case_id: "T-1", at: "2025-01-05T09:10:00Z", agent: "dana" }); // "assigned"
 */
export function checkEvent(event: CaseEvent | string): CaseEventType;
/**
 * Reads a support-data export into cases, accounting for every row.
 * @example
 * const { cases, read, accepted, rejected } = readCases(new Uint8Array(await file.arrayBuffer()));
 */
export function readCases(
  data: string | Uint8Array | ArrayBuffer,
  format?: ImportFormat | null,
  mapping?: ImportMapping | null,
): ReadResult;
/**
 * Converts any supported export into kesher events, as `kesher import` does; arguments as
 * `readCases` (a format name or a mapping, not both).
 * @example
 * const { events, rejected } = readEvents(zendeskJson, "zendesk");
 */
export function readEvents(
  data: string | Uint8Array | ArrayBuffer,
  format?: ImportFormat | null,
  mapping?: ImportMapping | null,
): EventsRead;

// ---------------------------------------------------------------------------------------------
// Calendars

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/** Open intervals `[start, end)` of a day, in order and not overlapping. */
export type DayHours = [LocalTime, LocalTime][];
export type HolidayRule =
  | { set: "israel"; eve_hours?: DayHours | null; chol_hamoed_hours?: DayHours | null }
  | { set: "us_federal" }
  | { set: "england_and_wales" };

export interface CalendarDefinition {
  /** An IANA time zone, such as `"Asia/Jerusalem"`. */
  tz: string;
  week: Partial<Record<Weekday, DayHours>>;
  holidays?: LocalDate[];
  overrides?: Record<LocalDate, DayHours>;
  breaks?: Record<LocalDate, DayHours>;
  holiday_rules?: HolidayRule[];
}

export type CalendarPreset = "israel" | "us" | "uk";

/** A time series of epoch milliseconds; NaN is a missing value (an invalid `Date`). */
export type EpochMillis = Float64Array | ArrayLike<number>;

/**
 * A business calendar, compiled once: business-time arithmetic one instant at a time or over
 * Float64Arrays of epoch milliseconds.
 * @example
 * const desk = new Calendar("israel");
 * desk.add("2025-01-02T14:00:00Z", 4 * 3600).toISOString(); // "2025-01-03T10:00:00.000Z"
 */
export class Calendar {
  constructor(definition: CalendarPreset | CalendarDefinition);
  /** `start` plus `seconds` of business time. @example desk.add(new Date(), 3600) */
  add(start: Instant, seconds: Seconds): Date;
  /** Business seconds from `start` to `end` (`end_before_start` when reversed). */
  elapsed(start: Instant, end: Instant): Seconds;
  /** Whether the calendar is open at `at`. */
  isOpen(at: Instant): boolean;
  /** The first open instant at or after `at`. */
  nextOpen(at: Instant): Date;
  /**
   * The latest instant with `seconds` of business time between it and `end` (the mirror of
   * `add`; a duration that starts exactly at an opening gives the opening).
   * @example desk.sub(new Date("2025-01-07T10:00:00Z"), 2 * 3600)
   */
  sub(end: Instant, seconds: Seconds): Date;
  /** The latest opening at or before `at` (the start of the stretch `at` is in, or the last one). */
  previousOpen(at: Instant): Date;
  /** The first closing after `at` (`invalid_input` for a desk that never closes). */
  nextClose(at: Instant): Date;
  /** The latest closing at or before `at`. Roll back to open time: `isOpen(t) ? t : previousClose(t)`. */
  previousClose(at: Instant): Date;
  /**
   * `at` moved by `days` open days (dates on which a shift starts) at the same local time of
   * day; 0 rolls a closed date forward, a negative count goes back.
   * @example desk.addDays(new Date(), 3)
   */
  addDays(at: Instant, days: number): Date;
  /** Open days from `start`'s local date up to, not including, `end`'s. */
  openDaysBetween(start: Instant, end: Instant): number;
  /** `sub` for each end (epoch milliseconds in and out; NaN in, NaN out). */
  subMany(ends: EpochMillis, seconds: Seconds): Float64Array;
  /** `previousOpen` for each instant (epoch milliseconds). */
  previousOpenMany(at: EpochMillis): Float64Array;
  /** `nextClose` for each instant (epoch milliseconds). */
  nextCloseMany(at: EpochMillis): Float64Array;
  /** `previousClose` for each instant (epoch milliseconds). */
  previousCloseMany(at: EpochMillis): Float64Array;
  /** `addDays` for each instant (epoch milliseconds). */
  addDaysMany(at: EpochMillis, days: number): Float64Array;
  /** `openDaysBetween` for each pair (epoch milliseconds; NaN where one is missing). */
  openDaysBetweenMany(starts: EpochMillis, ends: EpochMillis): Float64Array;
  /**
   * Due times (epoch milliseconds): each start plus the same business `seconds`. NaN in, NaN
   * out.
   * @example
   * const due = desk.addMany(Float64Array.from(tickets, (t) => t.openedAt.getTime()), 4 * 3600);
   */
  addMany(starts: EpochMillis, seconds: Seconds): Float64Array;
  /** Due times: each start plus its own business seconds (NaN in, NaN out). */
  addEachMany(starts: EpochMillis, seconds: EpochMillis): Float64Array;
  /** Business seconds between each start and end (epoch milliseconds). */
  elapsedMany(starts: EpochMillis, ends: EpochMillis): Float64Array;
  /** Whether open at each instant: 1 open, 0 closed, 255 where the instant is NaN. */
  isOpenMany(at: EpochMillis): Uint8Array;
  /** The next open instant at or after each instant (epoch milliseconds). */
  nextOpenMany(at: EpochMillis): Float64Array;
  /** The definition as the JSON contract writes it (presets expanded). */
  toJSON(): CalendarDefinition;
  /** Frees the compiled calendar now (it is also freed when garbage collected). */
  free(): void;
}

/** A request of the `kesher calendar eval` protocol (the shared test vectors' form). */
export interface CalendarRequest {
  id?: string | number | null;
  op:
    | "add"
    | "sub"
    | "elapsed"
    | "is_open"
    | "next_open"
    | "previous_open"
    | "next_close"
    | "previous_close"
    | "add_days"
    | "open_days_between";
  calendar: CalendarPreset | CalendarDefinition;
  input: { start?: IsoInstant; seconds?: Seconds; end?: IsoInstant; at?: IsoInstant; days?: number };
}

export type CalendarAnswer =
  | { id: string | number | null; result: IsoInstant | Seconds | boolean }
  | {
      id: string | number | null;
      error: { kind: "invalid_calendar" | "no_working_time" | "end_before_start" | "negative_duration" | "invalid_input"; message: string };
    };

/**
 * Answers one request of the `kesher calendar eval` protocol (results to the nanosecond).
 * @example
 * calendarEval({ id: "a", op: "add", calendar: "israel", input: { start: "2025-10-01T08:00:00Z", seconds: 14400 } });
 * // { id: "a", result: "2025-10-03T08:00:00Z" }
 */
export function calendarEval(request: CalendarRequest): CalendarAnswer;

// ---------------------------------------------------------------------------------------------
// SLA

export type Metric =
  | "acknowledgement"
  | "first_response"
  | "next_response"
  | "resolution"
  | "follow_up"
  /** The answer to one contact, timed by an interaction target of the set. */
  | "interaction_response";
export type TimeBasis = "business" | "calendar";
export type TargetState = "running" | "paused" | "warning" | "breached" | "met" | "met_late" | "cancelled";

export interface SlaTarget {
  metric: Metric;
  /** Seconds, or seconds per priority. */
  within: Seconds | Partial<Record<Priority, Seconds>>;
  time?: TimeBasis;
  pause?: boolean;
  warn_at?: number[];
}

export interface SlaContract {
  name: string;
  conditions?: { channels?: Channel[]; priorities?: Priority[]; segments?: string[] };
  calendar: CalendarPreset | CalendarDefinition;
  pause_on?: CaseStatus[];
  warn_at?: number[];
  targets: SlaTarget[];
  /** Calendars per team: while the case is with one, its clocks run on it (time consumed is kept). */
  teams?: Record<string, CalendarPreset | CalendarDefinition>;
  /** Calendars per agent, which win over the team's. */
  agents?: Record<string, CalendarPreset | CalendarDefinition>;
}

/**
 * A target that starts at each matching customer contact (a voicemail, a missed call, a public
 * complaint) and runs on its own calendar whatever the case's contract, until an answer by a
 * person (on one of `answered_on`, when given). Reported with metric `interaction_response`.
 */
export interface InteractionTarget {
  name: string;
  on: { kinds?: InteractionKind[]; channels?: Channel[]; public?: boolean };
  within: Seconds | Partial<Record<Priority, Seconds>>;
  time?: TimeBasis;
  calendar: CalendarPreset | CalendarDefinition;
  warn_at?: number[];
  answered_on?: Channel[];
}

/** A contract set: `{ contracts: [...], interaction_targets: [...] }` or a bare array of contracts. */
export type ContractSet = SlaContract[] | { contracts: SlaContract[]; interaction_targets?: InteractionTarget[] };

export interface AuditEntry {
  at: IsoInstant;
  action: string;
  reason: string;
  seq?: number;
  consumed_seconds: Seconds;
  target_seconds: Seconds;
}

/** One started target of a case: its state and clock. */
export interface TargetReport {
  metric: Metric;
  contract: string;
  time: TimeBasis;
  state: TargetState;
  cycle: number;
  started_at: IsoInstant;
  due_at: IsoInstant;
  stopped_at?: IsoInstant;
  target_seconds: Seconds;
  consumed_seconds: Seconds;
  remaining_seconds: Seconds;
  late_cycles: number;
  audit?: AuditEntry[];
}

/** A case's SLA evaluation. */
export interface CaseSla {
  case_id: string;
  /** The contract in force (left out when no contract covers the case). */
  contract?: string;
  targets: TargetReport[];
}

export interface Statement {
  contract: string;
  /** The channel the sentence is about (left out when it covers every channel). */
  channel?: Channel;
  /** The language's tag (a built-in language, or a host catalogue's). */
  language: Language | string;
  text: string;
}

export interface ChannelCoverage {
  channel: Channel;
  contacts: number;
  coverage: "covered" | "partial" | "uncovered";
  contracts: string[];
}

export interface Acknowledgement {
  text: string;
  /** The language's tag (a built-in language, or a host catalogue's). */
  language: Language | string;
  promised_by: IsoInstant;
  within_seconds: Seconds;
  time: TimeBasis;
}

/**
 * SLA contracts and the engine that evaluates cases against them.
 * @example
 * const engine = new SlaEngine([{ name: "std", calendar: "israel", targets: [{ metric: "first_response", within: 14400 }] }]);
 * engine.evaluate(kase, new Date()).targets[0].state; // "running", "warning", "met", ...
 */
export class SlaEngine {
  constructor(contracts: ContractSet);
  /** Every started target of `kase` at `now`. */
  evaluate(kase: Case, now: Instant): CaseSla;
  /**
   * The contracts as customers read them, in a language of the built-in catalogue or of a
   * host's `catalogue` (which must have every message). @example engine.statements("ar")
   */
  statements(lang?: Language | string, options?: { catalogue?: Catalogue }): Statement[];
  /** Which channels the contracts cover, given contacts per channel. @example engine.coverage({ email: 120, whatsapp: 40 }) */
  coverage(traffic: Partial<Record<Channel, number>>): ChannelCoverage[];
  /**
   * The acknowledgement of a contact under a contract, promising only what the calendar allows.
   * @example engine.acknowledgement("std", new Date(), { lang: "he" }).text
   */
  acknowledgement(
    contract: string,
    receivedAt: Instant,
    options?: { priority?: Priority; lang?: Language | string; catalogue?: Catalogue },
  ): Acknowledgement;
  /** The contracts as the JSON contract writes them. */
  toJSON(): { contracts: SlaContract[] };
  /** Frees the engine now (it is also freed when garbage collected). */
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Live cases, wake-ups and escalations

export type PromiseState = "open" | "kept" | "kept_late" | "broken" | "cancelled";

/** What changed in one case since it was last read (the `kesher:case-changes` contract). */
export interface CaseChanges {
  case_id: string;
  at: IsoInstant;
  status: { from: CaseStatus | null; to: CaseStatus } | null;
  targets: { from: TargetState | null; report: TargetReport }[];
  promises: { from: PromiseState | null; to: PromiseState; promise: CasePromise }[];
  rejected: { event_type: CaseEventType; origin: number; kind: string; field: string | null; message: string }[];
  sla_error: { kind: string; field: string | null; message: string } | null;
  /** When the case next changes by the clock alone (to the nanosecond), or null. */
  wake_at: IsoInstant | null;
}

/**
 * A case kept between events: equal to folding every event at once, in any order of arrival.
 * @example
 * const live = new LiveCase("T-1");
 * const changes = live.apply(opened, engine, new Date());
 * schedule.set("T-1", live.wakeAt);
 * localStorage.setItem("T-1", live.toSnapshot());
 */
export class LiveCase {
  constructor(caseId: string);
  /** Resumes a case from the snapshot `toSnapshot` wrote. */
  static fromSnapshot(snapshot: string | Record<string, unknown>): LiveCase;
  /** The case as one JSON document (text) to store instead of its history. */
  toSnapshot(): string;
  /** Applies one event and reads the case at `now`. */
  apply(event: CaseEvent | string, engine: SlaEngine, now: Instant): CaseChanges;
  /** Reads the case at `now` with no new event: warnings, breaches, broken promises. */
  tick(engine: SlaEngine, now: Instant): CaseChanges;
  /** Records an escalation the host carried out, as events numbered from `seq`. */
  record(escalation: Escalation, engine: SlaEngine, seq: number): CaseChanges;
  /** The events `record` applies for an escalation, for a host that stores its events. */
  escalationEvents(escalation: Escalation, seq: number): CaseEvent[];
  readonly caseId: string;
  readonly case: Case | null;
  readonly sla: CaseSla | null;
  readonly seenAt: Date | null;
  /** When the case next changes by the clock alone, rounded up to the millisecond, or null. */
  readonly wakeAt: Date | null;
  readonly rejected: { event_type: CaseEventType; reason: string }[];
  free(): void;
}

/**
 * When many cases next change by the clock alone, served earliest first.
 * @example
 * for (const [caseId] of schedule.due(new Date())) schedule.set(caseId, cases[caseId].wakeAt);
 */
export class WakeSchedule {
  constructor();
  /** Sets (or, with null, removes) the wake-up of one case. */
  set(caseId: string, at: Instant | null): void;
  get(caseId: string): Date | null;
  /** Removes and returns every wake-up at or before `now`, earliest first. */
  due(now: Instant): [string, Date][];
  earliest(): Date | null;
  readonly size: number;
  free(): void;
}

export type EscalationTrigger =
  | { on: "target_share"; share: number; metrics?: Metric[] }
  | { on: "breach"; metrics?: Metric[] }
  | { on: "public_negative_message" }
  | { on: "promise_broken" };

export type EscalationAction =
  | { do: "notify"; group: string }
  | { do: "raise_priority"; to: Priority }
  | { do: "assign_team"; team: string }
  | { do: "acknowledge" };

export interface EscalationRule {
  name: string;
  when: EscalationTrigger;
  /** Channels of first contact it applies to (none: all). */
  channels?: Channel[];
  then: EscalationAction[];
}

/** An action a rule asks for on one case, with the reason in the host's language. */
export interface Escalation {
  case_id: string;
  rule: string;
  /** What set it off: a target's metric, a message id, a promise id. */
  about: string;
  at: IsoInstant;
  action: EscalationAction;
  reason: string;
  /** The acknowledgement's text (`acknowledge` only). */
  message?: string;
}

/**
 * Escalation and routing rules, declared next to the contracts.
 * @example
 * const rules = new EscalationRules({ rules: [{ name: "public complaint", when: { on: "public_negative_message" },
 *   channels: ["twitter"], then: [{ do: "assign_team", team: "social" }, { do: "acknowledge" }] }] });
 * const { changes, escalations } = rules.apply(live, tweet, engine, new Date(), "he");
 */
/**
 * kesher's messages per language (Project Fluent's FTL): English, Hebrew, Arabic and Russian
 * built in. `withMessages` overrides messages or adds a language (which needs every message).
 * @example
 * const ours = new Catalogue().withMessages("en", "escalation-breach = { $metric } is late ({ $rule })");
 * const rules = new EscalationRules(json, { catalogue: ours });
 */
export class Catalogue {
  constructor();
  static fromFtl(language: string, ftl: string): Catalogue;
  withMessages(language: string, ftl: string): Catalogue;
  /** A whole number is a count: it selects plural forms. */
  format(language: string, id: string, args?: Record<string, string | number>): string;
  readonly languages: string[];
  messageIds(language: string): string[];
  missing(language: string): string[];
  static isRightToLeft(language: string): boolean;
  free(): void;
}

export class EscalationRules {
  /** `catalogue`: the words of the reasons (a host's wording or language). */
  constructor(rules: { rules: EscalationRule[] } | EscalationRule[] | string, options?: { catalogue?: Catalogue });
  /** Throws when a share would not wake cases under the engine's contracts. */
  check(engine: SlaEngine): void;
  apply(live: LiveCase, event: CaseEvent | string, engine: SlaEngine, now: Instant, lang?: Language): {
    changes: CaseChanges;
    escalations: Escalation[];
  };
  tick(live: LiveCase, engine: SlaEngine, now: Instant, lang?: Language): {
    changes: CaseChanges;
    escalations: Escalation[];
  };
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// The emotion graph

export type EffectCause =
  | "first_contact"
  | "acknowledgement"
  | "answer"
  | "waiting"
  | "transfer"
  | "unanswered"
  | "broken_promise"
  | "first_contact_resolution"
  | "resolution"
  | "reopened"
  | "wow"
  | "release_with_refund"
  | "message_text"
  | "annotation";

export interface JourneyPoint {
  at: IsoInstant;
  stage?: string;
  /** In [-1, 1]. */
  emotion: number;
  source: EmotionSource;
  origin?: string;
  cause?: EffectCause;
}

/** A customer's emotion over time. */
export interface Journey {
  customer_id: string;
  case_id?: string;
  segment?: string;
  points: JourneyPoint[];
}

export interface TurningPoint {
  index: number;
  at: IsoInstant;
  /** `positive`: the curve starts to rise; `negative`: it starts to fall. */
  turn: "positive" | "negative";
  emotion: number;
  before: number;
  after: number;
  magnitude: number;
}

export interface CriticalPoint {
  index: number;
  at: IsoInstant;
  emotion: number;
  drop: number;
}

export interface CriticalPoints {
  lowest: CriticalPoint | null;
  steepest_drops: CriticalPoint[];
  crossings: CriticalPoint[];
}

export interface StageSummary {
  stage: string;
  count: number;
  mean: number | null;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
}

export interface StageTrouble {
  stage: string;
  drop_share: number;
  mean_drop: number;
  below_share: number;
  score: number;
}

/** The typical emotion pattern of a segment. */
export interface Pattern {
  segment: string;
  journeys: number;
  stages: StageSummary[];
  trouble: StageTrouble[];
}

/** The emotion model's effects (each level change and its default in the core's rustdoc). */
export type EmotionEffects = Partial<Record<string, number>>;

export interface JourneyOptions {
  /** The case's SLA evaluation (waits are measured against its targets). */
  sla?: CaseSla | null;
  /** Score customer text with the baseline English/Hebrew lexicon (default true). */
  lexicon?: boolean;
  /** The case metadata key of the segment (default `"brand"`). */
  segmentKey?: string;
  /** Overrides of the model's effects. */
  effects?: EmotionEffects;
  /**
   * Your own scorer: called once with the case's customer message texts, it returns one
   * value in [-1, 1] (or null) per text, at once (not a Promise). Replaces the built-in one.
   */
  scorer?: TextScorerFunction;
  /** The stages and the rules that place each point (default: first_contact, waiting, answer, resolution, follow_up). */
  stageMap?: StageMap;
}

/** A condition of a stage rule; lists mean any of, every condition given must hold. */
export interface StageWhen {
  cause?: string[];
  kind?: InteractionKind[];
  direction?: Direction[];
  channel?: Channel[];
  metadata?: Record<string, string>;
  status?: CaseStatus[];
  answered?: boolean;
  first_contact?: boolean;
}

/**
 * Which stage of a business's process each point belongs to: the first rule whose conditions
 * hold names it (none: the point has no stage).
 * @example { stages: ["order", "support"], rules: [{ stage: "order", when: { cause: ["purchase"] } }, { stage: "support", when: {} }] }
 */
export interface StageMap {
  stages: string[];
  rules: { stage: string; when?: StageWhen }[];
}

/** A host's text scorer: a list of texts in, one value in [-1, 1] (or null) per text out. */
export type TextScorerFunction = (texts: string[]) => ArrayLike<number | null>;

/** One customer message read: its score, class, and what it does in the conversation. */
export interface MessageReading {
  score: number | null;
  sentiment: "negative" | "neutral" | "positive";
  turn: "thanks" | "confirmation" | "problem" | "complaint";
}

/**
 * Reads each customer message with the built-in scorer (or `options.scorer`).
 * @example readMessages(["thanks, great service!"])[0].turn === "thanks"
 */
export function readMessages(
  texts: string[],
  options?: { lang?: Language; scorer?: TextScorerFunction },
): MessageReading[];

/**
 * The emotion journey of a case at `now`.
 * @example
 * const journey = buildJourney(kase, new Date(), { sla: engine.evaluate(kase, new Date()) });
 */
export function buildJourney(kase: Case, now: Instant, options?: JourneyOptions): Journey;
/**
 * The continuous line: a customer's journey across their cases and purchases, the feelings of
 * one case carried (and fading) into the next. A case of another customer is a KesherError
 * naming `cases[i].customer_id`.
 * @example customerJourney(customer, cases.map((c) => ({ case: c })), new Date())
 */
export function customerJourney(
  customer: Customer,
  cases: { case: Case; sla?: CaseSla | null }[],
  now: Instant,
  options?: Omit<JourneyOptions, "sla">,
): Journey;
/**
 * Checks a journey (one a person edited, say) and gives it back with its points in order.
 * @example checkJourney({ customer_id: "cu-7", points: [{ at: "2025-01-05T09:00:00Z", emotion: -0.5, source: "agent_annotation" }] })
 */
export function checkJourney(journey: Journey): Journey;
/** Where the curve turns, with swings of at least `minSwing` (default 0). @example turningPoints(journey, 0.2) */
export function turningPoints(journey: Journey, minSwing?: number): TurningPoint[];
/** The lowest point, the steepest drops and the crossings below `threshold` (default -0.66). @example criticalPoints(journey).lowest */
export function criticalPoints(journey: Journey, threshold?: number): CriticalPoints;

export interface SvgOptions {
  /** A built-in language, or a language of `catalogue`. */
  lang?: Language | string;
  width?: number;
  height?: number;
  /** A host's own wording (its labels, or a language it added). */
  catalogue?: Catalogue;
}

/**
 * A journey as SVG text, turning and critical points marked (Hebrew lays out right to left).
 * @example element.innerHTML = journeySvg(journey, { lang: "he" });
 */
export function journeySvg(journey: Journey, options?: SvgOptions & { title?: string }): string;
/** A pattern as SVG text: the median per stage with its bands. @example patternSvg(patterns[0]) */
export function patternSvg(pattern: Pattern, options?: SvgOptions): string;

/**
 * Typical patterns per segment, built journey by journey; builders merge, so the result is the
 * same for any order or split of the journeys (one builder per worker, then merge).
 * @example
 * const builder = new PatternBuilder();
 * journeys.forEach((j) => builder.add(j));
 * const patterns = builder.finish();
 */
export class PatternBuilder {
  constructor(options?: { stages?: string[]; threshold?: number });
  add(journey: Journey): this;
  merge(other: PatternBuilder): this;
  finish(): Pattern[];
  /** The state as JSON text (sparse histograms), to store or send to another worker. */
  toJSON(): string;
  static fromJSON(state: string): PatternBuilder;
  free(): void;
}

export interface StageChange {
  segment: string;
  stage: string;
  median_before: number | null;
  median_after: number | null;
  p10_before: number | null;
  p10_after: number | null;
  below_before: number;
  below_after: number;
}

export interface WhatIf {
  before: Pattern[];
  after: Pattern[];
  changes: StageChange[];
}

/**
 * What faster answers would change: the patterns before and after scaling each channel's waits.
 * @example whatIf(cases.map((c) => ({ case: c })), { twitter: 0.5 }, new Date()).changes
 */
export function whatIf(
  cases: { case: Case; sla?: CaseSla | null }[],
  factors: Partial<Record<Channel, number>>,
  now: Instant,
  options?: { lexicon?: boolean; segmentKey?: string; threshold?: number; stageMap?: StageMap },
): WhatIf;

// ---------------------------------------------------------------------------------------------
// Insight, playbook, report

export interface Distribution {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
}

export interface Compliance {
  met: number;
  met_late: number;
  breached: number;
  open: number;
  rate: number | null;
}

export type ComplianceByMetric = Partial<Record<Metric, Compliance>>;

export interface ServiceMetrics {
  cases: number;
  first_response: Distribution;
  first_response_business: Distribution;
  resolution: Distribution;
  resolution_business: Distribution;
  resolved: number;
  first_contact_resolution_rate: number | null;
  transfers_per_case: number | null;
  back_and_forth_per_case: number | null;
  reopen_rate: number | null;
  sla: ComplianceByMetric;
  sla_by_channel: Record<string, ComplianceByMetric>;
  sla_by_contract: Record<string, ComplianceByMetric>;
  sla_by_agent: Record<string, ComplianceByMetric>;
  /** Customer messages left without an answer, per channel. */
  unanswered_by_channel: Record<string, number>;
}

/** Service metrics of cases, with their SLA evaluations when given (null where none). @example serviceMetrics(cases, slas).first_response.median */
export function serviceMetrics(cases: Case[], slas?: (CaseSla | null)[] | null): ServiceMetrics;

export interface ProblemCluster {
  label: string;
  terms: string[];
  cases: number;
  share: number;
  cumulative_share: number;
  examples: string[];
  answer_candidates: string[];
}

export interface RecurringProblems {
  described: number;
  /** Descriptions clustered: all (`described`) or a uniform sample of 20,000. */
  sampled: number;
  clusters: ProblemCluster[];
  unclustered: number;
  clusters_for_80: number;
  clusters_for_90: number;
  cohesion: number;
  separation: number;
}

/** Problems that recur in at least `minCases` cases (default 3), with the answer that worked. @example recurringProblems(cases).clusters[0].label */
export function recurringProblems(cases: Case[], minCases?: number): RecurringProblems;

/** Checks a customer and gives it back in canonical form. @example checkCustomer({ id: "cu-7", name: "Dana Levi" }) */
export function checkCustomer(customer: Customer): Customer;
/** A customer's lifetime value as of an instant (null when it cannot be told yet). @example lifetimeValue(customer, new Date()) */
export function lifetimeValue(customer: Customer, asOf: Instant): LifetimeValue | null;
/** Checks an interaction and gives it back in canonical form. @example checkInteraction(message).direction */
export function checkInteraction(interaction: Interaction | (Interaction & { type: "interaction" })): Interaction;

/** A reply template: `{customer}`-style variables in each part (`{{` for a brace). */
export interface ReplyTemplateDefinition {
  name: string;
  /** A language tag such as `en`, `he` or `pt-BR`. */
  language: Language | string;
  greeting: string;
  thanks: string;
  solution: string;
  closing: string;
}

/**
 * Renders a reply template (built-in `"reply"` or `"delay"`, or a definition); a missing
 * variable is an error that names it.
 * @example renderReply("reply", { customer: "Dana", agent: "Noa", company: "Acme", solution: "A new kettle ships today." }, "he").text
 */
export function renderReply(
  template: "reply" | "delay" | ReplyTemplateDefinition,
  variables: Record<string, string>,
  lang?: Language | string,
  options?: { catalogue?: Catalogue },
): { text: string; variables: string[] };

export interface FirstResponseHistogram {
  edges_seconds: Seconds[];
  counts: number[];
  unanswered: number;
}

export interface SegmentReport {
  name: string;
  metrics: ServiceMetrics;
  first_response_histogram: FirstResponseHistogram;
  unanswered_messages: number;
  waiting_cases: number;
  transfers: number;
  /** Word of mouth: the customers' public messages read as positive, negative, neither. */
  public_messages: { positive: number; negative: number; neutral: number };
  pattern?: Pattern | null;
  lowest_journey?: {
    journey: Journey;
    turning_points: TurningPoint[];
    critical: CriticalPoints;
    /** What the customer said at its critical points (at most four, in time order). */
    said?: { at: string; text: string }[];
  } | null;
}

export interface RetentionEntry {
  customer_id: string;
  score: number;
  facts: string[];
}

/** The service report's figures (the HTML page draws exactly these). */
export interface Report {
  now: IsoInstant;
  /** The language's tag (a built-in language, or a host catalogue's). */
  language: Language | string;
  segment_key: string;
  threshold: number;
  first_case_at: IsoInstant | null;
  last_event_at: IsoInstant | null;
  inputs?: { name: string; format: string; read: number; accepted: number; rejected: number }[];
  /** Cases that could not be evaluated (the first 100, with the reason); absent when none. */
  refused?: { case_id: string; reason: string }[];
  /** How many cases could not be evaluated in all; the other figures leave them out. */
  refused_total?: number;
  totals: SegmentReport;
  brands: SegmentReport[];
  channels: SegmentReport[];
  problems: RecurringProblems;
  retention: {
    customers: number;
    customer_records: number;
    win_back: RetentionEntry[];
    win_back_total: number;
    nurture: RetentionEntry[];
    nurture_total: number;
    word_of_mouth: RetentionEntry[];
    word_of_mouth_total: number;
  };
  statements: Statement[];
  coverage: ChannelCoverage[];
  with_contracts: boolean;
}

/**
 * The service report over cases: its figures and one self-contained HTML page (no script).
 * @example
 * const { html } = buildReport(cases, { contracts, lang: "he" });
 * frame.srcdoc = html;
 */
export function buildReport(
  cases: Case[],
  options?: {
    contracts?: ContractSet | null;
    /** A built-in language, or a language of `catalogue`. */
    lang?: Language | string;
    now?: Instant | null;
    segmentKey?: string;
    stageMap?: StageMap;
    /** A host's own wording (its labels, or a language it added). */
    catalogue?: Catalogue;
  },
): { report: Report; html: string };

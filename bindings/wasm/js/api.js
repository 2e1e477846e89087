// The JavaScript API of kesher: plain objects of the JSON contract in and out, `Date` or
// RFC 3339 strings for instants, `Float64Array`s of epoch milliseconds for batches, and
// `KesherError`s (with `kind` and `field`) for bad input. It only converts: every answer comes
// from the Rust core compiled to WebAssembly (`kesher_wasm.js`, made by wasm-bindgen).
import * as native from "./kesher_wasm.js";

/**
 * Any error kesher reports about its input: `kind` says what went wrong (one of
 * `errorKinds()`), `field` where, `value` the offending value as text.
 */
export class KesherError extends Error {
  constructor(kind, field, message, value) {
    super(message);
    this.name = "KesherError";
    this.kind = kind;
    this.field = field ?? null;
    this.value = value ?? null;
  }
}

/** Every `kind` a `KesherError` can have (the core's `ErrorKind::ALL`). */
export function errorKinds() {
  return native.errorKinds();
}

function rethrow(thrown) {
  if (typeof thrown === "string" && thrown.startsWith("{")) {
    let body;
    try {
      body = JSON.parse(thrown);
    } catch {
      body = null;
    }
    if (body && typeof body.kind === "string") {
      return new KesherError(body.kind, body.field, body.message, body.value);
    }
  }
  if (thrown instanceof WebAssembly.RuntimeError) {
    // Never expected: the core does not panic on input. Reported as an error, not a crash;
    // made here, not by the module that just stopped, worded as the core's `internal` error.
    return new KesherError("internal", null, `kesher failed inside: WebAssembly stopped: ${thrown.message}`);
  }
  return thrown;
}

function call(fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    throw rethrow(e);
  }
}

/** The native function, or a KesherError when this build left its feature out (build.sh trims). */
function feature(name, cargoFeature) {
  const fn = native[name];
  if (typeof fn !== "function") {
    const refused = rethrow(native.refusal("unsupported", name, "", cargoFeature));
    refused.message += '; the entry "kesher/full" has it';
    throw refused;
  }
  return fn;
}

function invalid(field, value, reason) {
  return rethrow(native.refusal("invalid_input", field, shown(value), reason));
}

/** A value as an error message shows it, whatever it is (deeply nested, cyclic, hostile). */
function shown(value) {
  for (const show of [(v) => (typeof v === "string" ? v : JSON.stringify(v)), String, (v) => `[${typeof v}]`]) {
    try {
      const text = show(value);
      if (typeof text === "string") return text.length > 200 ? `${text.slice(0, 200)}…` : text;
    } catch {
      // the next way of showing it
    }
  }
  return "?";
}

/** The native object of a wrapper, or a KesherError once `free()` released it. */
function live(wrapper, handle) {
  if (handle === null) {
    throw new KesherError("invalid_input", "this", `this ${wrapper.constructor.name} was released by free(); make a new one`);
  }
  return handle;
}

/** An instant as RFC 3339 text: a valid `Date`, or a string passed on for the core to check. */
function instant(field, value) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(field, "Invalid Date", "the Date is not valid");
    return value.toISOString();
  }
  if (typeof value === "string") return value;
  throw invalid(field, value, "expected a Date or an RFC 3339 string such as 2025-01-02T14:00:00Z");
}

/**
 * An instant for the calendar's single calls, as [epoch milliseconds, nanoseconds within that
 * millisecond]: a valid `Date` crosses as a number; an RFC 3339 string is read by the core (to
 * the nanosecond, the error naming `field`).
 */
function moment(field, value) {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalid(field, "Invalid Date", "the Date is not valid");
    return [ms, 0];
  }
  if (typeof value === "string") return call(native.instantParts, field, value);
  throw invalid(field, value, "expected a Date or an RFC 3339 string such as 2025-01-02T14:00:00Z");
}

/** `convert(value)`, or undefined when the value is left out (undefined or null). */
function optional(value, convert) {
  return value === undefined || value === null ? undefined : convert(value);
}

/** JSON text of a plain value (objects of the JSON contract; Dates become RFC 3339 strings). */
function json(field, value) {
  if (typeof value === "string") return value;
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new KesherError("invalid_input", field, `invalid ${field}: cannot be written as JSON (${e?.message ?? e})`);
  }
  if (text === undefined) throw invalid(field, value, "cannot be written as JSON");
  return text;
}

function number(field, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalid(field, value, "expected a finite number");
  }
  return value;
}

function whole(field, value, min, max) {
  number(field, value);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, value, `expected a whole number from ${min} to ${max}`);
  }
  return value;
}

function text(field, value) {
  if (typeof value !== "string") throw invalid(field, value, "expected a string");
  return value;
}

function floats(field, value) {
  if (value instanceof Float64Array) return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Float64Array.from(value, Number);
  throw invalid(field, value, "expected a Float64Array (or an array) of epoch milliseconds");
}

function options(field, value) {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(field, value, "expected an options object");
  return value;
}

const parse = (textOut) => JSON.parse(textOut);

/** The key of a wrapper's native object for calls that take it (not part of the API). */
const NATIVE = Symbol("kesher.native");

/** The package's version. */
export function version() {
  return native.version();
}

/** A business calendar: a preset (`"israel"`, `"us"`, `"uk"`) or a definition object. */
export class Calendar {
  #native;

  constructor(definition) {
    let textIn;
    if (typeof definition === "string") {
      textIn = JSON.stringify(definition); // a preset's name; the core names the presets it knows
    } else if (definition && typeof definition === "object" && !Array.isArray(definition)) {
      textIn = json("calendar", definition);
    } else {
      throw invalid("calendar", definition, "expected a preset (israel, us, uk) or a calendar definition object");
    }
    this.#native = call((t) => new native.NativeCalendar(t), textIn);
  }

  // The four per-ticket calls below call the native object directly (no closure per call):
  // they run millions of times a second.

  /** `start` plus `seconds` of business time. */
  add(start, seconds) {
    const handle = live(this, this.#native);
    const [ms, ns] = moment("start", start);
    const d = number("seconds", seconds);
    try {
      return new Date(handle.add(ms, ns, d));
    } catch (e) {
      throw rethrow(e);
    }
  }

  /** Business seconds from `start` to `end`. */
  elapsed(start, end) {
    const handle = live(this, this.#native);
    const [a, aNs] = moment("start", start);
    const [b, bNs] = moment("end", end);
    try {
      return handle.elapsed(a, aNs, b, bNs);
    } catch (e) {
      throw rethrow(e);
    }
  }

  /** Whether the calendar is open at `at`. */
  isOpen(at) {
    const handle = live(this, this.#native);
    const [ms, ns] = moment("at", at);
    try {
      return handle.isOpen(ms, ns);
    } catch (e) {
      throw rethrow(e);
    }
  }

  /** The first open instant at or after `at`. */
  nextOpen(at) {
    const handle = live(this, this.#native);
    const [ms, ns] = moment("at", at);
    try {
      return new Date(handle.nextOpen(ms, ns));
    } catch (e) {
      throw rethrow(e);
    }
  }

  /** The latest instant with `seconds` of business time between it and `end`. */
  sub(end, seconds) {
    const [ms, ns] = moment("end", end);
    return new Date(call(() => live(this, this.#native).question("sub", ms, ns, number("seconds", seconds))));
  }

  /** The latest opening at or before `at`. */
  previousOpen(at) {
    const [ms, ns] = moment("at", at);
    return new Date(call(() => live(this, this.#native).question("previous_open", ms, ns, 0)));
  }

  /** The first closing after `at`. */
  nextClose(at) {
    const [ms, ns] = moment("at", at);
    return new Date(call(() => live(this, this.#native).question("next_close", ms, ns, 0)));
  }

  /** The latest closing at or before `at`. */
  previousClose(at) {
    const [ms, ns] = moment("at", at);
    return new Date(call(() => live(this, this.#native).question("previous_close", ms, ns, 0)));
  }

  /** `at` moved by `days` open days (a negative count goes back), at the same local time of day. */
  addDays(at, days) {
    const [ms, ns] = moment("at", at);
    return new Date(call(() => live(this, this.#native).question("add_days", ms, ns, number("days", days))));
  }

  /** Open days from `start`'s local date up to, not including, `end`'s. */
  openDaysBetween(start, end) {
    const [a, aNs] = moment("start", start);
    const [b, bNs] = moment("end", end);
    return call(() => live(this, this.#native).openDaysBetween(a, aNs, b, bNs));
  }

  /** For each end (epoch milliseconds), the latest instant with `seconds` of business time up to it. */
  subMany(ends, seconds) {
    return call(() => live(this, this.#native).questionMany("sub", floats("ends", ends), number("seconds", seconds)));
  }

  /** The latest opening at or before each instant, epoch milliseconds. */
  previousOpenMany(at) {
    return call(() => live(this, this.#native).questionMany("previous_open", floats("at", at), 0));
  }

  /** The first closing after each instant, epoch milliseconds. */
  nextCloseMany(at) {
    return call(() => live(this, this.#native).questionMany("next_close", floats("at", at), 0));
  }

  /** The latest closing at or before each instant, epoch milliseconds. */
  previousCloseMany(at) {
    return call(() => live(this, this.#native).questionMany("previous_close", floats("at", at), 0));
  }

  /** Each instant moved by `days` open days, epoch milliseconds. */
  addDaysMany(at, days) {
    return call(() => live(this, this.#native).questionMany("add_days", floats("at", at), number("days", days)));
  }

  /** Open days between each start and end (epoch milliseconds; NaN where one is missing). */
  openDaysBetweenMany(starts, ends) {
    return call(() => live(this, this.#native).openDaysBetweenMany(floats("starts", starts), floats("ends", ends)));
  }

  /** Due times in epoch milliseconds: each start plus the same business `seconds`. */
  addMany(starts, seconds) {
    return call(() => live(this, this.#native).addBatch(floats("starts", starts), number("seconds", seconds)));
  }

  /** Due times in epoch milliseconds: each start plus its own business seconds. */
  addEachMany(starts, seconds) {
    return call(() => live(this, this.#native).addEachBatch(floats("starts", starts), floats("seconds", seconds)));
  }

  /** Business seconds between each start and end (epoch milliseconds). */
  elapsedMany(starts, ends) {
    return call(() => live(this, this.#native).elapsedBatch(floats("starts", starts), floats("ends", ends)));
  }

  /** Whether open at each instant: 1 open, 0 closed, 255 where the instant is NaN. */
  isOpenMany(at) {
    return call(() => live(this, this.#native).isOpenBatch(floats("at", at)));
  }

  /** The next open instant at or after each instant, epoch milliseconds. */
  nextOpenMany(at) {
    return call(() => live(this, this.#native).nextOpenBatch(floats("at", at)));
  }

  /** The definition, as the JSON contract writes it. */
  toJSON() {
    return parse(call(() => live(this, this.#native).toJSON()));
  }

  /** Frees the compiled calendar now (it is also freed when garbage collected). */
  free() {
    if (this.#native !== null) {
      this.#native.free();
      this.#native = null;
    }
  }
}

/** Event texts, and for JSON Lines the line number of each. */
function events(field, value) {
  if (typeof value === "string") {
    const texts = [];
    const lines = [];
    value.split("\n").forEach((l, i) => {
      if (l.trim() !== "") {
        texts.push(l);
        lines.push(i + 1);
      }
    });
    return { texts, lines };
  }
  if (!Array.isArray(value)) throw invalid(field, value, "expected an array of case events or JSON Lines text");
  return { texts: value.map((e, i) => (typeof e === "string" ? e : json(`${field}[${i}]`, e))), lines: null };
}

/** Folds one case's events (in any order) into the case; the first bad event is thrown. */
export function foldCase(caseEvents) {
  return parse(call(native.foldCase, events("events", caseEvents).texts));
}

/** Folds the events of many cases: every case that folds, and every event rejected with its index. */
export function foldEvents(caseEvents) {
  const { texts, lines } = events("events", caseEvents);
  const out = parse(call(native.foldEvents, texts));
  if (lines) for (const r of out.rejected) r.line = lines[r.index];
  return out;
}

/** Checks one case event and gives its type. */
export function checkEvent(event) {
  return call(native.checkEvent, json("event", event));
}

const encoder = new TextEncoder();

/** Bytes of an export given as text, a Uint8Array or an ArrayBuffer. */
function exportBytes(data) {
  if (typeof data === "string") return encoder.encode(data);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw invalid("data", data, "expected a string, a Uint8Array or an ArrayBuffer");
}

/** Reads any supported export (bytes or text) with `fn`: by format name, by mapping, or detected. */
function readExport(name, data, format, mapping) {
  const readNative = feature(name, "import");
  const bytes = exportBytes(data);
  const f = optional(format, (v) => text("format", v));
  const m = optional(mapping, (v) => json("mapping", v));
  return parse(call(readNative, bytes, f, m));
}

/** Reads a support-data export (bytes or text) into cases, accounting for every row. */
export function readCases(data, format, mapping) {
  return readExport("readCases", data, format, mapping);
}

/** Converts any supported export into kesher events, as `kesher import` does. */
export function readEvents(data, format, mapping) {
  return readExport("readEvents", data, format, mapping);
}

function contractsText(contracts) {
  return json("contracts", contracts);
}

/** SLA contracts and the engine that evaluates cases against them. */
export class SlaEngine {
  #native;

  constructor(contracts) {
    this.#native = call((t) => new native.NativeSlaEngine(t), contractsText(contracts));
  }

  /** Every started target of `kase` at `now`, with its state and audit trail. */
  evaluate(kase, now) {
    return parse(call(() => live(this, this.#native).evaluate(json("case", kase), instant("now", now))));
  }

  /** The contracts as customers read them, in `lang` of the built-in or a host's catalogue. */
  statements(lang = "en", opts) {
    const words = hostCatalogue(options("options", opts).catalogue);
    const engine = live(this, this.#native);
    const l = text("lang", lang);
    return parse(call(() => (words ? words.statements(engine, l) : engine.statements(l))));
  }

  /** Which channels the contracts cover, given contacts per channel. */
  coverage(traffic) {
    return parse(call(() => live(this, this.#native).coverage(json("traffic", traffic))));
  }

  /** The acknowledgement of a contact under one of the contracts, with the time it promises. */
  acknowledgement(contract, receivedAt, opts) {
    const o = options("options", opts);
    const words = hostCatalogue(o.catalogue);
    const args = [
      live(this, this.#native),
      text("contract", contract),
      instant("receivedAt", receivedAt),
      text("priority", o.priority ?? "normal"),
      text("lang", o.lang ?? "en"),
    ];
    return parse(call(() => (words ? words.acknowledgement(...args) : native.acknowledgement(...args))));
  }

  /** The native engine, for the calls that take an engine (LiveCase, EscalationRules). */
  [NATIVE]() {
    return live(this, this.#native);
  }

  /** The contracts, as the JSON contract writes them. */
  toJSON() {
    return parse(call(() => live(this, this.#native).toJSON()));
  }

  /** Frees the engine now (it is also freed when garbage collected). */
  free() {
    if (this.#native !== null) {
      this.#native.free();
      this.#native = null;
    }
  }
}

/**
 * Calls a host's scorer function once with `texts` and gives the core what it answered, as
 * `{"texts", "scores"}` JSON (the core checks each value). A scorer that returns a Promise is
 * refused: score first, then pass a function that looks the answers up.
 */
function hostScores(scorer, texts) {
  if (typeof scorer !== "function") throw invalid("scorer", scorer, "expected a function taking a list of texts");
  // The scorer's own errors reach the caller as they are: they are the host's.
  const scores = scorer(texts.slice());
  if (scores && typeof scores.then === "function") {
    throw invalid("scores", "Promise", "the scorer must answer at once (score asynchronously first, then look the answers up)");
  }
  if (!Array.isArray(scores) && !ArrayBuffer.isView(scores)) {
    throw invalid("scores", scores, "the scorer must return an array of numbers (or null), one per text");
  }
  const values = Array.from(scores, (v) => (v === undefined ? null : v));
  for (const v of values) {
    if (v !== null && typeof v !== "number") throw invalid("score", v, "expected a number from -1 to 1, or null");
    if (typeof v === "number" && !Number.isFinite(v)) throw invalid("score", String(v), "must be a number from -1.0 to 1.0, or none");
  }
  return JSON.stringify({ texts, scores: values });
}

/** The emotion journey of a case at `now` through the emotion model. */
export function buildJourney(kase, now, opts) {
  const o = options("options", opts);
  const caseJson = json("case", kase);
  const scores = optional(o.scorer, (f) => hostScores(f, parse(call(native.journeyTexts, caseJson))));
  return parse(
    call(
      native.buildJourney,
      caseJson,
      instant("now", now),
      optional(o.sla, (v) => json("sla", v)),
      o.lexicon ?? true,
      text("segmentKey", o.segmentKey ?? "brand"),
      o.effects === undefined ? undefined : json("effects", o.effects),
      scores,
      optional(o.stageMap, (v) => json("stageMap", v)),
    ),
  );
}

/** A customer's continuous line across their cases (`[{case, sla}]`) and purchases at `now`. */
export function customerJourney(customer, items, now, opts) {
  const o = options("options", opts);
  const casesJson = json("cases", items);
  const scores = optional(o.scorer, (f) => {
    const texts = (Array.isArray(items) ? items : []).flatMap((i) => parse(call(native.journeyTexts, json("case", i?.case))));
    return hostScores(f, texts);
  });
  return parse(
    call(
      native.customerJourney,
      json("customer", customer),
      casesJson,
      instant("now", now),
      o.lexicon ?? true,
      text("segmentKey", o.segmentKey ?? "brand"),
      o.effects === undefined ? undefined : json("effects", o.effects),
      scores,
      optional(o.stageMap, (v) => json("stageMap", v)),
    ),
  );
}

/**
 * Installs the built-in scorer's English lexicon and Hebrew model (the texts of the package's
 * `text/english.tsv` and `text/hebrew.tsv`). `init()` does it; call it yourself after
 * `init(source, { textModel: false })`, once.
 */
export function installTextModel(englishLexicon, hebrewModel) {
  call(native.installTextModel, text("englishLexicon", englishLexicon), text("hebrewModel", hebrewModel));
}

/** Whether the built-in scorer has its lexicon and model (after `init()`, it has). */
export function textModelInstalled() {
  return native.textModelInstalled();
}

/**
 * Each customer message read: `{score, sentiment, turn}`. Options: `lang` ("en" or "he";
 * guessed per message when left out) and `scorer`, a function scoring the whole list at once.
 */
export function readMessages(texts, opts) {
  const o = options("options", opts);
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
    throw invalid("texts", texts, "expected an array of strings");
  }
  const scores = optional(o.scorer, (f) => hostScores(f, texts));
  return parse(
    call(native.readMessages, JSON.stringify(texts), optional(o.lang, (l) => text("lang", l)), scores),
  );
}

/** Checks a journey (for example one a person edited) and gives it back with its points sorted. */
export function checkJourney(journey) {
  return parse(call(native.checkJourney, json("journey", journey)));
}

/** Where the curve turns, with swings of at least `minSwing`. */
export function turningPoints(journey, minSwing = 0) {
  return parse(call(native.turningPoints, json("journey", journey), number("minSwing", minSwing)));
}

/** The lowest point, the steepest drops and the crossings below `threshold`. */
export function criticalPoints(journey, threshold = -0.66) {
  return parse(call(native.criticalPoints, json("journey", journey), number("threshold", threshold)));
}

function svgSize(o) {
  return [whole("width", o.width ?? 760, 120, 10000), whole("height", o.height ?? 400, 120, 10000)];
}

/** A journey as an SVG picture, turning and critical points marked. */
export function journeySvg(journey, opts) {
  const o = options("options", opts);
  const [w, h] = svgSize(o);
  const title = optional(o.title, (v) => text("title", v));
  const words = hostCatalogue(o.catalogue);
  const args = [json("journey", journey), text("lang", o.lang ?? "en"), title, w, h];
  return call(() => (words ? words.journeySvg(...args) : native.journeySvg(...args)));
}

/** A pattern as an SVG picture: the median per stage with its bands. */
export function patternSvg(pattern, opts) {
  const o = options("options", opts);
  const [w, h] = svgSize(o);
  const words = hostCatalogue(o.catalogue);
  const args = [json("pattern", pattern), text("lang", o.lang ?? "en"), w, h];
  return call(() => (words ? words.patternSvg(...args) : native.patternSvg(...args)));
}

/** Typical emotion patterns per segment, journey by journey; builders merge. */
export class PatternBuilder {
  #native;

  constructor(opts) {
    if (opts instanceof native.NativePatternBuilder) {
      this.#native = opts;
      return;
    }
    const o = options("options", opts);
    const stages = optional(o.stages, (v) => json("stages", v));
    this.#native = call((s, t) => new native.NativePatternBuilder(s, t), stages, number("threshold", o.threshold ?? -0.66));
  }

  /** Adds one journey. */
  add(journey) {
    call(() => live(this, this.#native).add(json("journey", journey)));
    return this;
  }

  /** Adds another builder's journeys. */
  merge(other) {
    if (!(other instanceof PatternBuilder)) throw invalid("other", other, "expected a PatternBuilder");
    call(() => live(this, this.#native).merge(live(other, other.#native)));
    return this;
  }

  /** The patterns so far, one per segment. */
  finish() {
    return parse(call(() => live(this, this.#native).finish()));
  }

  /** The builder's state as JSON text (sparse histograms), to store or send to another worker. */
  toJSON() {
    return call(() => live(this, this.#native).toJSON());
  }

  /** A builder from the text `toJSON` gave. */
  static fromJSON(state) {
    return new PatternBuilder(call(native.NativePatternBuilder.fromJSON, text("state", state)));
  }

  /** Frees the builder now (it is also freed when garbage collected). */
  free() {
    if (this.#native !== null) {
      this.#native.free();
      this.#native = null;
    }
  }
}

/** What faster answers would change: patterns before and after scaling each channel's waits. */
export function whatIf(items, factors, now, opts) {
  const o = options("options", opts);
  return parse(
    call(
      native.whatIf,
      json("cases", items),
      json("factors", factors),
      instant("now", now),
      o.lexicon ?? true,
      text("segmentKey", o.segmentKey ?? "brand"),
      number("threshold", o.threshold ?? -0.66),
      optional(o.stageMap, (v) => json("stageMap", v)),
    ),
  );
}

/** Service metrics of cases, with their SLA evaluations when given (null where none). */
export function serviceMetrics(cases, slas) {
  return parse(call(feature("serviceMetrics", "insight"), json("cases", cases), optional(slas, (v) => json("slas", v))));
}

/** Problems that recur in at least `minCases` cases, with the answer that worked. */
export function recurringProblems(cases, minCases = 3) {
  return parse(call(feature("recurringProblems", "insight"), json("cases", cases), whole("minCases", minCases, 1, 1e9)));
}

/** Checks a customer and gives it back in canonical form. */
export function checkCustomer(customer) {
  return parse(call(native.checkCustomer, json("customer", customer)));
}

/** A customer's lifetime value as of an instant (null when it cannot be told yet). */
export function lifetimeValue(customer, asOf) {
  return parse(call(native.lifetimeValue, json("customer", customer), instant("asOf", asOf)));
}

/** Checks an interaction and gives it back in canonical form. */
export function checkInteraction(interaction) {
  return parse(call(native.checkInteraction, json("interaction", interaction)));
}

/** Renders a reply template (a built-in name or a definition) with its variables. */
export function renderReply(template, variables, lang = "en", opts) {
  const words = hostCatalogue(options("options", opts).catalogue);
  const t = typeof template === "string" ? JSON.stringify(template) : json("template", template);
  const args = [t, text("lang", lang), json("variables", variables)];
  return parse(call(() => (words ? words.replyTemplate(...args) : native.replyTemplate(...args))));
}

/** The service report over cases: its figures and the self-contained HTML page. */
export function buildReport(cases, opts) {
  const reportNative = feature("buildReport", "report");
  const o = options("options", opts);
  const words = hostCatalogue(o.catalogue);
  const args = [
    json("cases", cases),
    optional(o.contracts, contractsText),
    text("lang", o.lang ?? "en"),
    optional(o.now, (v) => instant("now", v)),
    text("segmentKey", o.segmentKey ?? "brand"),
    optional(o.stageMap, (v) => json("stageMap", v)),
  ];
  return parse(call(() => (words ? words.buildReport(...args) : reportNative(...args))));
}

/** Answers one request of the `kesher calendar eval` protocol (the shared test vectors' form). */
export function calendarEval(request) {
  return parse(call(native.calendarEval, json("request", request)));
}

/** A Date from epoch milliseconds, or null. */
const dateOrNull = (ms) => (ms === undefined || ms === null ? null : new Date(ms));

/** The native SlaEngine behind a wrapper (for the calls that take an engine). */
function engineOf(engine) {
  if (!(engine instanceof SlaEngine)) throw invalid("engine", engine, "expected an SlaEngine");
  return engine[NATIVE]();
}

/** A native case `fromSnapshot` resumed, handed to the constructor (not an argument of it). */
let resumed;

/**
 * A case kept between events: apply one event at a time, learn what changed and when the case
 * next changes by the clock alone; store `toSnapshot()` instead of the history.
 */
export class LiveCase {
  #native;

  constructor(caseId) {
    const Native = feature("NativeLiveCase", "live");
    this.#native = resumed ?? call((t) => new Native(t), text("caseId", caseId));
  }

  /** Resumes a case from the snapshot `toSnapshot` wrote (text or its parsed object). */
  static fromSnapshot(snapshot) {
    const Native = feature("NativeLiveCase", "live");
    resumed = call((t) => Native.fromSnapshot(t), json("snapshot", snapshot));
    try {
      return new LiveCase();
    } finally {
      resumed = undefined;
    }
  }

  /** The case as one JSON document (text) to store. */
  toSnapshot() {
    return call(() => live(this, this.#native).toSnapshot());
  }

  /** Applies one event and reads the case at `now`: what changed. */
  apply(event, engine, now) {
    const e = json("event", event);
    return parse(call(() => live(this, this.#native).apply(e, engineOf(engine), instant("now", now))));
  }

  /** Reads the case at `now` with no new event: what the clock changed. */
  tick(engine, now) {
    return parse(call(() => live(this, this.#native).tick(engineOf(engine), instant("now", now))));
  }

  /** Records an escalation the host carried out, as events numbered from `seq`. */
  record(escalation, engine, seq) {
    const e = json("escalation", escalation);
    const n = whole("seq", seq, 0, Number.MAX_SAFE_INTEGER);
    return parse(call(() => live(this, this.#native).record(e, engineOf(engine), n)));
  }

  /** The events `record` applies for an escalation, for a host that stores its events. */
  escalationEvents(escalation, seq) {
    const e = json("escalation", escalation);
    const n = whole("seq", seq, 0, Number.MAX_SAFE_INTEGER);
    return parse(call(() => live(this, this.#native).escalationEvents(e, n)));
  }

  get caseId() {
    return call(() => live(this, this.#native).caseId);
  }

  #state() {
    return parse(call(() => live(this, this.#native).state()));
  }

  /** The case folded from every event applied, or null. */
  get case() {
    return this.#state().case;
  }

  /** The SLA targets as last read, or null. */
  get sla() {
    return this.#state().sla;
  }

  /** The last instant the case was read at, or null. */
  get seenAt() {
    const at = this.#state().seenAt;
    return at === null ? null : new Date(at);
  }

  /** When the case next changes by the clock alone (rounded up to the millisecond), or null. */
  get wakeAt() {
    return dateOrNull(this.#state().wakeAt);
  }

  /** Events held but not applied: `{ event_type, reason }`. */
  get rejected() {
    return this.#state().rejected;
  }

  /** The native object, for the calls that take a live case. */
  [NATIVE]() {
    return live(this, this.#native);
  }

  /** Releases the WebAssembly memory now; the object cannot be used afterwards. */
  free() {
    this.#native?.free();
    this.#native = null;
  }
}

/** When many cases next change by the clock alone, served earliest first. */
export class WakeSchedule {
  #native;

  constructor() {
    this.#native = new (feature("NativeWakeSchedule", "live"))();
  }

  /** Sets (or, with null, removes) the wake-up of one case. */
  set(caseId, at) {
    const id = text("caseId", caseId);
    const when = optional(at, (v) => instant("at", v));
    call(() => live(this, this.#native).set(id, when));
  }

  /** The wake-up of one case, or null. */
  get(caseId) {
    return dateOrNull(call(() => live(this, this.#native).get(text("caseId", caseId))));
  }

  /** Removes and returns every wake-up at or before `now`, earliest first: `[caseId, Date]`. */
  due(now) {
    const pairs = parse(call(() => live(this, this.#native).due(instant("now", now))));
    return pairs.map(([id, ms]) => [id, new Date(ms)]);
  }

  /** The earliest wake-up, or null. */
  earliest() {
    return dateOrNull(call(() => live(this, this.#native).earliest()));
  }

  /** How many cases have a wake-up. */
  get size() {
    return call(() => live(this, this.#native).size);
  }

  free() {
    this.#native?.free();
    this.#native = null;
  }
}

function liveOf(kase) {
  if (!(kase instanceof LiveCase)) throw invalid("live", kase, "expected a LiveCase");
  return kase[NATIVE]();
}

/**
 * kesher's messages per language (Project Fluent's FTL): English, Hebrew, Arabic and Russian
 * built in; `withMessages` overrides messages or adds a language at run time.
 */
export class Catalogue {
  #native;

  constructor() {
    this.#native = resumed ?? new (feature("NativeCatalogue", "live"))();
  }

  /** A catalogue of one language read from FTL text (a host's own messages). */
  static fromFtl(language, ftl) {
    const Native = feature("NativeCatalogue", "live");
    return wrapCatalogue(call(() => Native.fromFtl(text("language", language), text("ftl", ftl))));
  }

  /** This catalogue with the messages of `ftl` in `language`. */
  withMessages(language, ftl) {
    return wrapCatalogue(call(() => live(this, this.#native).withMessages(text("language", language), text("ftl", ftl))));
  }

  /** The text of message `id` in `language`; `args` its variables (a whole number is a count). */
  format(language, id, args = {}) {
    const a = json("args", options("args", args));
    return call(() => live(this, this.#native).format(text("language", language), text("id", id), a));
  }

  get languages() {
    return call(() => live(this, this.#native).languages());
  }

  messageIds(language) {
    return call(() => live(this, this.#native).messageIds(text("language", language)));
  }

  missing(language) {
    return call(() => live(this, this.#native).missing(text("language", language)));
  }

  /** Whether text in `language` runs right to left. */
  static isRightToLeft(language) {
    return feature("NativeCatalogue", "live").isRightToLeft(text("language", language));
  }

  [NATIVE]() {
    return live(this, this.#native);
  }

  free() {
    this.#native?.free();
    this.#native = null;
  }
}

/** The native handle of a host's catalogue given as an option, or undefined when none is. */
function hostCatalogue(catalogue) {
  if (catalogue === undefined || catalogue === null) return undefined;
  if (!(catalogue instanceof Catalogue)) throw invalid("catalogue", catalogue, "expected a Catalogue");
  return catalogue[NATIVE]();
}

function wrapCatalogue(handle) {
  resumed = handle;
  try {
    return new Catalogue();
  } finally {
    resumed = undefined;
  }
}

/** Escalation and routing rules: what to do at a share of a target, a breach, a public complaint. */
export class EscalationRules {
  #native;

  constructor(rules, opts) {
    const Native = feature("NativeEscalationRules", "live");
    const catalogue = hostCatalogue(options("options", opts).catalogue);
    const words = catalogue ? catalogue.copy() : undefined;
    this.#native = call((t) => new Native(t, words), json("rules", rules));
  }

  /** Throws when a share would not wake cases under the engine's contracts. */
  check(engine) {
    call(() => live(this, this.#native).check(engineOf(engine)));
  }

  /** `live.apply(event, engine, now)` and the escalations it sets off. */
  apply(liveCase, event, engine, now, lang = "en") {
    const e = json("event", event);
    return parse(
      call(() =>
        live(this, this.#native).apply(liveOf(liveCase), e, engineOf(engine), instant("now", now), text("lang", lang)),
      ),
    );
  }

  /** `live.tick(engine, now)` and the escalations it sets off. */
  tick(liveCase, engine, now, lang = "en") {
    return parse(
      call(() => live(this, this.#native).tick(liveOf(liveCase), engineOf(engine), instant("now", now), text("lang", lang))),
    );
  }

  free() {
    this.#native?.free();
    this.#native = null;
  }
}

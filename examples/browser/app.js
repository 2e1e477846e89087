// @ts-check
// The example page: kesher's WebAssembly package in a plain browser page, no framework, no CDN.
import { init, version, Calendar, KesherError, readCases, SlaEngine, buildJourney, PatternBuilder,
  patternSvg, journeySvg, checkJourney, turningPoints, criticalPoints } from "../../bindings/wasm/pkg/full/index.js";

/** @typedef {import("../../bindings/wasm/pkg/full/index.js").Journey} Journey */
/** @typedef {import("../../bindings/wasm/pkg/full/index.js").Pattern} Pattern */
/** The languages of this page's own words (kesher itself writes en, he, ar and ru). @typedef {"en" | "he"} Language */
/** @typedef {{ read: number, accepted: number, rejected: number }} Counts */

const TEXT = {
  en: {
    title: "kesher in the browser",
    lead: "Business-time due dates and the emotion graph of real support conversations, computed here by kesher's Rust core compiled to WebAssembly. Nothing leaves this page.",
    dueTitle: "Due times", dueLead: "Pick a calendar and a target; type when each ticket arrived (RFC 3339, such as 2025-01-02T14:00:00Z).",
    calendar: "Calendar", calIsrael: "Israel (Sun–Thu 9–17, Fri 9–13, Jewish holidays)", calUs: "United States (Mon–Fri 9–17, New York, federal holidays)",
    calUk: "United Kingdom (Mon–Fri 9–17, London, bank holidays)", target: "Target (business hours)", arrived: "Ticket arrived at", addTicket: "Add ticket",
    ticket: "Ticket", arrivedCol: "Arrived (UTC)", dueCol: "Due (calendar's local time)", dueUtc: "Due (UTC)",
    patternTitle: "The emotion pattern of each brand",
    patternLead: "Real Twitter customer-care conversations (IBM, Apache-2.0): each conversation becomes a case, its SLA is evaluated, the emotion model draws its journey, and the journeys of a brand make its typical pattern.",
    load: "Load the sample support data", brand: "Brand",
    /** @param {Counts} r @param {number} cases @param {number} brands */
    summary: (r, cases, brands) => `${r.read} conversations read, ${r.accepted} accepted, ${r.rejected} rejected: ${cases} cases of ${brands} brands.`,
    /** @param {Pattern} p */
    caption: (p) => `${p.segment}: ${p.journeys} journeys; the median and the 10–90 % band per stage.`,
    journeyTitle: "The journey that fell lowest, to edit",
    journeyLead: "Change a point's emotion or add a point (an agent's note, a survey answer), and watch the graph, its turning points and its critical points follow.",
    critical: "Critical points", turning: "Turning points", at: "At (UTC)", stage: "Stage", emotion: "Emotion (−1 … 1)", source: "Source", addPoint: "Add point",
    lowest: "lowest", drop: "steepest drop", crossing: "fell below −0.66", none: "none", up: "turns up", down: "turns down", footer: "kesher",
  },
  he: {
    title: "קשר בדפדפן",
    lead: "מועדי יעד בשעות עבודה וגרף הרגש של שיחות שירות אמיתיות, מחושבים כאן בליבת ה-Rust של קשר שהודרה ל-WebAssembly. דבר אינו יוצא מהדף.",
    dueTitle: "מועדי יעד", dueLead: "בחרו לוח שנה ויעד; הקלידו מתי הגיעה כל פנייה (RFC 3339, למשל 2025-01-02T14:00:00Z).",
    calendar: "לוח שנה", calIsrael: "ישראל (א׳–ה׳ 9–17, ו׳ 9–13, חגי ישראל)", calUs: "ארצות הברית (ב׳–ו׳ 9–17, ניו יורק, חגים פדרליים)",
    calUk: "בריטניה (ב׳–ו׳ 9–17, לונדון, חגי בנק)", target: "יעד (שעות עבודה)", arrived: "הפנייה הגיעה ב־", addTicket: "הוספת פנייה",
    ticket: "פנייה", arrivedCol: "הגיעה (UTC)", dueCol: "מועד יעד (שעון מקומי של לוח השנה)", dueUtc: "מועד יעד (UTC)",
    patternTitle: "דפוס הרגש של כל מותג",
    patternLead: "שיחות שירות לקוחות אמיתיות בטוויטר (IBM, Apache-2.0): כל שיחה נעשית פנייה, ה-SLA שלה נבדק, מודל הרגש משרטט את המסע שלה, ומסעות המותג יוצרים את הדפוס האופייני לו.",
    load: "טעינת נתוני השירות לדוגמה", brand: "מותג",
    /** @param {Counts} r @param {number} cases @param {number} brands */
    summary: (r, cases, brands) => `נקראו ${r.read} שיחות, ${r.accepted} התקבלו, ${r.rejected} נדחו: ${cases} פניות של ${brands} מותגים.`,
    /** @param {Pattern} p */
    caption: (p) => `${p.segment}: ${p.journeys} מסעות; החציון ותחום 10–90 % בכל שלב.`,
    journeyTitle: "המסע שירד הכי נמוך, לעריכה",
    journeyLead: "שנו את הרגש בנקודה או הוסיפו נקודה (הערת נציג, תשובה לסקר), וראו את הגרף, נקודות המפנה והנקודות הקריטיות משתנים.",
    critical: "נקודות קריטיות", turning: "נקודות מפנה", at: "מתי (UTC)", stage: "שלב", emotion: "רגש (\u2066−1 … 1\u2069)", source: "מקור", addPoint: "הוספת נקודה",
    lowest: "הנקודה הנמוכה", drop: "הירידה החדה", crossing: "ירד מתחת ל־\u2066−0.66\u2069", none: "אין", up: "פונה למעלה", down: "פונה למטה", footer: "קשר",
  },
};

/** @type {Language} */
let lang = "en";
/** @type {Calendar | null} */
let calendar = null;
const tickets = ["2025-01-02T14:00:00Z", "2025-09-21T12:00:00Z", "2025-07-03T20:30:00Z"];
/** @type {Map<string, Pattern>} */
let patterns = new Map();
/** @type {Map<string, Journey>} */
let lowest = new Map();
/** @type {Journey | null} */
let journey = null;

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @param {unknown} e */
const message = (e) => (e instanceof KesherError ? `${e.message} (${e.kind})` : String(e));

/** An instant shown in a zone, with its weekday. @param {number} ms @param {string} tz */
function local(ms, tz) {
  const f = new Intl.DateTimeFormat(lang === "he" ? "he-IL" : "en-GB", {
    timeZone: tz, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  });
  return `${f.format(new Date(ms))} (${tz})`;
}

function renderTickets() {
  const tbody = /** @type {HTMLTableSectionElement} */ ($("tickets").querySelector("tbody"));
  tbody.replaceChildren();
  if (!calendar) return;
  const hours = Number(input("hours").value);
  const tz = calendar.toJSON().tz;
  const starts = Float64Array.from(tickets, (t) => Date.parse(t));
  let due;
  try {
    due = calendar.addMany(starts, hours * 3600);
    $("ticket-error").textContent = "";
  } catch (e) {
    $("ticket-error").textContent = message(e);
    return;
  }
  tickets.forEach((t, i) => {
    const row = tbody.insertRow();
    row.insertCell().textContent = String(i + 1);
    const at = row.insertCell();
    at.className = "ltr";
    at.textContent = new Date(starts[i]).toISOString().replace(".000Z", "Z");
    const d = row.insertCell();
    d.className = "due-local";
    d.textContent = local(due[i], tz);
    const u = row.insertCell();
    u.className = "ltr due-utc";
    u.textContent = new Date(due[i]).toISOString().replace(".000Z", "Z");
  });
}

function selectCalendar() {
  calendar?.free();
  calendar = new Calendar(/** @type {"israel" | "us" | "uk"} */ (input("calendar").value));
  renderTickets();
}

function addTicket(/** @type {SubmitEvent} */ ev) {
  ev.preventDefault();
  const text = input("ticket-at").value.trim();
  try {
    // kesher checks the instant (and names what is wrong with it); Date.parse would guess.
    calendar?.add(text, 0);
    tickets.push(text);
    input("ticket-at").value = "";
    $("ticket-error").textContent = "";
    renderTickets();
  } catch (e) {
    $("ticket-error").textContent = message(e);
  }
}

async function loadSample() {
  $("load").setAttribute("disabled", "");
  const [bytes, contracts] = await Promise.all([
    fetch("../data/ibm-twitter-care-dev.json").then((r) => r.arrayBuffer()),
    fetch("../data/contracts.json").then((r) => r.json()),
  ]);
  const read = readCases(bytes, "ibm");
  const engine = new SlaEngine(contracts);
  const now = read.cases.reduce((m, c) => (c.last_event_at > m ? c.last_event_at : m), "");
  const builder = new PatternBuilder();
  lowest = new Map();
  for (const c of read.cases) {
    const j = buildJourney(c, now, { sla: engine.evaluate(c, now) });
    builder.add(j);
    const low = Math.min(...j.points.map((p) => p.emotion));
    const seg = j.segment ?? "";
    const prev = lowest.get(seg);
    if (!prev || low < Math.min(...prev.points.map((p) => p.emotion))) lowest.set(seg, j);
  }
  engine.free();
  patterns = new Map(builder.finish().map((p) => [p.segment, p]));
  builder.free();
  const select = /** @type {HTMLSelectElement} */ ($("brand"));
  select.replaceChildren(...[...patterns.values()]
    .sort((a, b) => b.journeys - a.journeys || a.segment.localeCompare(b.segment))
    .map((p) => new Option(`${p.segment} (${p.journeys})`, p.segment)));
  $("load-summary").dataset.read = String(read.read);
  $("load-summary").dataset.accepted = String(read.accepted);
  $("load-summary").dataset.rejected = String(read.rejected);
  $("load-summary").dataset.cases = String(read.cases.length);
  $("load-summary").textContent = TEXT[lang].summary(read, read.cases.length, patterns.size);
  $("brand-pick").hidden = false;
  showBrand();
}

/** Draws the chosen brand's pattern (again, after a change of language). */
function renderPattern() {
  const p = patterns.get(/** @type {HTMLSelectElement} */ ($("brand")).value);
  if (!p) return;
  $("pattern-figure").hidden = false;
  $("pattern-svg").innerHTML = patternSvg(p, { lang });
  $("pattern-caption").textContent = TEXT[lang].caption(p);
}

/** A brand was chosen: its pattern, and its lowest journey to edit. */
function showBrand() {
  const seg = /** @type {HTMLSelectElement} */ ($("brand")).value;
  renderPattern();
  journey = lowest.get(seg) ?? null;
  if (journey) {
    $("journey").hidden = false;
    const last = journey.points[journey.points.length - 1];
    input("point-at").value = new Date(Date.parse(last.at) + 3600_000).toISOString().replace(".000Z", "Z");
    renderJourney();
  }
}

/** A level such as −0.66, isolated left to right so a Hebrew line does not move its sign. @param {number} x */
const level = (x) => `\u2066${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(2)}\u2069`;
/** A point's number, isolated likewise. @param {number} i */
const nth = (i) => `\u2066#${i + 1}\u2069`;

function renderJourney() {
  if (!journey) return;
  const t = TEXT[lang];
  $("journey-svg").innerHTML = journeySvg(journey, { lang, title: journey.case_id ?? journey.customer_id });
  const crit = criticalPoints(journey);
  const items = [];
  if (crit.lowest) items.push(`${t.lowest}: ${nth(crit.lowest.index)} ${level(crit.lowest.emotion)}`);
  for (const d of crit.steepest_drops) items.push(`${t.drop}: ${nth(d.index)} (${level(-d.drop)})`);
  for (const c of crit.crossings) items.push(`${t.crossing}: ${nth(c.index)} ${level(c.emotion)}`);
  $("critical").replaceChildren(...items.map((s) => Object.assign(document.createElement("li"), { textContent: s })));
  const turns = turningPoints(journey).map((p) => `${nth(p.index)} ${p.turn === "positive" ? t.up : t.down} ${level(p.emotion)}`);
  $("turning").replaceChildren(...(turns.length ? turns : [t.none]).map((s) => Object.assign(document.createElement("li"), { textContent: s })));
  const tbody = /** @type {HTMLTableSectionElement} */ ($("points").querySelector("tbody"));
  tbody.replaceChildren();
  journey.points.forEach((p, i) => {
    const row = tbody.insertRow();
    row.insertCell().textContent = String(i + 1);
    Object.assign(row.insertCell(), { className: "ltr", textContent: p.at });
    row.insertCell().textContent = p.stage ?? "";
    const cell = row.insertCell();
    const box = Object.assign(document.createElement("input"), { type: "number", min: "-1", max: "1", step: "0.01", value: p.emotion.toFixed(2), dir: "ltr" });
    box.addEventListener("change", () => editPoint(i, Number(box.value)));
    cell.append(box);
    row.insertCell().textContent = p.source;
  });
}

/** @param {Journey} next */
function setJourney(next) {
  try {
    journey = checkJourney(next); // kesher validates and orders the points
    $("point-error").textContent = "";
  } catch (e) {
    $("point-error").textContent = message(e);
  }
  renderJourney();
}

function editPoint(/** @type {number} */ i, /** @type {number} */ value) {
  if (!journey) return;
  setJourney({ ...journey, points: journey.points.map((p, k) => (k === i ? { ...p, emotion: value, source: "agent_annotation", cause: "annotation" } : p)) });
}

function addPoint(/** @type {SubmitEvent} */ ev) {
  ev.preventDefault();
  if (!journey) return;
  const point = {
    at: input("point-at").value.trim(),
    stage: input("point-stage").value,
    emotion: Number(input("point-emotion").value),
    source: /** @type {const} */ ("agent_annotation"),
    cause: /** @type {const} */ ("annotation"),
  };
  setJourney({ ...journey, points: [...journey.points, point] });
}

function setLanguage(/** @type {Language} */ next) {
  lang = next;
  document.documentElement.lang = next;
  document.documentElement.dir = next === "he" ? "rtl" : "ltr";
  $("lang-en").setAttribute("aria-pressed", String(next === "en"));
  $("lang-he").setAttribute("aria-pressed", String(next === "he"));
  const t = /** @type {Record<string, unknown>} */ (TEXT[next]);
  for (const el of document.querySelectorAll("[data-t]")) {
    const v = t[/** @type {HTMLElement} */ (el).dataset.t ?? ""];
    if (typeof v === "string") el.textContent = v;
  }
  document.title = TEXT[next].title;
  renderTickets();
  if (patterns.size) {
    const s = $("load-summary");
    s.textContent = TEXT[next].summary({ read: Number(s.dataset.read), accepted: Number(s.dataset.accepted), rejected: Number(s.dataset.rejected) }, Number(s.dataset.cases), patterns.size);
    renderPattern();
    renderJourney(); // the edits a person made stay
  }
}

await init();
$("version").textContent = version();
input("calendar").addEventListener("change", selectCalendar);
input("hours").addEventListener("input", renderTickets);
$("ticket-form").addEventListener("submit", addTicket);
$("load").addEventListener("click", () => loadSample().catch((e) => ($("load-summary").textContent = message(e))));
/** @type {HTMLSelectElement} */ ($("brand")).addEventListener("change", showBrand);
$("point-form").addEventListener("submit", addPoint);
$("lang-en").addEventListener("click", () => setLanguage("en"));
$("lang-he").addEventListener("click", () => setLanguage("he"));
selectCalendar();
document.body.dataset.ready = "1";

// The example page in a real browser: Debian's chromium, headless, driven by playwright-core
// against the page served on localhost. Screenshots go to target/browser/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { kesher, ROOT } from "./helpers.mjs";
import { serve } from "../../../examples/browser/serve.mjs";

const CHROMIUM = process.env.CHROMIUM ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
const SHOTS = `${ROOT}target/browser/`;
let browser;
let server;
let page;
let url;
const problems = [];

before(async () => {
  assert.ok(CHROMIUM, "chromium not found: apt-get install chromium (or set CHROMIUM)");
  mkdirSync(SHOTS, { recursive: true });
  ({ url, server } = await serve(0));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Text without the left-to-right isolates the page puts around numbers. */
const plain = async (sel) => (await page.textContent(sel)).replace(/[\u2066-\u2069]/g, "");
const dueUtc = () => page.$$eval("#tickets tbody td.due-utc", (tds) => tds.map((td) => td.textContent));
const iso = (d) => d.toISOString().replace(".000Z", "Z");

test("due times on the Israeli calendar, then on the US one, as the package computes them", async () => {
  const starts = ["2025-01-02T14:00:00Z", "2025-09-21T12:00:00Z", "2025-07-03T20:30:00Z"];
  const israel = new kesher.Calendar("israel");
  assert.deepEqual(await dueUtc(), starts.map((s) => iso(israel.add(s, 4 * 3600))));
  assert.equal((await dueUtc())[0], "2025-01-03T10:00:00Z"); // Friday, before 13:00 in Israel
  await page.selectOption("#calendar", "us");
  const us = new kesher.Calendar("us");
  await page.waitForFunction(() => document.querySelector("#tickets tbody td.due-local")?.textContent?.includes("New_York"));
  assert.deepEqual(await dueUtc(), starts.map((s) => iso(us.add(s, 4 * 3600))));
  assert.equal((await dueUtc())[2], "2025-07-07T16:30:00Z"); // Thu 16:30 NY: half an hour, July 4th and the weekend closed, Mon 9:00 + 3.5 h
});

test("a typed ticket gets its due time; a bad one gets kesher's error", async () => {
  await page.fill("#hours", "8");
  await page.fill("#ticket-at", "2025-12-24T21:00:00Z");
  await page.click("#ticket-form button[type=submit]");
  const rows = await dueUtc();
  assert.equal(rows.length, 4);
  assert.equal(rows[3], iso(new kesher.Calendar("us").add("2025-12-24T21:00:00Z", 8 * 3600)));
  await page.fill("#ticket-at", "next tuesday");
  await page.click("#ticket-form button[type=submit]");
  assert.match(await page.textContent("#ticket-error"), /invalid start `next tuesday`.*invalid_input/);
  assert.equal((await dueUtc()).length, 4);
  await page.screenshot({ path: `${SHOTS}due-times.png`, fullPage: true });
});

test("the sample support data: every conversation read, a pattern per brand drawn as SVG", async () => {
  await page.click("#load");
  await page.waitForSelector("#pattern-svg svg", { timeout: 60_000 });
  assert.match(await page.textContent("#load-summary"), /^525 conversations read, 525 accepted, 0 rejected: 525 cases of 24 brands\.$/);
  assert.equal(await page.$$eval("#brand option", (o) => o.length), 24);
  const circles = await page.$$eval("#pattern-svg svg circle", (c) => c.length);
  assert.ok(circles >= 2, `pattern medians drawn: ${circles}`);
  const journeyMarks = await page.$$eval("#journey-svg svg circle", (c) => c.length);
  assert.ok(journeyMarks >= 2, "the lowest journey's points and its critical point are drawn");
  assert.equal(await plain("#critical li"), await expectedLowest());
  await page.screenshot({ path: `${SHOTS}patterns.png`, fullPage: true });
});

/** The journey in the page's table, and the lowest point kesher finds in it, as the page writes it. */
async function expectedLowest() {
  const rows = await page.$$eval("#points tbody tr", (trs) => trs.map((tr) => {
    const cells = tr.querySelectorAll("td");
    return { at: cells[1].textContent, stage: cells[2].textContent, emotion: Number(cells[3].querySelector("input").value), source: cells[4].textContent };
  }));
  const low = kesher.criticalPoints({ customer_id: "c", points: rows }).lowest;
  const sign = low.emotion > 0 ? "+" : low.emotion < 0 ? "−" : "";
  return `lowest: #${low.index + 1} ${sign}${Math.abs(low.emotion).toFixed(2)}`;
}

test("editing the journey: the graph, the critical and the turning points follow", async () => {
  const svg0 = await page.innerHTML("#journey-svg");
  const n = await page.$$eval("#points tbody tr", (r) => r.length);
  const lowRow = Number(/#(\d+)/.exec(await plain("#critical li"))[1]);
  // Raise the lowest point: the lowest moves elsewhere.
  await page.fill(`#points tbody tr:nth-child(${lowRow}) input`, "0.5");
  await page.dispatchEvent(`#points tbody tr:nth-child(${lowRow}) input`, "change");
  await page.waitForFunction((row) => !document.querySelector("#critical li")?.textContent?.replace(/[\u2066-\u2069]/g, "").startsWith(`lowest: #${row} `), lowRow);
  assert.equal(await plain("#critical li"), await expectedLowest());
  const svg1 = await page.innerHTML("#journey-svg");
  assert.notEqual(svg1, svg0);
  // Add a point at -1 an hour after the last: it is the new lowest, drawn, and a turning point appears before it.
  await page.fill("#point-emotion", "-1");
  await page.click("#point-form button[type=submit]");
  await page.waitForFunction((k) => document.querySelectorAll("#points tbody tr").length === k + 1, n);
  assert.equal(await plain("#critical li"), `lowest: #${n + 1} −1.00`);
  assert.equal(await plain("#critical li"), await expectedLowest());
  assert.notEqual(await page.innerHTML("#journey-svg"), svg1);
  assert.equal(await page.textContent("#point-error"), "");
  // An emotion out of range is refused by kesher, naming the field; the journey stays as it was.
  await page.fill("#point-emotion", "-3");
  await page.click("#point-form button[type=submit]");
  assert.match(await page.textContent("#point-error"), /points\[\d+\]\.emotion/);
  assert.equal(await page.$$eval("#points tbody tr", (r) => r.length), n + 1);
  await page.fill("#point-emotion", "-1");
  await page.screenshot({ path: `${SHOTS}journey-edited.png`, fullPage: true });
});

test("Hebrew: right to left, Hebrew labels, Hebrew SVG", async () => {
  await page.click("#lang-he");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.getAttribute("html", "lang"), "he");
  assert.equal(await page.textContent("#due h2"), "מועדי יעד");
  assert.match(await page.textContent("#load-summary"), /^נקראו 525 שיחות/);
  assert.match(await page.innerHTML("#pattern-svg"), /[\u0590-\u05FF]/);
  assert.match(await page.innerHTML("#journey-svg"), /[\u0590-\u05FF]/);
  // The person's edits survive the change of language: the added point is still the lowest.
  assert.match(await plain("#critical li"), /#\d+ −1\.00$/);
  const box = await page.$eval(".lang", (el) => el.getBoundingClientRect().left);
  assert.ok(box < 300, "the language switch moved to the left in RTL");
  await page.screenshot({ path: `${SHOTS}hebrew.png`, fullPage: true });
});

test("no page errors, console errors or failed requests", () => {
  assert.deepEqual(problems, []);
});

test("the default entry in a page: a text model that is not there fails init() clearly, and init() can be called again", async () => {
  const other = await browser.newPage();
  try {
    await other.goto(`${url}bindings/wasm/pkg/package.json`);
    const seen = await other.evaluate(async () => {
      const k = await import("/bindings/wasm/pkg/index.js");
      const out = {};
      try {
        await k.init(undefined, { textModel: { english: "/nowhere/english.tsv", hebrew: "/nowhere/hebrew.tsv" } });
        out.first = "resolved";
      } catch (e) {
        out.first = e.message;
      }
      out.before = [k.textModelInstalled(), k.readMessages(["works fine"], { lang: "en" })[0].sentiment];
      await k.init();
      out.after = [k.textModelInstalled(), k.readMessages(["works fine"], { lang: "en" })[0].sentiment];
      return out;
    });
    assert.match(seen.first, /text model .*nowhere\/english\.tsv could not be loaded \(HTTP 404\)/);
    // Without the lexicon only the support words are read; with it, "fine" is.
    assert.deepEqual(seen.before, [false, "neutral"]);
    assert.deepEqual(seen.after, [true, "positive"]);
  } finally {
    await other.close();
  }
});

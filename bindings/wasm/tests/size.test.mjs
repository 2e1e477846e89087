// The package's budgets, gzipped at level 9 (benches/README.md records each figure):
// - the default entry (`kesher`, pkg/): at most 350,000 bytes (issue 20): calendars, SLAs, cases,
//   journeys, patterns, reading text and the playbook, with zones from the host's Intl and the
//   text model outside the .wasm (346,459 bytes when it was split, 2026-12-04);
// - the text scorer's lexicon and model (pkg/text/, loaded by init()): at most 100,000 bytes
//   (97,353: 30 KB the English lexicon, 66 KB the Hebrew n-gram model);
// - the full entry (`kesher/full`, pkg/full/): at most 535,000 bytes (522,995 when split: the
//   default's code with the importers of kesher-io, the report, insight and live cases; 530,000
//   until issue 21's faster report, 2026-12-05: each message read once per case, Twitter
//   timestamps read at fixed places, 524,690 by Python's zlib, about 530,000 by Node's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { full, kesher, read, ROOT } from "./helpers.mjs";

const PKG = fileURLToPath(new URL("../pkg/", import.meta.url));
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const within = (bytes, budget) => assert.ok(bytes <= budget, `${bytes.toLocaleString("en")} bytes gzipped, ${(bytes - budget).toLocaleString("en")} over`);

test("the default entry's .wasm is at most 350,000 bytes gzipped, and it has the core", () => {
  const pkg = JSON.parse(readFileSync(`${PKG}package.json`, "utf8"));
  assert.equal(pkg.name, "kesher");
  within(gz(`${PKG}kesher_wasm_bg.wasm`), 350_000);
  const k = kesher;
  assert.equal(new k.Calendar("israel").add("2025-01-02T14:00:00Z", 4 * 3600).toISOString(), "2025-01-03T10:00:00.000Z");
  const engine = new k.SlaEngine([{ name: "s", calendar: "uk", targets: [{ metric: "first_response", within: 3600 }] }]);
  const kase = k.foldCase([{ type: "opened", case_id: "T", at: "2025-01-06T10:00:00Z", customer: { id: "c" }, channel: "email" }]);
  assert.equal(engine.evaluate(kase, "2025-01-06T10:30:00Z").targets[0].state, "running");
  assert.equal(new k.PatternBuilder().add(k.buildJourney(kase, "2025-01-06T10:30:00Z")).finish().length, 1);
  // Every zone the host knows, not a chosen few.
  assert.equal(new k.Calendar({ tz: "Asia/Tokyo", week: { mon: [["09:00", "17:00"]] } }).nextOpen("2025-01-05T00:00:00Z").toISOString(), "2025-01-06T00:00:00.000Z");
});

test("the text model is at most 100,000 bytes gzipped, installed on import, and reads as the native scorer on every labelled message", () => {
  const files = readdirSync(`${PKG}text`).sort();
  assert.deepEqual(files, ["LICENSE-vader.txt", "english.tsv", "hebrew.tsv"]);
  within(files.reduce((sum, f) => sum + gz(`${PKG}text/${f}`), 0), 100_000);
  // The labelled messages of tests/data, read by the native command (the model compiled in).
  const texts = ["en", "he"].flatMap((l) => read(`tests/data/sentiment-labelled-${l}.jsonl`).split("\n").filter(Boolean).map((line) => JSON.parse(line).text.replaceAll("\n", " ")));
  const out = `${ROOT}target/wasm-test-texts.txt`;
  writeFileSync(out, texts.join("\n") + "\n");
  const cli = spawnSync("cargo", ["run", "-q", "-p", "kesher-cli", "--", "text", "score", out], { cwd: ROOT, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  const native = cli.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line));
  assert.equal(native.length, texts.length);
  for (const k of [kesher, full]) {
    assert.equal(k.textModelInstalled(), true);
    const got = k.readMessages(texts);
    got.forEach((g, i) => {
      assert.equal(g.sentiment, native[i].sentiment, texts[i]);
      // f32 sums in another order: the last digits differ.
      assert.ok(g.score === native[i].score || Math.abs(g.score - native[i].score) < 1e-6, `${texts[i]}: ${g.score} ${native[i].score}`);
    });
    // Installed once: a second one is refused, naming what.
    assert.throws(() => k.installTextModel("good\t19\n", "#bias\t0\t1\t2\n"), (e) => e.kind === "invalid_input" && e.field === "text_model");
  }
});

test("the full entry's .wasm is at most 535,000 bytes gzipped; the default entry says where the rest is", () => {
  within(gz(`${PKG}full/kesher_wasm_bg.wasm`), 535_000);
  const { cases } = full.readCases(read("tests/data/helpdesk-first300.csv"), "helpdesk");
  assert.ok(cases.length > 10);
  assert.match(full.buildReport(cases.slice(0, 20)).html, /<svg/);
  assert.equal(new full.WakeSchedule().size, 0);
  assert.equal(full.serviceMetrics([]).cases, 0);
  const k = kesher;
  const refused = (field) => (e) => e instanceof k.KesherError && e.kind === "unsupported" && e.field === field && e.message.includes('"kesher/full"');
  for (const [fn, args] of [["readCases", ["{}"]], ["readEvents", ["{}"]], ["buildReport", [[]]], ["serviceMetrics", [[]]], ["recurringProblems", [[]]]]) {
    assert.throws(() => k[fn](...args), refused(fn));
  }
  for (const [make, native] of [[() => new k.LiveCase("T"), "NativeLiveCase"], [() => new k.WakeSchedule(), "NativeWakeSchedule"],
    [() => new k.EscalationRules([]), "NativeEscalationRules"], [() => k.LiveCase.fromSnapshot("{}"), "NativeLiveCase"]]) {
    assert.throws(make, refused(native));
  }
});

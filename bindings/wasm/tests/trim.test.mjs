// The trimmed build a user can make (KESHER_WASM_FEATURES=insight): every time zone (from the
// host's Intl), everything but the importers, the report and live cases. Its budget grew from
// 436,000 to 454,000 bytes when the journey pictures took their words from the message
// catalogue (2026-12-04: the FTL reader and every message in four languages, 450,529 bytes
// here, 450,430 in a clean clone elsewhere: paths compiled into the .wasm differ), and to
// 458,000 when the statements, acknowledgements, templates and follow-ups moved there too
// (454,822 bytes here), and to 466,000 with issue 20's std lowercase, std sorts in the binding
// and the opaque error (465,039 bytes), and 467,000 when every error took its value along and the
// JavaScript layer's own errors came to be made by the core (466,574 bytes), and 470,000 with
// the rest of issue 20 (468,608 bytes: checks moved into the core, functions split). It does not fit issue 20's 350 KB
// (benches/README.md says where the bytes are); what it leaves out fails clearly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { ROOT } from "./helpers.mjs";

const HERE = fileURLToPath(new URL("..", import.meta.url));
const OUT = `${ROOT}target/wasm-trimmed`;

test("without the importers, the report and live cases: at most 470,000 bytes gzipped, and it says what it lacks", async () => {
  const build = spawnSync("bash", [`${HERE}build.sh`], {
    encoding: "utf8",
    env: { ...process.env, KESHER_WASM_FEATURES: "insight", KESHER_WASM_OUT: OUT },
  });
  assert.equal(build.status, 0, build.stderr);
  const gz = gzipSync(readFileSync(`${OUT}/kesher_wasm_bg.wasm`), { level: 9 }).length;
  assert.ok(gz <= 470_000, `${gz} bytes gzipped`);
  const k = await import(`${OUT}/node.js`);
  assert.equal(new k.Calendar("israel").add("2025-01-02T14:00:00Z", 4 * 3600).toISOString(), "2025-01-03T10:00:00.000Z");
  const engine = new k.SlaEngine([{ name: "s", calendar: "uk", targets: [{ metric: "first_response", within: 3600 }] }]);
  const kase = k.foldCase([{ type: "opened", case_id: "T", at: "2025-01-06T10:00:00Z", customer: { id: "c" }, channel: "email" }]);
  assert.equal(engine.evaluate(kase, "2025-01-06T10:30:00Z").targets[0].state, "running");
  assert.equal(new k.PatternBuilder().add(k.buildJourney(kase, "2025-01-06T10:30:00Z")).finish().length, 1);
  assert.equal(k.serviceMetrics([]).cases, 0);
  for (const [fn, args] of [["readCases", ["{}"]], ["readEvents", ["{}"]], ["buildReport", [[]]]]) {
    assert.throws(() => k[fn](...args), (e) => e instanceof k.KesherError && e.kind === "unsupported" && e.field === fn);
  }
  for (const [make, native] of [[() => new k.LiveCase("T"), "NativeLiveCase"], [() => new k.WakeSchedule(), "NativeWakeSchedule"],
    [() => new k.EscalationRules([]), "NativeEscalationRules"], [() => k.LiveCase.fromSnapshot("{}"), "NativeLiveCase"]]) {
    assert.throws(make, (e) => e instanceof k.KesherError && e.kind === "unsupported" && e.field === native);
  }
  // Every zone the host knows, not a chosen few.
  assert.equal(new k.Calendar({ tz: "Asia/Tokyo", week: { mon: [["09:00", "17:00"]] } }).nextOpen("2025-01-05T00:00:00Z").toISOString(), "2025-01-06T00:00:00.000Z");
});

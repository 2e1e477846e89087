// The TypeScript types: strict tsc over the example page and tests/types.ts, and no `any`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { read } from "./helpers.mjs";

const HERE = fileURLToPath(new URL("..", import.meta.url));

test("the public types have no `any`", () => {
  for (const file of ["bindings/wasm/pkg/index.d.ts", "bindings/wasm/pkg/node.d.ts"]) {
    const code = read(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.ok(!/\bany\b/.test(code), `${file} mentions any`);
  }
});

test("strict tsc accepts the right uses and rejects the wrong ones", () => {
  const tsc = spawnSync(process.execPath, [`${HERE}node_modules/typescript/bin/tsc`, "-p", `${HERE}tsconfig.json`], { encoding: "utf8" });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

/** The fields an interface of index.d.ts declares: name → optional. */
function declared(name) {
  const dts = read("bindings/wasm/pkg/index.d.ts");
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name}`);
  const body = dts.slice(start, dts.indexOf("\n}\n", start));
  const fields = new Map();
  for (const m of body.matchAll(/^ {2}(\w+)(\??):/gm)) fields.set(m[1], m[2] === "?");
  return fields;
}

/** Every key of each object is declared, and every required field is there. */
function conforms(name, objects) {
  const fields = declared(name);
  assert.ok(objects.length > 0, name);
  const seen = new Set();
  for (const o of objects) {
    for (const k of Object.keys(o)) {
      assert.ok(fields.has(k), `${name}.${k} is in the output but not in index.d.ts`);
      seen.add(k);
    }
    for (const [k, optional] of fields) if (!optional) assert.ok(k in o, `${name}.${k} is required in index.d.ts but missing`);
  }
  return seen;
}

test("the declared interfaces match what the package returns on the bundled sample", async () => {
  const { full: kesher } = await import("./helpers.mjs");
  const { cases } = kesher.readCases(read("examples/data/ibm-twitter-care-dev.json"));
  const contracts = JSON.parse(read("examples/data/contracts.json"));
  const engine = new kesher.SlaEngine(contracts);
  const now = "2020-04-03T00:00:00Z";
  const slas = cases.map((c) => engine.evaluate(c, now));
  const journeys = cases.map((c, i) => kesher.buildJourney(c, now, { sla: slas[i] }));
  const patterns = new kesher.PatternBuilder();
  journeys.forEach((j) => patterns.add(j));
  conforms("Case", cases);
  conforms("CaseFacts", cases.map((c) => c.facts));
  conforms("Interaction", cases.flatMap((c) => c.log));
  conforms("CaseSla", slas);
  conforms("TargetReport", slas.flatMap((s) => s.targets));
  conforms("Journey", journeys);
  conforms("JourneyPoint", journeys.flatMap((j) => j.points));
  conforms("TurningPoint", journeys.flatMap((j) => kesher.turningPoints(j)));
  conforms("CriticalPoints", journeys.map((j) => kesher.criticalPoints(j)));
  const ps = patterns.finish();
  conforms("Pattern", ps);
  conforms("StageSummary", ps.flatMap((p) => p.stages));
  conforms("StageTrouble", ps.flatMap((p) => p.trouble));
  conforms("Statement", engine.statements("he"));
  conforms("ChannelCoverage", engine.coverage({ twitter: 3, email: 1 }));
  conforms("Acknowledgement", [engine.acknowledgement("social", now)]);
  const metrics = kesher.serviceMetrics(cases, slas);
  conforms("ServiceMetrics", [metrics]);
  conforms("Distribution", [metrics.first_response, metrics.resolution]);
  conforms("Compliance", Object.values(metrics.sla));
  const problems = kesher.recurringProblems(cases);
  conforms("RecurringProblems", [problems]);
  conforms("ProblemCluster", problems.clusters);
  const { report } = kesher.buildReport(cases, { contracts, now });
  conforms("Report", [report]);
  conforms("SegmentReport", [report.totals, ...report.brands, ...report.channels]);
  conforms("FirstResponseHistogram", [report.totals.first_response_histogram]);
  conforms("RetentionEntry", [...report.retention.win_back, ...report.retention.word_of_mouth]);
  conforms("WhatIf", [kesher.whatIf(cases.slice(0, 30).map((c) => ({ case: c })), { twitter: 0.5 }, now)]);
  conforms("StageChange", kesher.whatIf(cases.slice(0, 30).map((c) => ({ case: c })), { twitter: 0.5 }, now).changes);
  const folded = kesher.foldEvents(read("tests/data/events-with-errors.jsonl"));
  conforms("FoldResult", [folded]);
  conforms("Rejection", folded.rejected);
  conforms("ReadResult", [kesher.readCases(read("tests/data/twcs-sample.csv"))]);
  const customer = JSON.parse(read("docs/examples/customer.json"));
  conforms("Customer", [kesher.checkCustomer(customer)]);
  conforms("LifetimeValue", [kesher.lifetimeValue(customer, "2025-06-01T00:00:00Z")]);
});

// Due times for 1,000,000 tickets in Node.js through the package's batch API (Float64Array of
// epoch milliseconds), against kesher's native Rust batch on the same tickets in the same run.
//
//   bash bindings/wasm/build.sh && node bindings/wasm/bench/due_times.mjs [n]
//
// The native side is `cargo run --release -p kesher-benches --example due_times` (best of five),
// which also writes the tickets, its answers and the calendar; this script times the package the
// after five warm-up calls (best of ten), checks every answer equals the native one, and prints
// both throughputs and their ratio; then the same tickets through single calls (`add` with a
// `Date` in and out). Targets: the batch at least half the native batch, single calls at least
// 5 million a second.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Calendar } from "../pkg/node.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const n = Number(process.argv[2] ?? 1_000_000);
const out = join(mkdtempSync(join(tmpdir(), "kesher-bench-")), "due.txt");

const cargo = spawnSync("cargo", ["run", "--quiet", "--release", "-p", "kesher-benches", "--example", "due_times", "--", String(n), "plain", out], { cwd: ROOT, encoding: "utf8" });
if (cargo.status !== 0) throw new Error(cargo.stderr);
const native = JSON.parse(cargo.stdout.trim().split("\n").at(-1));

const starts = new Float64Array(n);
const want = new Float64Array(n);
readFileSync(out, "utf8").trimEnd().split("\n").forEach((line, i) => {
  const [t, d] = line.split(" ");
  starts[i] = Number(t) * 1000;
  want[i] = Number(d) * 1000;
});
const calendar = new Calendar(JSON.parse(readFileSync(`${out}.calendar.json`, "utf8")));

// Warm-up: the first call compiles the calendar's table, and V8 first runs WebAssembly in its
// baseline compiler, moving hot functions to the optimizing one after some calls.
let due;
for (let run = 0; run < 5; run++) due = calendar.addMany(starts, 4 * 3600);
let best = Infinity;
for (let run = 0; run < 10; run++) {
  const t0 = process.hrtime.bigint();
  due = calendar.addMany(starts, 4 * 3600);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
let mismatches = 0;
for (let i = 0; i < n; i++) if (due[i] !== want[i]) mismatches++;

// Single calls, one Date in and one out per ticket (what a page does per ticket), on the same
// tickets: best of five passes after one warm-up pass.
const dates = Array.from(starts, (ms) => new Date(ms));
let singleBest = Infinity;
for (let run = 0; run < 6; run++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const u = calendar.add(dates[i], 4 * 3600);
    if (u.getTime() !== want[i]) mismatches++;
  }
  if (run > 0) singleBest = Math.min(singleBest, Number(process.hrtime.bigint() - t0) / 1e9);
}

const perSecond = n / best;
console.log(JSON.stringify({
  n,
  node: process.version,
  wasm_per_second: Math.round(perSecond),
  native_per_second: Math.round(native.per_second),
  ratio_to_native: Number((perSecond / native.per_second).toFixed(3)),
  single_per_second: Math.round(n / singleBest),
  single_ratio_to_batch: Number((n / singleBest / perSecond).toFixed(3)),
  mismatches,
  target_per_second: 5_000_000,
  meets_target: perSecond >= 5_000_000,
}));
if (mismatches) process.exit(1);

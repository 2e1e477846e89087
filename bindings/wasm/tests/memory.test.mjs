// Objects a program forgets to free() are released by the garbage collector (wasm-bindgen's
// FinalizationRegistry, `--weak-refs` in build.sh): 100,000 builders in a loop, never freed,
// keep memory bounded (issue 22: they once held 2.4 GiB).
import test from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import vm from "node:vm";
import { kesher } from "./helpers.mjs";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const settle = () => new Promise((resolve) => setImmediate(resolve));

const journey = {
  customer_id: "c",
  segment: "brand",
  points: [
    { at: "2025-01-05T09:00:00Z", stage: "first_contact", emotion: -0.2, source: "emotion_model" },
    { at: "2025-01-05T10:00:00Z", stage: "waiting", emotion: -0.6, source: "emotion_model" },
    { at: "2025-01-05T11:00:00Z", stage: "resolution", emotion: 0.4, source: "emotion_model" },
  ],
};

test("100,000 builders never freed keep memory bounded", async () => {
  const rss = () => process.memoryUsage().rss;
  // Warm up: the first thousands size the heap and the wasm memory.
  for (let i = 0; i < 10_000; i++) new kesher.PatternBuilder().add(journey);
  gc();
  await settle();
  const before = rss();
  for (let i = 0; i < 100_000; i++) {
    new kesher.PatternBuilder().add(journey);
    if (i % 5_000 === 4_999) {
      gc();
      await settle(); // finalizers run between turns of the event loop
    }
  }
  gc();
  await settle();
  const grown = (rss() - before) / 2 ** 20;
  // Unfreed and never collected they would hold well over a gigabyte.
  assert.ok(grown < 150, `resident memory grew by ${grown.toFixed(0)} MiB`);
});

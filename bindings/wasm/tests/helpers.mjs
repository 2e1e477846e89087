// Shared by the tests: the built package (bindings/wasm/pkg, made by build.sh) and repo paths.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
// The default entry (`kesher`) and the full one (`kesher/full`: importers, report, insight, live).
export const kesher = await import(new URL("../pkg/node.js", import.meta.url).href);
export const full = await import(new URL("../pkg/full/node.js", import.meta.url).href);

export const read = (path) => readFileSync(ROOT + path, "utf8");
export const readBytes = (path) => new Uint8Array(readFileSync(ROOT + path));
export const vectors = (name) => JSON.parse(read(`tests/vectors/${name}.json`)).vectors;

/** Every key of `expected` has the same value in `actual` (nested objects key by key). */
export function subset(assert, expected, actual, path) {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    for (const [k, v] of Object.entries(expected)) subset(assert, v, actual?.[k], `${path}.${k}`);
  } else if (typeof expected === "number") {
    assert.ok(Math.abs(expected - actual) < 1e-9, `${path}: ${actual} != ${expected}`);
  } else {
    assert.deepStrictEqual(actual, expected, path);
  }
}

/** Runs `fn`, which must throw a KesherError; gives it back. */
export function throwsKesher(assert, fn, kind, field) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof kesher.KesherError || e instanceof full.KesherError, `expected a KesherError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.ok(e instanceof Error);
    if (kind !== undefined) assert.equal(e.kind, kind, e.message);
    // Every error's kind is one of the core's kinds, and it has a value (text or null).
    assert.ok(kesher.errorKinds().includes(e.kind), `${e.kind} is not a kind of ErrorKind::ALL`);
    assert.ok(e.value === null || typeof e.value === "string", `value ${e.value}`);
    if (field !== undefined) assert.equal(e.field, field, e.message);
    return e;
  }
  assert.fail("expected a KesherError, nothing was thrown");
}

/**
 * Deep equality where numbers may differ in the last bits: WebAssembly has no libm, so Rust's
 * own `exp`/`ln` stand in for the C library's and can differ in the last place (1e-12 relative).
 */
export function closeDeep(assert, actual, expected, path = "") {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= 1e-12 * scale, `${path}: ${actual} != ${expected}`);
  } else if (expected !== null && typeof expected === "object") {
    assert.equal(typeof actual, "object", path);
    assert.notEqual(actual, null, path);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const k of Object.keys(expected)) closeDeep(assert, actual[k], expected[k], `${path}.${k}`);
  } else {
    assert.equal(actual, expected, path);
  }
}

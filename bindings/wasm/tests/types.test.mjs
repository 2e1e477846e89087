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

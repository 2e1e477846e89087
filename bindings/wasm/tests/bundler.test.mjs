// The package through a bundler: Vite builds a page that imports "kesher"; the .wasm and the
// text model become assets of the bundle, and the built page answers in headless chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium } from "playwright-core";
import { ROOT } from "./helpers.mjs";
import { serve } from "../../../examples/browser/serve.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const OUT = `${ROOT}target/vite-bundle/`;
const CHROMIUM = process.env.CHROMIUM ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

test("Vite bundles the package with its .wasm, and the bundle runs in chromium", async () => {
  rmSync(OUT, { recursive: true, force: true });
  await build({
    root: `${HERE}bundler`,
    base: "./",
    logLevel: "silent",
    configFile: false,
    resolve: { alias: { kesher: `${HERE}../pkg/index.js` } },
    build: { outDir: OUT, emptyOutDir: true, target: "es2022" },
  });
  const assets = readdirSync(`${OUT}assets`);
  const wasm = assets.find((f) => f.endsWith(".wasm"));
  assert.ok(wasm, `no .wasm among ${assets}`);
  assert.deepEqual(readFileSync(`${OUT}assets/${wasm}`), readFileSync(`${HERE}../pkg/kesher_wasm_bg.wasm`));
  // The text model too, as assets of their own.
  for (const name of ["english", "hebrew"]) {
    const tsv = assets.find((f) => f.startsWith(name) && f.endsWith(".tsv"));
    assert.ok(tsv, `no ${name} .tsv among ${assets}`);
    assert.deepEqual(readFileSync(`${OUT}assets/${tsv}`), readFileSync(`${HERE}../pkg/text/${name}.tsv`));
  }

  const { url, server } = await serve(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}target/vite-bundle/index.html`);
    await page.waitForFunction(() => document.getElementById("out")?.textContent !== "", null, { timeout: 30_000 });
    assert.equal(await page.textContent("#out"), "2025-01-03T10:00:00.000Z true positive");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

// kesher for Node.js: the WebAssembly module and the text scorer's model load when this module
// is imported.
import { readFileSync } from "node:fs";
import { initSync } from "./kesher_wasm.js";
import { installTextModel, textModelInstalled } from "./api.js";

initSync({ module: readFileSync(new URL("./kesher_wasm_bg.wasm", import.meta.url)) });
if (!textModelInstalled()) {
  installTextModel(
    readFileSync(new URL("./text/english.tsv", import.meta.url), "utf8"),
    readFileSync(new URL("./text/hebrew.tsv", import.meta.url), "utf8"),
  );
}

export * from "./api.js";

/** Already done in Node.js (the module loads on import); kept so code runs in both. */
export function init() {
  return Promise.resolve();
}

// kesher for Node.js: the WebAssembly module is loaded when this module is imported.
import { readFileSync } from "node:fs";
import { initSync } from "./kesher_wasm.js";

initSync({ module: readFileSync(new URL("./kesher_wasm_bg.wasm", import.meta.url)) });

export * from "./api.js";

/** Already done in Node.js (the module loads on import); kept so code runs in both. */
export function init() {
  return Promise.resolve();
}

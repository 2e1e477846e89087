// kesher for browsers and bundlers: `await init()` once, then use the API.
import initWasm from "./kesher_wasm.js";

export * from "./api.js";

let ready;

/**
 * Loads the WebAssembly module (by default `kesher_wasm_bg.wasm` next to this file; pass a URL,
 * a `Response`, bytes or a compiled `WebAssembly.Module` to load it from elsewhere).
 */
export function init(source) {
  ready ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(() => undefined);
  return ready;
}

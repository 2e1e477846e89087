// kesher for browsers and bundlers: `await init()` once, then use the API.
import initWasm from "./kesher_wasm.js";
import { installTextModel, textModelInstalled } from "./api.js";

export * from "./api.js";

let ready;

/**
 * Loads the WebAssembly module (by default `kesher_wasm_bg.wasm` next to this file; pass a URL,
 * a `Response`, bytes or a compiled `WebAssembly.Module` to load it from elsewhere) and the
 * text scorer's lexicon and model (`text/english.tsv`, `text/hebrew.tsv`, fetched at the same
 * time; `{ textModel: { english, hebrew } }` gives other URLs, `{ textModel: false }` skips them:
 * then the scorer reads only its support words until `installTextModel` is called).
 */
export function init(source, options = {}) {
  // A failed load (a network error) can be tried again.
  ready ??= load(source, options.textModel).catch((e) => {
    ready = undefined;
    throw e;
  });
  return ready;
}

async function load(source, textModel) {
  const where = textModel ?? {
    english: new URL("./text/english.tsv", import.meta.url),
    hebrew: new URL("./text/hebrew.tsv", import.meta.url),
  };
  // Both fetched at once; when a file fails, the error names the first failed in this order
  // (the English lexicon, then the Hebrew model), whichever answered first.
  const texts = where === false ? null : Promise.allSettled([fetchText(where.english), fetchText(where.hebrew)]).then((results) => {
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    return results.map((r) => r.value);
  });
  // Not left unhandled while the module loads; awaited below.
  texts?.catch(() => {});
  await initWasm(source === undefined ? undefined : { module_or_path: source });
  if (texts && !textModelInstalled()) {
    const [english, hebrew] = await texts;
    installTextModel(english, hebrew);
  }
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`kesher: the text model ${url} could not be loaded (HTTP ${response.status})`);
  }
  return response.text();
}

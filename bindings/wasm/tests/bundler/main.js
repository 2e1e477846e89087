// A bundled application's use of the package (built by Vite in tests/bundler.test.mjs).
import { init, Calendar, readMessages, textModelInstalled } from "kesher";

await init();
const due = new Calendar("israel").add("2025-01-02T14:00:00Z", 4 * 3600);
// "fine" is a word of the lexicon only: the text model came through the bundle.
const [fine] = readMessages(["works fine"], { lang: "en" });
document.getElementById("out").textContent = `${due.toISOString()} ${textModelInstalled()} ${fine.sentiment}`;

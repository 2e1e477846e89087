// A bundled application's use of the package (built by Vite in tests/bundler.test.mjs).
import { init, Calendar } from "kesher";

await init();
const due = new Calendar("israel").add("2025-01-02T14:00:00Z", 4 * 3600);
document.getElementById("out").textContent = due.toISOString();

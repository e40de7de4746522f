// The tests drive the same Chromium launch as the benchmark (bench/web/chromium.ts).
export { CHROMIUM, NEEDS_CHROMIUM, collectErrors, launchChromium, type ChromiumSession } from "../../bench/web/chromium.js";

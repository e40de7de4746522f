// docs/examples/browser-embed.html, the documented minimal embedding of `manycast/browser`, in
// Chromium: served from the checkout as the page says, it runs the engine over the bundled capture
// and shows what `manycast replay` would (every one of the 90 frames in and out, a node-9 trace).
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWith } from "../support/requirements.js";
import { collectErrors, launchChromium, NEEDS_CHROMIUM, type ChromiumSession } from "../support/chromium.js";
import { serveWeb, type WebServer } from "../../src/io/web-server.js";

const ROOT = join(import.meta.dirname, "..", "..");

describeWith(NEEDS_CHROMIUM, "the documented embedding in Chromium", () => {
  let chromium: ChromiumSession;
  let web: WebServer;

  beforeAll(async () => {
    web = await serveWeb(ROOT, "127.0.0.1", 0);
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await web?.close();
  });

  it("runs the engine from docs/examples/browser-embed.html with no console errors", async () => {
    const page = await chromium.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${web.url}docs/examples/browser-embed.html`);
    await page.waitForFunction(() => document.querySelector("#out")?.textContent?.includes("packets in"), null, { timeout: 30_000 });
    const text = (await page.textContent("#out")) ?? "";
    expect(text).toMatch(/packets in\s+90/);
    expect(text).toContain("vpp# show errors");
    expect(text).toContain("ID: 0x000009");
    expect(await page.locator("a[download]").count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

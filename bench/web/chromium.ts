// Debian's Chromium (/usr/bin/chromium, package `chromium`) driven by playwright-core: headless,
// no sandbox (CI runs as root), nothing fetched from the network, a fresh profile per launch.
// `npx playwright install` cannot work on these machines; playwright-core 1.64 drives Chromium 156.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
/** What a test needs to run it (test/support/requirements.ts reads this shape). */
interface Requirements {
  tool?: string[];
}

export const CHROMIUM = process.env.MANYCAST_CHROMIUM ?? "/usr/bin/chromium";
export const NEEDS_CHROMIUM: Requirements = { tool: [CHROMIUM] };

export interface ChromiumSession {
  context: BrowserContext;
  /** The fresh profile directory (every process of this browser names it). */
  profile: string;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), "mc-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    profile,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every console error and uncaught exception of a page, for "no console errors" checks. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`));
  return errors;
}

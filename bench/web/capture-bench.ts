// The browser part of `npm run bench`: a generated capture of 1,000,000 frames (the end-to-end
// benchmark's packet mix) opened in the page in Debian's Chromium through the file input, as a
// person would. Measured in the page (performance.now()): from choosing the file to the first
// decoded rows on screen, to every frame indexed (the status line says N packets), and to every
// frame's columns decoded; memory as the RSS of the renderer process that holds the page and its
// worker (sampled every 100 ms, peak and at the end) and of the whole browser.
import { readFileSync, readdirSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCapture } from "../end-to-end.js";
import { serveWeb, webRoot } from "../../src/io/web-server.js";
import { CHROMIUM, launchChromium } from "./chromium.js";

export interface WebCaptureReport {
  frames: number;
  captureBytes: number;
  chromium: string;
  firstRowsMs: number;
  indexedMs: number;
  decodedMs: number;
  /** The worker's own view: from the capture's arrival in the worker. */
  worker: { firstRows?: number; indexed?: number; decoded?: number };
  rendererRssPeakBytes: number;
  rendererRssEndBytes: number;
  browserRssPeakBytes: number;
  pageJsHeapBytes?: number;
}

function processes(): { pid: number; ppid: number; rss: number; cmd: string }[] {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ");
      out.push({ pid: Number(name), ppid, rss, cmd });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** RSS of the browser started with `profile`, in total and of its renderers. */
function browserMemory(profile: string): { total: number; renderer: number } {
  const all = processes();
  const roots = all.filter((p) => p.cmd.includes(profile) && !p.cmd.includes("--type="));
  const tree = new Set(roots.map((p) => p.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const members = all.filter((p) => tree.has(p.pid));
  const renderers = members.filter((p) => p.cmd.includes("--type=renderer"));
  return { total: members.reduce((n, p) => n + p.rss, 0), renderer: Math.max(0, ...renderers.map((p) => p.rss)) };
}

export async function runWebCaptureBench(frames: number): Promise<WebCaptureReport> {
  const dir = mkdtempSync(join(tmpdir(), "mc-web-bench-"));
  const capture = join(dir, `frames-${frames}.pcap`);
  const captureBytes = generateCapture(capture, frames);
  const web = await serveWeb(webRoot(), "127.0.0.1", 0);
  const chromium = await launchChromium();
  try {
    const page = await chromium.context.newPage();
    await page.goto(web.url);
    await page.waitForSelector("#capture-file", { state: "attached" });
    const version = chromium.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    let rendererPeak = 0;
    let browserPeak = 0;
    const sampler = setInterval(() => {
      const m = browserMemory(chromium.profile);
      rendererPeak = Math.max(rendererPeak, m.renderer);
      browserPeak = Math.max(browserPeak, m.total);
    }, 100);
    await page.setInputFiles("#capture-file", capture);
    await page.waitForFunction(
      () => (window as unknown as { manycast: { app: { marks: Record<string, number> } } }).manycast.app.marks.decoded !== undefined,
      null,
      { timeout: 600_000, polling: 250 },
    );
    clearInterval(sampler);
    const end = browserMemory(chromium.profile);
    const result = await page.evaluate(() => {
      const app = (
        window as unknown as {
          manycast: { app: { marks: Record<string, number>; captures: Map<string, { count: number; timings?: Record<string, number> }> } };
        }
      ).manycast.app;
      const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
      return {
        marks: app.marks,
        count: app.captures.get("input")?.count ?? 0,
        timings: app.captures.get("input")?.timings ?? {},
        heap,
        status: document.querySelector("#status")?.textContent ?? "",
      };
    });
    if (result.count !== frames) throw new Error(`the page indexed ${result.count} frames of ${frames} (${result.status})`);
    const since = (mark: string) => result.marks[mark] - result.marks.open;
    return {
      frames,
      captureBytes,
      chromium: version,
      firstRowsMs: since("first-rows"),
      indexedMs: since("indexed"),
      decodedMs: since("decoded"),
      worker: result.timings,
      rendererRssPeakBytes: Math.max(rendererPeak, end.renderer),
      rendererRssEndBytes: end.renderer,
      browserRssPeakBytes: Math.max(browserPeak, end.total),
      ...(result.heap !== undefined ? { pageJsHeapBytes: result.heap } : {}),
    };
  } finally {
    await chromium.close();
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatWebCaptureReport(r: WebCaptureReport): string {
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `browser: ${r.frames} frames (${mib(r.captureBytes)} pcap) opened through the file input in ${CHROMIUM} (${r.chromium})`,
    `  first decoded rows on screen  ${s(r.firstRowsMs)}`,
    `  every frame indexed           ${s(r.indexedMs)}  (the status line says ${r.frames} packets)`,
    `  every frame's columns decoded ${s(r.decodedMs)}`,
    `  renderer RSS (page + worker)  peak ${mib(r.rendererRssPeakBytes)}, at the end ${mib(r.rendererRssEndBytes)}; whole browser peak ${mib(r.browserRssPeakBytes)}`,
  ].join("\n");
}

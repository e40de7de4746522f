// The page in a real browser: Debian's Chromium driven by playwright-core, the page served by
// `manycast web`'s server from dist/web (built by `npm install`). Checked against independent
// answers: tshark's frame count and IOAM node ids, `manycast replay`'s output file byte for byte,
// and the simulation's choice. A screenshot of each view goes to out/web/ (the test prints each path).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeWith, NEEDS } from "../support/requirements.js";
import { collectErrors, launchChromium, NEEDS_CHROMIUM, type ChromiumSession } from "../support/chromium.js";
import { serveWeb, webRoot, type WebServer } from "../../src/io/web-server.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SAMPLE = join(ROOT, "examples", "sample.pcapng");
const CLIENTS = join(ROOT, "examples", "manycast", "clients.pcap");
const ENCAP = join(ROOT, "examples", "ioam-guide", "encap-trace.conf");
const SHOTS = resolve(ROOT, "out", "web");

function tshark(file: string, ...args: string[]): string[] {
  return execFileSync("tshark", ["-r", file, ...args], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l !== "");
}

describeWith({ tool: [...(NEEDS_CHROMIUM.tool ?? []), ...(NEEDS.tshark.tool ?? [])] }, "the page in Chromium", () => {
  let chromium: ChromiumSession;
  let web: WebServer;
  let page: Page;
  let errors: string[];
  const scratch = mkdtempSync(join(tmpdir(), "mc-web-"));

  beforeAll(async () => {
    web = await serveWeb(webRoot(), "127.0.0.1", 0);
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    errors = collectErrors(page);
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await web?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function screenshot(view: string): Promise<void> {
    const path = join(SHOTS, `${view}.png`);
    await page.screenshot({ path, fullPage: false });
    console.log(`screenshot of the ${view} view: ${path}`);
  }

  async function showView(name: string): Promise<void> {
    await page.click(`#tab-${name}`);
    await page.waitForSelector(`#panel-${name}:not([hidden])`);
  }

  it("loads with no console errors, tabs and list carrying their ARIA roles", async () => {
    await page.goto(web.url);
    await page.waitForSelector("[role=tablist] [role=tab][aria-selected=true]");
    expect(await page.locator("[role=tab]").count()).toBe(5);
    expect(await page.locator("#panel-capture [role=grid]").count()).toBe(1);
    expect(await page.locator("#panel-capture [role=tree]").count()).toBe(1);
    // Keyboard: the arrow keys walk the tabs.
    await page.focus("#tab-capture");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#tab-engine", "aria-selected")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    expect(await page.getAttribute("#tab-capture", "aria-selected")).toBe("true");
    expect(errors).toEqual([]);
  });

  it("opens a capture from the file input and says tshark's frame count in the status line", async () => {
    const frames = tshark(SAMPLE, "-T", "fields", "-e", "frame.number").length;
    await page.setInputFiles("#capture-file", SAMPLE);
    await page.waitForFunction(
      (n) => document.querySelector("#status")?.textContent?.includes(`${n} packets`) && !document.querySelector("#status")?.textContent?.includes("decoding"),
      frames,
      { timeout: 20_000 },
    );
    expect(await page.textContent("#status")).toContain(`sample.pcapng · ${frames} packets`);
    await page.waitForSelector(".pl-body [role=row]");
    expect(await page.locator(".pl-body [role=row]").first().locator("[role=gridcell]").nth(0).textContent()).toBe("1");
    // Keyboard: the list takes the arrow keys and End; the detail tree follows the selection.
    await page.click(".pl-body [role=row]");
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector('.pl-row[aria-selected="true"][aria-rowindex="3"]');
    await page.keyboard.press("End");
    await page.waitForSelector(`.pl-row[aria-selected="true"][aria-rowindex="${frames + 1}"]`);
    await page.waitForFunction((n) => document.querySelector("#panel-capture [role=tree] .dt-label")?.textContent?.startsWith(`Frame ${n}:`), frames);
  });

  it("opens a capture dropped on the view", async () => {
    const bytes = [...readFileSync(CLIENTS)];
    const drop = await page.evaluateHandle((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], "dropped.pcap"));
      return transfer;
    }, bytes);
    await page.dispatchEvent("#panel-capture", "drop", { dataTransfer: drop });
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("dropped.pcap · 18 packets"), null, { timeout: 10_000 });
    await page.setInputFiles("#capture-file", SAMPLE);
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("sample.pcapng"), null, { timeout: 10_000 });
  });

  it("shows the IOAM node ids tshark shows when an IOAM packet is clicked, and highlights their bytes", async () => {
    const lines = tshark(SAMPLE, "-Y", "ipv6.opt.ioam.trace.node.id", "-T", "fields", "-e", "frame.number", "-e", "ipv6.opt.ioam.trace.node.id");
    // A packet with two nodes in its trace, if there is one.
    const [number, ids] = (lines.find((l) => l.includes(",")) ?? lines[0]).split("\t");
    await page.fill("#display-filter", `frame.number == ${number}`);
    await page.press("#display-filter", "Enter");
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("1 displayed"), null, { timeout: 20_000 });
    await page.waitForFunction((n) => document.querySelector(".pl-body [role=row] [role=gridcell]")?.textContent === n, number);
    await page.click(".pl-body [role=row]");
    await page.waitForSelector('[data-field="ipv6.opt.ioam.trace.node.id"]', { state: "attached" });
    const shown = await page.$$eval('[data-field="ipv6.opt.ioam.trace.node.id"]', (els) => els.map((e) => e.getAttribute("data-value")));
    expect(shown.join(",")).toBe(ids);
    // Choosing the field in the tree highlights its three octets in the hex pane.
    await page.evaluate(() =>
      (window as unknown as { manycast: { capture: { tree: { reveal(f: string): unknown } } } }).manycast.capture.tree.reveal("ipv6.opt.ioam.trace.node.id"),
    );
    const highlighted = await page.$$eval(".hx-byte.hl", (els) => els.map((e) => e.textContent).join(""));
    expect(`0x${highlighted}`).toBe(ids.split(",")[0]);
    await screenshot("capture");
    // The filter on a field value, as in the issue: the node id filter keeps exactly tshark's packets.
    const withNode2 = tshark(SAMPLE, "-Y", "ipv6.opt.ioam.trace.node.id == 0x000002").length;
    await page.fill("#display-filter", "ipv6.opt.ioam.trace.node.id == 0x000002");
    await page.press("#display-filter", "Enter");
    await page.waitForFunction(
      (n) =>
        document.querySelector("#status")?.textContent?.includes(`${n} displayed`) && !document.querySelector("#status")?.textContent?.includes("decoding"),
      withNode2,
      { timeout: 20_000 },
    );
  });

  it("runs the iOAM guide's encapsulating config and downloads the same capture `manycast replay` writes", async () => {
    const expected = join(scratch, "cli.pcap");
    execFileSync(process.execPath, [
      join(ROOT, "bin", "manycast.js"),
      "replay",
      "-q",
      "--interface",
      "GigabitEthernet0/0/0",
      "-c",
      ENCAP,
      "--in",
      CLIENTS,
      "--out",
      expected,
    ]);
    await page.setInputFiles("#capture-file", CLIENTS);
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("clients.pcap · 18 packets"), null, { timeout: 20_000 });
    await showView("engine");
    await page.selectOption("#config-preset", "encap-trace");
    expect(await page.inputValue("#rx-interface")).toBe("GigabitEthernet0/0/0");
    await page.click("#run-engine");
    await page.waitForFunction(() => document.querySelector("#run-summary")?.textContent?.includes("packets out"), null, { timeout: 30_000 });
    expect(await page.textContent("#run-summary")).toMatch(/packets in\s+18\npackets out\s+18/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-pcap")]);
    const got = join(scratch, "page.pcap");
    await download.saveAs(got);
    expect(readFileSync(got).equals(readFileSync(expected))).toBe(true);
    // The console: the same CLI, with completion.
    await page.fill("#console-input", "sh err");
    await page.press("#console-input", "Tab");
    await page.waitForFunction(() => (document.querySelector("#console-input") as HTMLInputElement).value === "sh error", null, { timeout: 5_000 });
    await page.fill("#console-input", "show errors");
    await page.press("#console-input", "Enter");
    await page.waitForFunction(() => document.querySelector("#console-log")?.textContent?.includes("ip6-add-hop-by-hop"), null, { timeout: 10_000 });
    await screenshot("engine");
  });

  it("gives a Proof of Transit verdict per packet after the guide's encap and transit POT nodes", async () => {
    await page.selectOption("#config-preset", "encap-pot");
    await page.click("#run-engine");
    await page.waitForFunction(() => document.querySelector("#run-summary")?.textContent?.includes("packets out"), null, { timeout: 30_000 });
    await page.click("#chain-output");
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("output of clients.pcap"), null, { timeout: 10_000 });
    await page.selectOption("#config-preset", "transit-pot");
    await page.click("#run-engine");
    await page.waitForFunction(() => document.querySelector("#run-summary")?.textContent?.includes("packets out"), null, { timeout: 30_000 });
    await showView("ioam");
    await page.selectOption("#ioam-capture", "output");
    await page.click("#ioam-analyse");
    await page.waitForFunction(() => document.querySelector("#ioam-note")?.textContent?.includes("in policy"), null, { timeout: 20_000 });
    expect(await page.textContent("#ioam-note")).toContain("18 of 18 packets in policy");
    expect(await page.locator("#panel-ioam td.ok").count()).toBe(18);
  });

  it("draws the SRv6 view's segment list for the kernel's headend packets", async () => {
    await page.setInputFiles("#capture-file", SAMPLE);
    await page.waitForFunction(
      () => document.querySelector("#status")?.textContent?.includes("sample.pcapng") && !document.querySelector("#status")?.textContent?.includes("decoding"),
      null,
      { timeout: 20_000 },
    );
    const srh = tshark(SAMPLE, "-Y", "ipv6.routing.srh.addr").length;
    await showView("srv6");
    await page.click("#srv6-analyse");
    await page.waitForFunction((n) => document.querySelector("#panel-srv6 .note")?.textContent?.startsWith(`${n} packets`), srh, { timeout: 20_000 });
    expect(await page.locator("#srv6-path .srv6-node").count()).toBeGreaterThan(1);
    await screenshot("srv6");
  });

  it("simulates M-Anycast from a shared URL and says db08::1 is chosen for delays 5,1,9", async () => {
    await page.goto(`${web.url}?simulate&delays=5,1,9&loads=50,50,50&policy=oneway`);
    await page.waitForFunction(() => document.querySelector("#sim-chosen")?.textContent?.startsWith("chosen:"), null, { timeout: 60_000 });
    expect(await page.textContent("#sim-chosen")).toMatch(/^chosen: db08::1\b/);
    expect(page.url()).toContain("?simulate&delays=5,1,9&loads=50,50,50&policy=oneway");
    expect(await page.locator("#sim-topology .topo-node.winner").count()).toBe(2);
    await page.fill("#sim-scrubber", "5");
    await page.locator("#sim-scrubber").dispatchEvent("input");
    expect(await page.locator("#sim-topology .packet-dot").count()).toBeGreaterThan(0);
    expect(await page.locator("#sim-sequence line").count()).toBeGreaterThan(3);
    await screenshot("manycast");
  });

  it("draws per-hop delays of the simulation's IOAM traces as a waterfall and a chart", async () => {
    await showView("ioam");
    await page.selectOption("#ioam-capture", "simulation");
    await page.selectOption("#vpp-precision", "2"); // the simulation's nodes stamp with trace-tsp 2 (µs)
    await page.click("#ioam-analyse");
    await page.waitForFunction(() => document.querySelector("#ioam-note")?.textContent?.includes("packets with IOAM"), null, { timeout: 20_000 });
    // M's SYN reaches each edge after that edge's one-way delay: 5, 1 and 9 ms.
    const stats = await page.textContent("#panel-ioam .ioam-stats");
    for (const us of ["5000.0", "1000.0", "9000.0"]) expect(stats).toContain(us);
    expect(await page.locator("#panel-ioam .ioam-chart canvas").count()).toBeGreaterThan(0);
    expect(await page.locator("#waterfall .wf-bar").count()).toBeGreaterThan(1);
    await screenshot("ioam");
    expect(errors).toEqual([]);
  });
});

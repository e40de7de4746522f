// The IOAM view: every packet's path (node ids, hop limits, interfaces) as a waterfall of per-hop
// delays, per-path delay statistics with a chart (uPlot), and a Proof of Transit verdict per
// packet from the engine's own verifier.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h, svg, clear, viewSection } from "../ui/dom.js";
import type { App, View } from "../app.js";
import type { IoamPacket, IoamReport } from "../protocol.js";
import { VERIFIER_CONFIG } from "../examples.js";

const PRECISIONS = ["seconds", "milliseconds", "microseconds", "nanoseconds"];
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"];

export class IoamView implements View {
  readonly name = "ioam";
  readonly title = "IOAM";
  readonly element: HTMLElement;
  private readonly precision: HTMLSelectElement;
  private readonly verifier: HTMLTextAreaElement;
  private readonly note: HTMLElement;
  private readonly stats: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly packets: HTMLElement;
  private readonly waterfall: HTMLElement;
  private plot: uPlot | undefined;
  report: IoamReport | undefined;

  constructor(private readonly app: App) {
    app.onCurrent(() => (this.report = undefined));
    this.precision = h(
      "select",
      { id: "vpp-precision", "aria-label": "Unit of VPP trace timestamps (trace-tsp)" },
      ...PRECISIONS.map((p, i) => h("option", { value: i }, `VPP timestamps in ${p}`)),
    ) as HTMLSelectElement;
    this.precision.value = "1";
    this.verifier = h("textarea", {
      id: "pot-verifier",
      class: "small-editor",
      spellcheck: false,
      "aria-label": "Proof of Transit verifier config",
    }) as HTMLTextAreaElement;
    this.verifier.value = VERIFIER_CONFIG;
    this.note = h("p", { class: "note", role: "status", id: "ioam-note" });
    this.stats = h("div", { class: "ioam-stats" });
    this.chart = h("div", { class: "ioam-chart", role: "img", "aria-label": "End-to-end delay per packet, per path" });
    this.packets = h("div", { class: "ioam-packets" });
    this.waterfall = h("div", { class: "waterfall", id: "waterfall", role: "img", "aria-label": "Per-hop delay waterfall" });
    this.element = viewSection(
      { className: "ioam-view", label: "IOAM" },
      [
        app.captureSelector("ioam-capture"),
        h("button", { type: "button", id: "ioam-analyse", class: "primary", onclick: () => void this.analyse() }, "Analyse the shown capture"),
        this.precision,
      ],
      h("details", {}, h("summary", {}, "Proof of Transit verifier (the engine's verifier, configured with this)"), this.verifier),
      this.note,
      h(
        "div",
        { class: "ioam-grid" },
        h("div", {}, h("h3", {}, "Paths"), this.stats, this.chart),
        h("div", {}, h("h3", {}, "Packets"), this.packets, h("h3", {}, "Waterfall"), this.waterfall),
      ),
    );
  }

  async analyse(): Promise<IoamReport> {
    this.note.textContent = "analysing…";
    const report = await this.app.client.call<IoamReport>({
      method: "ioam",
      id: this.app.current,
      verifier: this.verifier.value,
      vppPrecision: Number(this.precision.value),
    });
    this.report = report;
    const name = this.app.captures.get(this.app.current)?.name ?? this.app.current;
    this.note.textContent = `${name}: ${report.total} packets with IOAM${report.packets.length < report.total ? ` (the first ${report.packets.length} listed)` : ""}; Proof of Transit: ${report.verifier}`;
    this.drawStats(report);
    this.drawPackets(report);
    // The first packet with the longest path is the most telling one to start with.
    const longest = report.packets.reduce<IoamPacket | undefined>((best, p) => (!best || p.hops.length > best.hops.length ? p : best), undefined);
    if (longest) this.drawWaterfall(longest);
    else clear(this.waterfall);
    return report;
  }

  private drawStats(report: IoamReport): void {
    const table = h(
      "table",
      { class: "data" },
      h("thead", {}, h("tr", {}, h("th", {}, "path (node ids)"), h("th", {}, "packets"), h("th", {}, "per-hop delay min / mean / max (µs)"))),
    );
    const body = h("tbody");
    for (const p of report.paths) {
      const hops = p.hopDelaysUs.map((d) => `${d.min.toFixed(1)} / ${d.mean.toFixed(1)} / ${d.max.toFixed(1)}`).join(" · ") || "no timestamps";
      body.append(h("tr", {}, h("td", {}, p.path), h("td", {}, String(p.packets)), h("td", {}, hops)));
    }
    table.append(body);
    this.stats.replaceChildren(table);
    this.plot?.destroy();
    this.plot = undefined;
    clear(this.chart);
    const series = report.paths.filter((p) => p.series.length > 0);
    if (series.length === 0) {
      this.chart.append(h("p", { class: "note" }, "No path carries timestamps at every hop: nothing to chart."));
      return;
    }
    // One x axis (frame number) shared by every path; a path's gaps are nulls.
    const xs = [...new Set(series.flatMap((p) => p.series.map((s) => s.index + 1)))].sort((a, b) => a - b);
    const at = new Map(xs.map((x, i) => [x, i]));
    const ys = series.map((p) => {
      const y: (number | null)[] = xs.map(() => null);
      for (const s of p.series) y[at.get(s.index + 1)!] = s.totalUs;
      return y;
    });
    this.plot = new uPlot(
      {
        width: Math.max(320, this.chart.clientWidth || 520),
        height: 220,
        title: "End-to-end delay by frame (µs)",
        scales: { x: { time: false } },
        axes: [{ label: "frame" }, { label: "µs" }],
        series: [
          { label: "frame" },
          ...series.map((p, i) => ({ label: p.path, stroke: PALETTE[i % PALETTE.length], points: { show: true, size: 4 }, spanGaps: false })),
        ],
      },
      [xs, ...ys] as uPlot.AlignedData,
      this.chart,
    );
  }

  private drawPackets(report: IoamReport): void {
    const table = h(
      "table",
      { class: "data", role: "grid", "aria-label": "IOAM packets" },
      h("thead", {}, h("tr", {}, h("th", {}, "No."), h("th", {}, "format"), h("th", {}, "path"), h("th", {}, "Proof of Transit"))),
    );
    const body = h("tbody");
    for (const p of report.packets.slice(0, 500)) {
      const row = h(
        "tr",
        { tabindex: 0, class: "clickable", "data-index": p.index },
        h("td", {}, String(p.index + 1)),
        h("td", {}, p.format === "vpp" ? "VPP 0x3B" : `RFC 9197 ns ${p.namespace ?? "?"}`),
        h("td", {}, p.path || "—"),
        h("td", { class: p.pot ? (p.pot.verdict === "in policy" ? "ok" : p.pot.verdict === "out of policy" ? "bad" : "") : "" }, p.pot ? p.pot.verdict : "—"),
      );
      const choose = () => this.drawWaterfall(p);
      row.addEventListener("click", choose);
      row.addEventListener("keydown", (e) => e.key === "Enter" && choose());
      body.append(row);
    }
    table.append(body);
    this.packets.replaceChildren(table);
  }

  /** One packet's hops as a waterfall: each hop a bar from the previous hop's timestamp to its own. */
  drawWaterfall(p: IoamPacket): void {
    clear(this.waterfall);
    const stamped = p.hops.every((hop) => hop.timeNs !== undefined) && p.hops.length > 0;
    const t0 = stamped ? p.hops[0].timeNs! : 0;
    const span = stamped ? Math.max(1, p.hops[p.hops.length - 1].timeNs! - t0) : 1;
    const width = 560;
    const rowH = 26;
    const left = 210;
    const total = width + left + 90;
    const heightPx = p.hops.length * rowH + 30;
    const chart = svg("svg", { viewBox: `0 0 ${total} ${heightPx}`, width: "100%", style: `max-width: ${total}px`, class: "waterfall-svg" });
    chart.append(
      svg(
        "text",
        { x: 0, y: 14, class: "wf-title" },
        `frame ${p.index + 1}: ${p.hops.length} hops${stamped ? `, ${(span / 1e3).toFixed(1)} µs end to end` : " (this trace type carries no timestamps)"}`,
      ),
    );
    p.hops.forEach((hop, k) => {
      const y = 24 + k * rowH;
      const ifs = hop.ingressIf !== undefined ? ` if ${hop.ingressIf}→${hop.egressIf}` : "";
      chart.append(svg("text", { x: 0, y: y + 15, class: "wf-label" }, `node 0x${hop.nodeId.toString(16).padStart(6, "0")} hlim ${hop.hopLimit}${ifs}`));
      if (stamped) {
        const prev = k === 0 ? t0 : p.hops[k - 1].timeNs!;
        const x = left + ((prev - t0) / span) * width;
        const w = Math.max(2, ((hop.timeNs! - prev) / span) * width);
        chart.append(svg("rect", { x, y: y + 3, width: w, height: rowH - 8, class: "wf-bar", fill: PALETTE[k % PALETTE.length] }));
        chart.append(svg("text", { x: x + w + 4, y: y + 15, class: "wf-delay" }, k === 0 ? "start" : `+${((hop.timeNs! - prev) / 1e3).toFixed(1)} µs`));
      } else {
        chart.append(svg("rect", { x: left + k * 24, y: y + 3, width: 18, height: rowH - 8, class: "wf-bar", fill: PALETTE[k % PALETTE.length] }));
      }
    });
    this.waterfall.append(chart);
    if (p.pot)
      this.waterfall.append(
        h("p", { class: "note" }, `Proof of Transit: ${p.pot.verdict} (profile ${p.pot.profile}, random ${p.pot.random}, cumulative ${p.pot.cumulative})`),
      );
  }

  shown(): void {
    if (!this.report && this.app.captures.has(this.app.current)) void this.analyse();
  }
}

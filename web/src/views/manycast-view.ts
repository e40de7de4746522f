// The M-Anycast view: `manycast simulate` in the page. Controls for delays, loads, policy, clients
// and connections; the guide's topology animated frame by frame (SYNs sprayed to every server
// edge, SYN-ACKs coloured by the delay M measured, the winner, RSTs to the losers, later packets
// pinned to the winner) with a timeline scrubber; a per-connection sequence diagram; the choice
// in words.
import { h, svg, clear, arrowMarker, viewSection } from "../ui/dom.js";
import type { App, View } from "../app.js";
import type { SimResult, SimSegmentEvent } from "../protocol.js";

export interface SimParams {
  delaysMs: number[];
  loads: number[];
  policy: string;
  clients: number;
  connections: number;
}

export const DEFAULT_SIM: SimParams = { delaysMs: [5, 1, 9], loads: [50, 50, 50], policy: "oneway", clients: 3, connections: 5 };
const POLICIES = ["oneway", "rtt", "load", "mix", "p2c"];
const KIND_COLOURS: Record<string, string> = {
  SYN: "#1f77b4",
  "SYN-ACK": "#e377c2",
  ACK: "#7f7f7f",
  DATA: "#2ca02c",
  FIN: "#9467bd",
  RST: "#d62728",
  other: "#aaa",
};

const numbers = (text: string) =>
  text
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n));

function delayColour(ms: number, min: number, max: number): string {
  const f = max > min ? (ms - min) / (max - min) : 0;
  return `hsl(${Math.round(120 - 120 * f)}, 70%, 40%)`;
}

export class ManycastView implements View {
  readonly name = "manycast";
  readonly title = "M-Anycast";
  readonly element: HTMLElement;
  private readonly inputs: Record<"delays" | "loads" | "clients" | "connections", HTMLInputElement>;
  private readonly policy: HTMLSelectElement;
  private readonly chosen: HTMLElement;
  private readonly topology: HTMLElement;
  private readonly scrubber: HTMLInputElement;
  private readonly clock: HTMLElement;
  private readonly sequence: HTMLElement;
  private readonly connectionSelect: HTMLSelectElement;
  private readonly story: HTMLElement;
  private positions = new Map<string, { x: number; y: number }>();
  private playing: number | undefined;
  result: SimResult | undefined;

  constructor(private readonly app: App) {
    const input = (id: string, label: string, value: string, size = 10) =>
      h("input", { id, value, size, "aria-label": label, spellcheck: false }) as HTMLInputElement;
    this.inputs = {
      delays: input("sim-delays", "One-way delay of each server edge, ms", DEFAULT_SIM.delaysMs.join(",")),
      loads: input("sim-loads", "Load each server edge reports", DEFAULT_SIM.loads.join(",")),
      clients: input("sim-clients", "Clients", String(DEFAULT_SIM.clients), 3),
      connections: input("sim-connections", "Connections per client", String(DEFAULT_SIM.connections), 3),
    };
    this.policy = h(
      "select",
      { id: "sim-policy", "aria-label": "Selection policy" },
      ...POLICIES.map((p) => h("option", { value: p }, p)),
    ) as HTMLSelectElement;
    this.chosen = h("p", { class: "chosen", id: "sim-chosen", role: "status", "aria-live": "polite" });
    this.topology = h("div", { class: "topology", id: "sim-topology", role: "img", "aria-label": "Simulated topology" });
    this.scrubber = h("input", { type: "range", min: 0, max: 0, value: 0, id: "sim-scrubber", "aria-label": "Timeline" }) as HTMLInputElement;
    this.scrubber.addEventListener("input", () => this.drawAt(Number(this.scrubber.value)));
    this.clock = h("span", { class: "sim-clock", "aria-live": "off" });
    this.connectionSelect = h("select", { id: "sim-connection", "aria-label": "Connection for the sequence diagram" }) as HTMLSelectElement;
    this.connectionSelect.addEventListener("change", () => this.drawSequence(this.connectionSelect.value));
    this.sequence = h("div", { class: "sequence", id: "sim-sequence", role: "img", "aria-label": "Sequence diagram" });
    this.story = h("pre", { class: "story" });
    this.element = viewSection(
      { className: "manycast-view", label: "M-Anycast", toolbarLabel: "Simulation" },
      [
        h("label", {}, "delays (ms) ", this.inputs.delays),
        h("label", {}, "loads ", this.inputs.loads),
        h("label", {}, "policy ", this.policy),
        h("label", {}, "clients ", this.inputs.clients),
        h("label", {}, "connections each ", this.inputs.connections),
        h("button", { type: "button", class: "primary", id: "sim-run", onclick: () => void this.run(this.params()) }, "Simulate"),
      ],
      this.chosen,
      h("div", { class: "timeline" }, h("button", { type: "button", id: "sim-play", onclick: () => this.togglePlay() }, "Play"), this.scrubber, this.clock),
      this.topology,
      h("div", { class: "toolbar" }, h("label", {}, "sequence diagram of ", this.connectionSelect)),
      this.sequence,
      h("details", {}, h("summary", {}, "The run as `manycast simulate` tells it"), this.story),
    );
  }

  params(): SimParams {
    return {
      delaysMs: numbers(this.inputs.delays.value),
      loads: numbers(this.inputs.loads.value),
      policy: this.policy.value,
      clients: Math.max(1, Number(this.inputs.clients.value) || 1),
      connections: Math.max(1, Number(this.inputs.connections.value) || 1),
    };
  }

  setParams(p: SimParams): void {
    this.inputs.delays.value = p.delaysMs.join(",");
    this.inputs.loads.value = p.loads.join(",");
    this.policy.value = p.policy;
    this.inputs.clients.value = String(p.clients);
    this.inputs.connections.value = String(p.connections);
  }

  async run(p: SimParams): Promise<SimResult | undefined> {
    this.setParams(p);
    if (p.delaysMs.length !== p.loads.length || p.delaysMs.length === 0) {
      this.chosen.textContent = `${p.delaysMs.length} delays but ${p.loads.length} loads: give one of each per server`;
      return undefined;
    }
    this.app.setUrl({ simulate: "", delays: p.delaysMs.join(","), loads: p.loads.join(","), policy: p.policy });
    this.chosen.textContent = "simulating…";
    try {
      this.result = await this.app.client.call<SimResult>({ method: "simulate", ...p });
    } catch (err) {
      this.chosen.textContent = (err as Error).message;
      return undefined;
    }
    const r = this.result;
    const first = r.connections.find((c) => c.server && !c.steeredBy);
    const measured = first
      ? Object.entries(first.delays)
          .map(([s, ms]) => `${s} ${ms} ms`)
          .join(", ")
      : "";
    this.chosen.textContent = r.chosen.length
      ? `chosen: ${r.chosen.join(", ")}. M sprayed each new client's SYN to all ${r.servers.length} servers, measured the SYN-ACKs (one-way: ${measured}) and, by policy ${r.options.policy}, kept ${r.chosen.join(", ")}; the losers got RSTs and later connections went straight there.`
      : "chosen: none (no connection was established)";
    this.story.textContent = r.story;
    this.connectionSelect.replaceChildren(
      ...r.connections.map((c) =>
        h("option", { value: c.key }, `${c.client} port ${c.clientPort} → ${c.server ?? "none"}${c.steeredBy ? " (pinned)" : " (sprayed)"}`),
      ),
    );
    this.layout(r);
    this.scrubber.max = String(Math.max(0, r.events.length - 1));
    this.scrubber.value = "0";
    this.drawAt(0);
    if (r.connections[0]) this.drawSequence(r.connections[0].key);
    return r;
  }

  private layout(r: SimResult): void {
    this.positions.clear();
    const n = r.servers.length;
    const height = Math.max(220, n * 80 + 40);
    const mid = height / 2;
    this.positions.set("clients", { x: 70, y: mid });
    this.positions.set("M", { x: 270, y: mid });
    r.servers.forEach((_, i) => {
      const y = 40 + (i * (height - 80)) / Math.max(1, n - 1 || 1) + (n === 1 ? (height - 80) / 2 : 0);
      this.positions.set(`E${i + 1}`, { x: 480, y });
      this.positions.set(`S${i + 1}`, { x: 690, y });
    });
  }

  private node(endpoint: string): string {
    return endpoint.split("/")[0];
  }

  private delayRange(): [number, number] {
    const all = this.result!.events.filter((e) => e.delayMs !== undefined).map((e) => e.delayMs!);
    return [Math.min(...all, Infinity), Math.max(...all, -Infinity)];
  }

  /** The topology at event k: the last few frames in flight along their links, the newest brightest. */
  drawAt(k: number): void {
    const r = this.result;
    if (!r) return;
    clear(this.topology);
    const height = Math.max(...[...this.positions.values()].map((p) => p.y)) + 60;
    const out = svg("svg", { width: 820, height, class: "topology-svg" });
    const winner = new Set(r.chosen);
    for (const link of r.links) {
      const a = this.positions.get(link.a);
      const b = this.positions.get(link.b);
      if (a && b) out.append(svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "topo-link" }));
    }
    for (const [name, p] of this.positions) {
      const edge = /^[ES](\d+)$/.exec(name);
      const server = edge ? r.servers[Number(edge[1]) - 1] : undefined;
      const isWinner = server !== undefined && winner.has(server);
      out.append(svg("circle", { cx: p.x, cy: p.y, r: 22, class: `topo-node${isWinner ? " winner" : ""}` }));
      out.append(svg("text", { x: p.x, y: p.y + 5, "text-anchor": "middle", class: "topo-name" }, name));
      if (name.startsWith("S") && server) {
        const i = Number(edge![1]) - 1;
        out.append(
          svg(
            "text",
            { x: p.x + 30, y: p.y + 5, class: "topo-sub" },
            `${server} · ${r.options.delaysMs[i]} ms · load ${r.options.loads[i]}${isWinner ? " · chosen" : ""}`,
          ),
        );
      }
    }
    const [min, max] = this.delayRange();
    const TRAIL = 8;
    const event = r.events[k];
    for (let j = Math.max(0, k - TRAIL + 1); j <= k; j++) {
      const e = r.events[j];
      const a = this.positions.get(this.node(e.from));
      const b = this.positions.get(this.node(e.to));
      if (!a || !b) continue;
      const age = k - j;
      // Frames of the same instant as the newest are all drawn mid-link: a spray is one instant.
      const t = e.timeNs === event.timeNs ? 0.55 : Math.max(0.15, 0.55 - age * 0.05);
      const x = a.x + (b.x - a.x) * t;
      const y = a.y + (b.y - a.y) * t;
      const colour = e.kind === "SYN-ACK" && e.delayMs !== undefined ? delayColour(e.delayMs, min, max) : (KIND_COLOURS[e.kind] ?? "#888");
      out.append(
        svg(
          "circle",
          { cx: x, cy: y, r: e.timeNs === event.timeNs ? 8 : 5, fill: colour, opacity: e.timeNs === event.timeNs ? 1 : 0.35, class: "packet-dot" },
          svg("title", {}, `${e.kind} ${e.from} → ${e.to}`),
        ),
      );
      if (e.timeNs === event.timeNs)
        out.append(svg("text", { x: x + 10, y: y - 10, class: "dot-label", fill: colour }, e.kind + (e.delayMs !== undefined ? ` ${e.delayMs} ms` : "")));
    }
    this.topology.append(out);
    const conn = r.connections.find((c) => c.key === event.connection);
    this.clock.textContent = `${(event.timeNs / 1e6).toFixed(3)} ms · frame ${k + 1} of ${r.events.length} · ${event.kind} ${event.from} → ${event.to}${conn ? ` · ${conn.client} port ${conn.clientPort}` : ""}`;
  }

  private togglePlay(): void {
    if (this.playing !== undefined) {
      clearInterval(this.playing);
      this.playing = undefined;
      return;
    }
    this.playing = window.setInterval(() => {
      const next = Number(this.scrubber.value) + 1;
      if (!this.result || next >= this.result.events.length) {
        clearInterval(this.playing);
        this.playing = undefined;
        return;
      }
      this.scrubber.value = String(next);
      this.drawAt(next);
    }, 120);
  }

  /** One connection's frames between the lanes (client, M, edges, servers), in time order. */
  drawSequence(key: string): void {
    const r = this.result;
    if (!r) return;
    clear(this.sequence);
    const lanes = r.nodes;
    const laneX = new Map(lanes.map((n, i) => [n, 60 + i * 95]));
    const events: SimSegmentEvent[] = r.events.filter((e) => e.connection === key);
    const rowH = 22;
    const out = svg("svg", { width: 60 + lanes.length * 95, height: 50 + events.length * rowH, class: "sequence-svg" });
    for (const [name, x] of laneX) {
      out.append(svg("text", { x, y: 16, "text-anchor": "middle", class: "lane-name" }, name));
      out.append(svg("line", { x1: x, y1: 24, x2: x, y2: 40 + events.length * rowH, class: "lane" }));
    }
    out.prepend(arrowMarker("seq-arrow", "#444"));
    const [min, max] = this.delayRange();
    const t0 = events[0]?.timeNs ?? 0;
    events.forEach((e, i) => {
      const x1 = laneX.get(this.node(e.from));
      const x2 = laneX.get(this.node(e.to));
      if (x1 === undefined || x2 === undefined) return;
      const y = 40 + i * rowH;
      const colour = e.kind === "SYN-ACK" && e.delayMs !== undefined ? delayColour(e.delayMs, min, max) : (KIND_COLOURS[e.kind] ?? "#888");
      out.append(svg("line", { x1, y1: y, x2, y2: y + 6, stroke: colour, "stroke-width": 2, "marker-end": "url(#seq-arrow)" }));
      out.append(
        svg(
          "text",
          { x: Math.min(x1, x2) + Math.abs(x2 - x1) / 2, y: y - 3, "text-anchor": "middle", class: "seq-label", fill: colour },
          `${e.kind}${e.delayMs !== undefined ? ` (${e.delayMs} ms)` : ""} +${((e.timeNs - t0) / 1e6).toFixed(1)} ms`,
        ),
      );
    });
    this.sequence.append(out);
    const c = r.connections.find((x) => x.key === key);
    if (c) this.sequence.append(h("p", { class: "note" }, c.line));
  }
}

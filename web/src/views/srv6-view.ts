// The SRv6 view: each packet's segment list drawn as the path it takes (Segment List[n] first,
// [0] last), the segments left to visit highlighted and the active one (the destination) marked.
import { h, svg, clear, arrowMarker, viewSection } from "../ui/dom.js";
import type { App, View } from "../app.js";
import type { Srv6Packet } from "../protocol.js";

export class Srv6View implements View {
  readonly name = "srv6";
  readonly title = "SRv6";
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly path: HTMLElement;
  private readonly note: HTMLElement;
  packets: Srv6Packet[] = [];

  constructor(private readonly app: App) {
    app.onCurrent(() => (this.packets = []));
    this.list = h("div", { class: "srv6-list" });
    this.path = h("div", { class: "srv6-path", id: "srv6-path", role: "img", "aria-label": "Segment list as a path" });
    this.note = h("p", { class: "note", role: "status" });
    this.element = viewSection(
      { className: "srv6-view", label: "SRv6" },
      [
        app.captureSelector("srv6-capture"),
        h("button", { type: "button", class: "primary", id: "srv6-analyse", onclick: () => void this.analyse() }, "Find segment routing headers"),
      ],
      this.note,
      this.path,
      this.list,
    );
  }

  async analyse(): Promise<void> {
    const { packets, total } = await this.app.client.call<{ packets: Srv6Packet[]; total: number }>({ method: "srv6", id: this.app.current });
    this.packets = packets;
    this.note.textContent = `${total} packets carry a segment routing header${packets.length < total ? ` (the first ${packets.length} listed)` : ""}.`;
    const table = h(
      "table",
      { class: "data", role: "grid", "aria-label": "Packets with an SRH" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", {}, "No."), h("th", {}, "source"), h("th", {}, "destination"), h("th", {}, "segments left"), h("th", {}, "segment list [0..n]")),
      ),
    );
    const body = h("tbody");
    for (const p of packets.slice(0, 500)) {
      const row = h(
        "tr",
        { tabindex: 0, class: "clickable" },
        h("td", {}, `${p.index + 1}${p.quoted ? " (quoted in an ICMPv6 error)" : ""}`),
        h("td", {}, p.src),
        h("td", {}, p.dst),
        h("td", {}, String(p.segmentsLeft)),
        h("td", {}, p.segments.join(", ")),
      );
      row.addEventListener("click", () => this.draw(p));
      row.addEventListener("keydown", (e) => e.key === "Enter" && this.draw(p));
      body.append(row);
    }
    table.append(body);
    this.list.replaceChildren(table);
    if (packets[0]) this.draw(packets[0]);
    else clear(this.path);
  }

  /** The source, then Segment List[n] down to [0]; [SL] is the active segment, [SL-1..0] are left. */
  draw(p: Srv6Packet): void {
    clear(this.path);
    const hops = [{ label: p.src, role: "source", sub: "source" }];
    for (let i = p.segments.length - 1; i >= 0; i--) {
      const role = i > p.segmentsLeft ? "visited" : i === p.segmentsLeft ? "active" : "left";
      hops.push({ label: p.segments[i], role, sub: `[${i}]${role === "active" ? " active (DA)" : role === "left" ? " left" : " visited"}` });
    }
    const step = 190;
    const out = svg("svg", {
      viewBox: `0 0 ${hops.length * step + 20} 110`,
      width: "100%",
      style: `max-width: ${hops.length * step + 20}px`,
      class: "srv6-svg",
    });
    out.append(
      svg(
        "text",
        { x: 10, y: 16, class: "wf-title" },
        `frame ${p.index + 1}${p.quoted ? " (the packet an ICMPv6 error quotes)" : ""}: Segments Left ${p.segmentsLeft}, Last Entry ${p.lastEntry}`,
      ),
    );
    hops.forEach((hop, k) => {
      const x = 20 + k * step;
      if (k > 0) out.append(svg("line", { x1: x - step + 150, y1: 60, x2: x, y2: 60, class: `srv6-edge ${hop.role}`, "marker-end": "url(#arrow)" }));
      out.append(svg("rect", { x, y: 40, width: 150, height: 40, rx: 6, class: `srv6-node ${hop.role}` }));
      out.append(svg("text", { x: x + 75, y: 58, "text-anchor": "middle", class: "srv6-addr" }, hop.label));
      out.append(svg("text", { x: x + 75, y: 74, "text-anchor": "middle", class: "srv6-sub" }, hop.sub));
    });
    out.prepend(arrowMarker("arrow", "#555"));
    this.path.append(out);
  }

  shown(): void {
    if (this.packets.length === 0 && this.app.captures.has(this.app.current)) void this.analyse();
  }
}

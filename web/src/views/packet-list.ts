// A virtualised packet list with tshark's columns: only the rows in view exist in the DOM, fetched
// from the worker a screen at a time, so a million frames scroll as smoothly as ninety. ARIA grid
// semantics; the arrow keys, Page Up/Down, Home and End move the selection.
import { h, clear } from "../ui/dom.js";
import type { WorkerClient } from "../worker-client.js";
import type { PacketRow } from "../protocol.js";

const ROW_HEIGHT = 20;
const OVERSCAN = 10;
export const COLUMNS = ["No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"] as const;

export class PacketList {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private total = 0;
  private selected = -1; // row position in the (filtered) list
  private selectedIndex = -1; // frame index
  private rows: PacketRow[] = [];
  private rowsStart = 0;
  private fetching = false;
  private stale = true;
  captureId: string;
  onSelect: (frameIndex: number) => void = () => {};
  onRows: (rows: PacketRow[]) => void = () => {};

  constructor(
    private readonly client: WorkerClient,
    captureId: string,
    label: string,
  ) {
    this.captureId = captureId;
    const header = h(
      "div",
      { class: "pl-row pl-header", role: "row", "aria-rowindex": 1 },
      ...COLUMNS.map((c) => h("div", { class: `pl-cell pl-${c.replace(/\W/g, "").toLowerCase()}`, role: "columnheader" }, c)),
    );
    this.spacer = h("div", { class: "pl-spacer" });
    this.body = h("div", { class: "pl-body", role: "rowgroup" });
    this.viewport = h("div", { class: "pl-viewport", tabindex: 0, role: "presentation" }, this.spacer, this.body);
    this.element = h(
      "div",
      { class: "packet-list", role: "grid", "aria-label": label, "aria-rowcount": 1, "aria-multiselectable": "false" },
      h("div", { role: "rowgroup" }, header),
      this.viewport,
    );
    this.viewport.addEventListener("scroll", () => this.render());
    this.viewport.addEventListener("keydown", (e) => this.key(e));
    new ResizeObserver(() => this.render()).observe(this.viewport);
  }

  /** The capture changed (more frames indexed or decoded, a new filter): refetch what is in view. */
  update(total: number): void {
    this.total = total;
    this.element.setAttribute("aria-rowcount", String(total + 1));
    this.spacer.style.height = `${total * ROW_HEIGHT}px`;
    this.stale = true;
    this.render();
  }

  reset(captureId: string): void {
    this.captureId = captureId;
    this.selected = -1;
    this.selectedIndex = -1;
    this.rows = [];
    this.update(0);
  }

  private visibleRange(): [number, number] {
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.total, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    return [first, last];
  }

  private render(): void {
    const [first, last] = this.visibleRange();
    const have = !this.stale && first >= this.rowsStart && last <= this.rowsStart + this.rows.length;
    if (have) {
      this.draw(first, last);
      return;
    }
    if (this.fetching) return;
    this.fetching = true;
    this.stale = false;
    const id = this.captureId;
    void this.client
      .call<PacketRow[]>({ method: "rows", id, start: first, count: last - first })
      .then((rows) => {
        if (id !== this.captureId) return;
        this.rows = rows;
        this.rowsStart = first;
        this.draw(first, last);
        this.onRows(rows);
      })
      .catch(() => {})
      .finally(() => {
        this.fetching = false;
        const [f, l] = this.visibleRange();
        if (this.stale || f < this.rowsStart || l > this.rowsStart + this.rows.length) this.render();
      });
  }

  private draw(first: number, last: number): void {
    clear(this.body);
    this.body.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    for (let r = first; r < last; r++) {
      const row = this.rows[r - this.rowsStart];
      if (!row) continue;
      const selected = r === this.selected;
      const cells = [String(row.index + 1), row.time, row.src, row.dst, row.protocol, String(row.length), row.decoded ? row.info : "…"];
      const el = h(
        "div",
        {
          class: `pl-row${selected ? " selected" : ""}${row.problem ? " problem" : ""} proto-${row.protocol.toLowerCase().replace(/\W/g, "")}`,
          role: "row",
          "aria-rowindex": r + 2,
          "aria-selected": selected ? "true" : "false",
          "data-index": row.index,
        },
        ...cells.map((text, c) => h("div", { class: `pl-cell pl-${COLUMNS[c].replace(/\W/g, "").toLowerCase()}`, role: "gridcell" }, text)),
      );
      el.addEventListener("click", () => this.select(r));
      this.body.append(el);
    }
  }

  /** Selects the row at list position `r` and scrolls it into view. */
  select(r: number): void {
    if (this.total === 0) return;
    const pos = Math.max(0, Math.min(this.total - 1, r));
    this.selected = pos;
    const top = pos * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
    const row = this.rows[pos - this.rowsStart];
    this.render();
    this.viewport.focus({ preventScroll: true });
    if (row) {
      this.selectedIndex = row.index;
      this.onSelect(row.index);
    } else {
      void this.client.call<PacketRow[]>({ method: "rows", id: this.captureId, start: pos, count: 1 }).then(([fetched]) => {
        if (fetched && this.selected === pos) {
          this.selectedIndex = fetched.index;
          this.onSelect(fetched.index);
        }
      });
    }
  }

  get selectedFrame(): number {
    return this.selectedIndex;
  }

  private key(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.select((this.selected < 0 ? -1 : this.selected) + moves[e.key]);
    else if (e.key === "Home") this.select(0);
    else if (e.key === "End") this.select(this.total - 1);
    else return;
    e.preventDefault();
  }
}

// What the views share: the worker, the captures the worker holds, the status line, and the URL.
import type { WorkerClient } from "./worker-client.js";
import type { CaptureInfo } from "./protocol.js";
import { EXAMPLE_CAPTURES } from "./examples.js";

/** The address as a person would type it: `?simulate&delays=5,1,9`, not `?simulate=&delays=5%2C1%2C9`. */
export function readableUrl(url: URL): string {
  return url
    .toString()
    .replace(/=(?=&|$)/g, "")
    .replace(/%2C/gi, ",");
}

export interface View {
  name: string;
  title: string;
  element: HTMLElement;
  /** Called when the view's tab is chosen. */
  shown?(): void;
}

export class App {
  readonly captures = new Map<string, CaptureInfo>();
  private readonly listeners: ((info: CaptureInfo) => void)[] = [];
  /**
   * performance.now() when the current capture was chosen ("open"), when its first decoded rows
   * were drawn ("first-rows"), when every frame was indexed ("indexed") and decoded ("decoded"):
   * what `npm run bench`'s browser part reads.
   */
  marks: Record<string, number> = {};
  /** The capture the capture, IOAM and SRv6 views show. */
  current = "input";
  private readonly selectors: HTMLSelectElement[] = [];
  private readonly currentListeners: ((id: string) => void)[] = [];

  constructor(
    readonly client: WorkerClient,
    readonly status: HTMLElement,
    readonly progress: HTMLElement,
  ) {
    client.onCapture((info) => {
      if (info.id === this.current && this.marks.open !== undefined) {
        if (info.indexed) this.marks.indexed ??= performance.now();
        if (info.indexed && info.decoded === info.count) this.marks.decoded ??= performance.now();
      }
      this.captures.set(info.id, info);
      this.refreshSelectors();
      for (const l of this.listeners) l(info);
      this.updateStatus();
    });
    client.onProgress((p) => {
      this.progress.textContent = p.task === "ready" ? "" : `${p.task}: ${p.done} of ${p.total}`;
    });
  }

  /** A select that shows and sets the current capture; every view's copy stays in step. */
  captureSelector(id: string): HTMLSelectElement {
    const select = document.createElement("select");
    select.id = id;
    select.setAttribute("aria-label", "Capture shown");
    select.addEventListener("change", () => this.setCurrent(select.value));
    this.selectors.push(select);
    this.refreshSelectors();
    return select;
  }

  private refreshSelectors(): void {
    for (const select of this.selectors) {
      if (select.options.length !== this.captures.size) {
        select.replaceChildren(
          ...[...this.captures.values()].map((c) => {
            const option = document.createElement("option");
            option.value = c.id;
            option.textContent = `${c.id}: ${c.name}`;
            return option;
          }),
        );
      }
      for (const option of select.options) {
        const info = this.captures.get(option.value);
        if (info) option.textContent = `${info.id}: ${info.name}`;
      }
      select.value = this.current;
    }
  }

  setCurrent(id: string): void {
    this.current = id;
    this.refreshSelectors();
    for (const l of this.currentListeners) l(id);
    this.updateStatus();
  }

  onCurrent(listener: (id: string) => void): void {
    this.currentListeners.push(listener);
  }

  onCapture(listener: (info: CaptureInfo) => void): void {
    this.listeners.push(listener);
  }

  updateStatus(): void {
    const info = this.captures.get(this.current);
    if (!info) {
      this.status.textContent = "no capture open";
      return;
    }
    const parts = [`${info.count} packets`];
    if (info.filter) parts.push(`${info.shown} displayed`);
    if (!info.indexed) parts.push("indexing…");
    else if (info.decoded < info.count) parts.push(`decoding ${Math.floor((100 * info.decoded) / info.count)}%`);
    else if (info.filter && info.decoded === info.count) parts.push(`filter: ${info.filter}`);
    if (info.error) parts.push(`capture ends early: ${info.error}`);
    this.status.textContent = `${info.name} · ${parts.join(" · ")}`;
  }

  async openBytes(id: string, name: string, bytes: ArrayBuffer): Promise<CaptureInfo> {
    const info = await this.client.call<CaptureInfo>({ method: "openCapture", id, name, bytes }, [bytes]);
    this.captures.set(id, info);
    this.refreshSelectors();
    for (const l of this.listeners) l(info);
    this.updateStatus();
    return info;
  }

  async openExample(name: string): Promise<CaptureInfo> {
    const example = EXAMPLE_CAPTURES.find((e) => e.name === name);
    if (!example) throw new Error(`no bundled example "${name}" (there are: ${EXAMPLE_CAPTURES.map((e) => e.name).join(", ")})`);
    const response = await fetch(example.url);
    return this.openBytes("input", example.file, await response.arrayBuffer());
  }

  /** Writes the state worth sharing into the address bar (no reload, no history entry per change). */
  setUrl(params: Record<string, string | undefined>, keep = false): void {
    const url = new URL(location.href);
    if (!keep) url.search = "";
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined) url.searchParams.delete(k);
      else url.searchParams.set(k, v);
    }
    history.replaceState(null, "", readableUrl(url));
  }
}

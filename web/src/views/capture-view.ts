// The capture view, Wireshark's habits: open a pcap or pcapng (file input, drag and drop, or a
// bundled example), the packet list, a display filter on field values, the detail tree and the
// hex pane with field-to-bytes highlighting.
import { h, viewSection } from "../ui/dom.js";
import type { App, View } from "../app.js";
import type { CaptureInfo, FrameDetail } from "../protocol.js";
import { EXAMPLE_CAPTURES } from "../examples.js";
import { PacketList } from "./packet-list.js";
import { DetailTree } from "./detail-tree.js";
import { HexPane } from "./hex-pane.js";

export class CaptureView implements View {
  readonly name = "capture";
  readonly title = "Capture";
  readonly element: HTMLElement;
  readonly list: PacketList;
  readonly tree = new DetailTree();
  readonly hex = new HexPane();
  private readonly filterInput: HTMLInputElement;
  private readonly filterError: HTMLElement;
  private readonly captureSelect: HTMLSelectElement;

  constructor(private readonly app: App) {
    this.list = new PacketList(app.client, app.current, "Packet list");
    const fileInput = h("input", { type: "file", accept: ".pcap,.pcapng,.cap", id: "capture-file", class: "visually-hidden" }) as HTMLInputElement;
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (file) void this.openFile(file);
      fileInput.value = "";
    });
    const exampleSelect = h(
      "select",
      { id: "example-select", "aria-label": "Bundled example capture" },
      h("option", { value: "" }, "Bundled example…"),
      ...EXAMPLE_CAPTURES.map((e) => h("option", { value: e.name, title: e.title }, e.file)),
    ) as HTMLSelectElement;
    exampleSelect.addEventListener("change", () => {
      if (exampleSelect.value) void this.openExample(exampleSelect.value);
      exampleSelect.value = "";
    });
    this.captureSelect = app.captureSelector("capture-select");
    app.onCurrent((id) => this.showCapture(id));
    this.filterInput = h("input", {
      type: "search",
      id: "display-filter",
      class: "filter",
      placeholder: "Display filter, e.g. ipv6.opt.ioam.trace.node.id == 0x000002",
      "aria-label": "Display filter",
      spellcheck: false,
    }) as HTMLInputElement;
    this.filterInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter") void this.applyFilter(this.filterInput.value);
    });
    this.filterError = h("span", { class: "filter-error", role: "alert" });
    const tools = [
      h(
        "label",
        { class: "button", for: "capture-file", tabindex: 0, onkeydown: (e: Event) => (e as KeyboardEvent).key === "Enter" && fileInput.click() },
        "Open capture…",
      ),
      fileInput,
      exampleSelect,
      this.captureSelect,
      this.filterInput,
      h("button", { type: "button", onclick: () => void this.applyFilter(this.filterInput.value) }, "Apply"),
      this.filterError,
    ];
    const panes = h("div", { class: "capture-panes" }, this.list.element, h("div", { class: "capture-lower" }, this.tree.element, this.hex.element));
    this.element = viewSection({ className: "capture-view", label: "Capture" }, tools, panes);
    this.element.addEventListener("dragover", (e) => {
      e.preventDefault();
      this.element.classList.add("dropping");
    });
    this.element.addEventListener("dragleave", () => this.element.classList.remove("dropping"));
    this.element.addEventListener("drop", (e) => {
      e.preventDefault();
      this.element.classList.remove("dropping");
      const file = e.dataTransfer?.files[0];
      if (file) void this.openFile(file);
    });
    this.list.onSelect = (index) => void this.showFrame(index);
    this.list.onRows = (rows) => {
      if (this.app.marks.open !== undefined && rows.some((r) => r.decoded)) this.app.marks["first-rows"] ??= performance.now();
    };
    this.tree.onHighlight = (span) => this.hex.highlight(span);
    this.hex.onPick = (offset) => this.tree.chooseByOffset(offset);
    app.onCapture((info) => this.captureChanged(info));
  }

  async openFile(file: File): Promise<void> {
    this.app.marks = { open: performance.now() };
    await this.app.openBytes("input", file.name, await file.arrayBuffer());
    this.app.setCurrent("input");
    this.app.setUrl({});
  }

  async openExample(name: string): Promise<void> {
    await this.app.openExample(name);
    this.app.setCurrent("input");
    this.app.setUrl({ example: name });
  }

  private showCapture(id: string): void {
    this.list.reset(id);
    this.tree.show([], 0);
    this.hex.show(new Uint8Array(0));
    const info = this.app.captures.get(id);
    this.filterInput.value = info?.filter ?? "";
    if (info) this.captureChanged(info);
  }

  private captureChanged(info: CaptureInfo): void {
    if (info.id === this.app.current) this.list.update(info.shown);
  }

  async applyFilter(text: string): Promise<void> {
    const result = await this.app.client.call<{ ok: boolean; error?: string }>({ method: "filter", id: this.app.current, filter: text });
    this.filterError.textContent = result.ok ? "" : (result.error ?? "");
    this.filterInput.classList.toggle("invalid", !result.ok);
    if (result.ok) {
      this.list.reset(this.app.current);
      this.app.setUrl({ filter: text.trim() || undefined }, true);
    }
  }

  async showFrame(index: number): Promise<FrameDetail> {
    const detail = await this.app.client.call<FrameDetail>({ method: "detail", id: this.app.current, index });
    this.tree.show(detail.tree, detail.bytes.length);
    this.hex.show(detail.bytes);
    return detail;
  }

  shown(): void {
    this.app.updateStatus();
  }
}

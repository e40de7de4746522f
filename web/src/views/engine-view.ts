// The engine view: a config editor preloaded with the bundled configs, the loaded capture run
// through the engine (a fresh engine with the config, as `manycast replay -c` does), input and
// output side by side, a VPP console on the engine (help, Tab completion, history), and the output
// capture to download: byte for byte what `manycast replay --out` writes.
import { h, download, viewSection } from "../ui/dom.js";
import type { App, View } from "../app.js";
import type { Completion } from "../../../src/browser/index.js";
import { EXAMPLE_CONFIGS } from "../examples.js";
import { PacketList } from "./packet-list.js";
import type { RunReport } from "../protocol.js";

export class EngineView implements View {
  readonly name = "engine";
  readonly title = "Engine";
  readonly element: HTMLElement;
  private readonly editor: HTMLTextAreaElement;
  private readonly ifaceInput: HTMLInputElement;
  private readonly traceInput: HTMLInputElement;
  private readonly presetSelect: HTMLSelectElement;
  private readonly log: HTMLElement;
  private readonly prompt: HTMLInputElement;
  private readonly summary: HTMLElement;
  private readonly inputList: PacketList;
  private readonly outputList: PacketList;
  private readonly history: string[] = [];
  private historyAt = 0;
  private source = "config";

  constructor(private readonly app: App) {
    this.presetSelect = h(
      "select",
      { id: "config-preset", "aria-label": "Bundled config" },
      ...EXAMPLE_CONFIGS.map((c) => h("option", { value: c.name }, c.file)),
    ) as HTMLSelectElement;
    this.presetSelect.addEventListener("change", () => this.loadPreset(this.presetSelect.value));
    this.ifaceInput = h("input", {
      id: "rx-interface",
      value: "pcap0",
      size: 22,
      "aria-label": "Interface packets enter on",
      spellcheck: false,
    }) as HTMLInputElement;
    this.traceInput = h("input", { id: "trace-count", type: "number", min: 0, value: 0, size: 4, "aria-label": "Packets to trace" }) as HTMLInputElement;
    this.editor = h("textarea", {
      id: "config-editor",
      class: "config-editor",
      spellcheck: false,
      "aria-label": "Engine config (VPP CLI)",
    }) as HTMLTextAreaElement;
    this.editor.addEventListener("input", () => (this.source = "config"));
    this.summary = h("pre", { class: "run-summary", id: "run-summary", role: "status" });
    this.log = h("pre", { class: "console-log", id: "console-log", role: "log", "aria-live": "polite", "aria-label": "Console output" });
    this.prompt = h("input", {
      id: "console-input",
      class: "console-input",
      spellcheck: false,
      autocomplete: "off",
      "aria-label": "VPP command (Tab completes)",
    }) as HTMLInputElement;
    this.prompt.addEventListener("keydown", (e) => void this.consoleKey(e));
    this.inputList = new PacketList(app.client, "input", "Engine input");
    this.outputList = new PacketList(app.client, "output", "Engine output");
    app.onCapture((info) => {
      if (info.id === "input") this.inputList.update(info.shown);
      if (info.id === "output") this.outputList.update(info.shown);
    });
    const quick = (cmd: string) => h("button", { type: "button", onclick: () => void this.runLine(cmd) }, cmd);
    this.element = viewSection(
      { className: "engine-view", label: "Engine" },
      [
        this.presetSelect,
        h("label", {}, "interface ", this.ifaceInput),
        h("label", {}, "trace ", this.traceInput),
        h("button", { type: "button", id: "run-engine", class: "primary", onclick: () => void this.run() }, "Run capture through engine"),
        h("button", { type: "button", id: "download-pcap", onclick: () => void this.download("pcap") }, "Download output (pcap)"),
        h("button", { type: "button", onclick: () => void this.download("pcapng") }, "pcapng"),
        h("button", { type: "button", id: "chain-output", onclick: () => void this.chain() }, "Output → input"),
      ],
      h(
        "div",
        { class: "engine-top" },
        h("div", { class: "engine-config" }, this.editor, this.summary),
        h(
          "div",
          { class: "engine-console" },
          h("div", { class: "quick" }, quick("show errors"), quick("show runtime"), quick("show trace"), quick("show ioam summary"), quick("help")),
          this.log,
          h("div", { class: "prompt-line" }, h("span", { class: "prompt" }, "vpp#"), this.prompt),
        ),
      ),
      h(
        "div",
        { class: "engine-lists" },
        h("div", {}, h("h3", {}, "Input"), this.inputList.element),
        h("div", {}, h("h3", {}, "Output"), this.outputList.element),
      ),
    );
    this.loadPreset(EXAMPLE_CONFIGS[0].name);
  }

  loadPreset(name: string): void {
    const preset = EXAMPLE_CONFIGS.find((c) => c.name === name);
    if (!preset) return;
    this.presetSelect.value = name;
    this.editor.value = preset.text;
    this.ifaceInput.value = preset.interface;
    this.source = preset.file;
  }

  private configText(): string {
    const trace = Number(this.traceInput.value);
    return trace > 0 ? `${this.editor.value}\ntrace add ${this.ifaceInput.value} ${trace}` : this.editor.value;
  }

  private print(text: string, cls = ""): void {
    this.log.append(h("span", { class: cls }, text.endsWith("\n") ? text : `${text}\n`));
    this.log.scrollTop = this.log.scrollHeight;
  }

  async run(): Promise<RunReport | undefined> {
    if (!this.app.captures.has("input")) {
      this.summary.textContent = "Open a capture first (Capture view, or a bundled example).";
      return undefined;
    }
    this.summary.textContent = "running…";
    const report = await this.app.client.call<RunReport>({
      method: "engineRun",
      input: "input",
      config: this.configText(),
      source: this.source,
      interface: this.ifaceInput.value,
    });
    const lines = [report.summary];
    if (report.inputError) lines.push(`input ended early: ${report.inputError}`);
    lines.push(...report.problems);
    this.summary.textContent = lines.join("\n");
    this.summary.classList.toggle("error", report.problems.length > 0);
    for (const out of report.output) this.print(out);
    if (report.exported.length) this.print(`${report.exported.length} exported trace lines (set ioam export):\n${report.exported.slice(0, 20).join("\n")}`);
    this.outputList.reset("output");
    const out = this.app.captures.get("output");
    if (out) this.outputList.update(out.shown);
    this.inputList.update(this.app.captures.get("input")?.shown ?? 0);
    return report;
  }

  async runLine(line: string): Promise<string> {
    this.print(`vpp# ${line}`, "echo");
    if (line.trim()) {
      this.history.push(line);
      this.historyAt = this.history.length;
    }
    const result = await this.app.client.call<{ output: string; problems: string[] }>({ method: "engineCli", line });
    if (result.output) this.print(result.output);
    for (const p of result.problems) this.print(p, "error");
    return result.output;
  }

  private async consoleKey(e: KeyboardEvent): Promise<void> {
    if (e.key === "Enter") {
      const line = this.prompt.value;
      this.prompt.value = "";
      await this.runLine(line);
    } else if (e.key === "Tab") {
      e.preventDefault();
      const c = await this.app.client.call<Completion>({ method: "engineComplete", line: this.prompt.value });
      this.prompt.value = c.line;
      if (c.candidates.length > 1) this.print(c.candidates.join("  "), "hint");
      else if (c.usage && c.candidates.length === 0) this.print(`usage: ${c.usage}`, "hint");
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      this.historyAt = Math.max(0, Math.min(this.history.length, this.historyAt + (e.key === "ArrowUp" ? -1 : 1)));
      this.prompt.value = this.history[this.historyAt] ?? "";
    }
  }

  private async download(format: "pcap" | "pcapng"): Promise<void> {
    try {
      const bytes = await this.app.client.call<Uint8Array>({ method: "engineOutput", format });
      download(bytes, `manycast-output.${format}`);
    } catch (err) {
      this.summary.textContent = (err as Error).message;
    }
  }

  /** The output becomes the next node's input (the iOAM guide's encap -> transit -> decap chain). */
  private async chain(): Promise<void> {
    const bytes = await this.app.client.call<Uint8Array>({ method: "captureBytes", id: "output" }).catch(() => undefined);
    if (!bytes) return;
    const name = this.app.captures.get("output")?.name ?? "output";
    await this.app.openBytes("input", name, bytes.buffer as ArrayBuffer);
    this.inputList.reset("input");
    this.inputList.update(this.app.captures.get("input")?.shown ?? 0);
  }
}

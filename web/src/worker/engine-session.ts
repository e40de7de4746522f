// The engine view's engine: a fresh engine per run (the config applied to a clean engine, as
// `manycast replay -c` does), the console's lines on the current one, and the last run's output.
import { createEngine, ManycastEngine, formatProblem, type ReplayResult } from "../../../src/browser/index.js";
import type { RunReport } from "../protocol.js";

export class EngineSession {
  private engine: ManycastEngine | undefined;
  private last: ReplayResult | undefined;
  private exported: string[] = [];

  constructor(private readonly wasmUrl: string) {}

  /** A new engine with `config` applied; returns the problems (FILE:LINE:COLUMN) and what the config printed. */
  async reset(config: string, source: string, rxInterface: string): Promise<{ problems: string[]; output: string[] }> {
    this.exported = [];
    this.engine = await createEngine({ wasm: this.wasmUrl, onExport: (line) => this.exported.push(line) });
    this.engine.attachInterface(rxInterface);
    const result = this.engine.cli(config, source);
    return { problems: result.problems.map(formatProblem), output: result.output };
  }

  private async current(): Promise<ManycastEngine> {
    if (!this.engine) await this.reset("", "config", "pcap0");
    return this.engine!;
  }

  async cli(line: string): Promise<{ output: string; problems: string[] }> {
    const result = (await this.current()).cli(line, "console");
    return { output: result.output.join("\n"), problems: result.problems.map(formatProblem) };
  }

  async complete(line: string) {
    return (await this.current()).complete(line);
  }

  /** The config on a fresh engine, then the capture through it; nothing runs when a config line is bad. */
  async run(capture: Uint8Array, config: string, source: string, rxInterface: string, onProgress: (n: number) => void): Promise<RunReport> {
    const applied = await this.reset(config, source, rxInterface);
    if (applied.problems.length)
      return {
        summary: `${applied.problems.length} bad config line(s); nothing was run`,
        problems: applied.problems,
        output: applied.output,
        transmitted: 0,
        exported: [],
      };
    this.last = this.engine!.replay(capture, { interface: rxInterface, onProgress });
    const report: RunReport = {
      summary: this.last.summaryText,
      problems: [],
      output: applied.output,
      transmitted: this.last.transmitted.length,
      exported: this.exported,
    };
    if (this.last.inputError) report.inputError = this.last.inputError;
    return report;
  }

  /** The last run's output as a capture file, byte for byte what `manycast replay --out` writes. */
  output(format: "pcap" | "pcapng"): Uint8Array | undefined {
    return this.last ? ManycastEngine.outputCapture(this.last, format) : undefined;
  }
}

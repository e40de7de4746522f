// VPP's `pcap trace rx tx [drop is not captured] max N [intfc IF|any] file NAME` and `pcap trace
// off|status`: the frames the engine receives (as they arrived, before any node touched them) and
// transmits, into a pcapng whose interface blocks name the engine's interfaces. As in VPP the file
// is NAME under /tmp; capturing stops after N packets, and `pcap trace off` writes the file. Per
// packet JavaScript runs only while a capture is on.
import { DESC_LINK_TYPE, DESC_RX_IF, DESC_TS_NSEC, DESC_TS_SEC } from "../../../../assembly/engine/descriptor.layout.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import type { Dataplane } from "../../dataplane/dataplane.js";
import { onePerDataplane } from "../../one-per.js";
import type { TxVector } from "../../dataplane/vector-io.js";
import type { CaptureWriter } from "../../capture/capture-writer.js";

const PCAP_DIRECTORY = "/tmp/";
const DEFAULT_MAX = 100; // VPP's default
const MAX_PACKETS = 10_000_000;

interface Capture {
  rx: boolean;
  tx: boolean;
  max: number;
  /** Interface index to capture on, or undefined for any. */
  only: number | undefined;
  path: string;
  writer: Pick<CaptureWriter, "write"> & { close(): void };
  written: number;
}

class PcapTrace {
  capture: Capture | undefined;
  /** What the last capture wrote, for `pcap trace status` after it stopped by itself. */
  lastSummary: string | undefined;
  /** The last capture stopped by itself (max reached) and nobody was told yet. */
  unreported = false;

  constructor(private readonly dataplane: Dataplane) {
    dataplane.onReceive((n) => this.received(n));
    dataplane.onTransmit((tx) => this.transmitted(tx));
  }

  private received(n: number): void {
    const c = this.capture;
    if (!c?.rx) return;
    const e = this.dataplane.engine;
    for (let slot = 0; slot < n && c.written < c.max; slot++) {
      const rxIf = e.descriptorField16(slot, DESC_RX_IF);
      if (c.only !== undefined && rxIf !== c.only) continue;
      this.write(c, rxIf, slot);
    }
    if (c.written >= c.max) this.stop();
  }

  private transmitted(tx: TxVector): void {
    const c = this.capture;
    if (!c?.tx) return;
    const e = tx.engine;
    for (let k = 0; k < tx.count && c.written < c.max; k++) {
      const slot = e.txSlot(k);
      const txIf = e.txInterface(slot);
      if (c.only !== undefined && txIf !== c.only) continue;
      this.write(c, txIf, slot);
    }
    if (c.written >= c.max) this.stop();
  }

  private write(c: Capture, interfaceIndex: number, slot: number): void {
    const e = this.dataplane.engine;
    c.writer.write({
      interfaceName: this.dataplane.interfaces.name(interfaceIndex),
      linkType: e.descriptorField16(slot, DESC_LINK_TYPE) || 1,
      tsSec: e.descriptorField32(slot, DESC_TS_SEC),
      tsNsec: e.descriptorField32(slot, DESC_TS_NSEC),
      data: e.packetView(slot),
    });
    c.written++;
  }

  /** Finishes the file; returns VPP's summary line. */
  stop(): string {
    const c = this.capture;
    if (!c) return this.lastSummary ?? "No pcap capture in progress...";
    this.capture = undefined;
    c.writer.close();
    this.lastSummary = `Wrote ${c.written} packets to ${c.path}, and stopped capture...`;
    this.unreported = true;
    return this.lastSummary;
  }
}

const pcapTraceOf = onePerDataplane((dataplane) => new PcapTrace(dataplane));

/** Finishes a capture still running when the data plane's job ends (replay's end, run's stop): its summary, if there was one. */
export function finishPcapTrace(dataplane: Dataplane): string | undefined {
  const trace = pcapTraceOf.ifMade(dataplane);
  if (!trace) return undefined;
  if (trace.capture) trace.stop();
  if (!trace.unreported) return undefined;
  trace.unreported = false;
  return trace.lastSummary;
}

export function registerPcapTraceCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["pcap trace"],
    usage: "pcap trace rx|tx|rx tx [max <n>] [intfc <interface>|any] [file <name>] | off | status",
    help: "capture what the engine receives and/or sends into /tmp/<name> (pcapng, interfaces named)",
    parse(args, context: CliContext) {
      const { dataplane } = context;
      if (args.accept("off")) {
        args.end();
        return () => {
          const trace = pcapTraceOf(dataplane);
          const summary = trace.stop();
          trace.unreported = false;
          return summary;
        };
      }
      if (args.accept("status")) {
        args.end();
        return () => {
          const c = pcapTraceOf.ifMade(dataplane)?.capture;
          if (!c) return pcapTraceOf.ifMade(dataplane)?.lastSummary ?? "pcap capture is off";
          return `pcap ${[c.rx ? "rx" : "", c.tx ? "tx" : ""].filter(Boolean).join(" ")} capture on ${c.only === undefined ? "any interface" : dataplane.interfaces.name(c.only)}: ${c.written} of ${c.max} packets, file ${c.path}`;
        };
      }
      let rx = false;
      let tx = false;
      let max = DEFAULT_MAX;
      let only: number | undefined;
      let name: { value: string; column: number } | undefined;
      const firstColumn = args.column;
      while (!args.done) {
        if (args.accept("rx")) rx = true;
        else if (args.accept("tx")) tx = true;
        else if (args.accept("max")) max = args.integer("a packet count", 1, MAX_PACKETS);
        else if (args.accept("intfc")) {
          const column = args.column;
          const interfaceName = args.word("an interface name or 'any'");
          if (interfaceName === "any") only = undefined;
          else {
            const iface = dataplane.interfaces.find(interfaceName);
            if (!iface) throw new CliError(column, `no interface ${interfaceName}`);
            only = iface.index;
          }
        } else if (args.accept("file")) {
          const column = args.column;
          const value = args.word("a file name");
          if (value.includes("/")) throw new CliError(column, `'${value}': a file name only; the capture is written under ${PCAP_DIRECTORY} (as VPP does)`);
          name = { value, column };
        } else if (args.peek() === "drop") {
          throw new CliError(args.column, "drop capture is not supported: 'show errors' counts drops by reason and 'trace add' shows where a packet died");
        } else {
          args.fail("'rx', 'tx', 'max <n>', 'intfc <interface>|any', 'file <name>', 'off' or 'status'");
        }
      }
      if (!rx && !tx) throw new CliError(firstColumn, "say what to capture: rx, tx or both");
      if (!context.openCapture) throw new CliError(firstColumn, "this host cannot write files");
      const trace = pcapTraceOf(dataplane);
      if (trace.capture) throw new CliError(firstColumn, `a capture to ${trace.capture.path} is running: 'pcap trace off' first`);
      const path = `${PCAP_DIRECTORY}${name?.value ?? (rx && tx ? "rxandtx.pcapng" : rx ? "rx.pcapng" : "tx.pcapng")}`;
      let writer: Capture["writer"];
      try {
        writer = context.openCapture(path);
      } catch (err) {
        throw new CliError(name?.column ?? firstColumn, `${path}: ${(err as Error).message}`);
      }
      return () => {
        trace.capture = { rx, tx, max, only, path, writer, written: 0 };
        return `pcap ${[rx ? "rx" : "", tx ? "tx" : ""].filter(Boolean).join(" ")} capture on to ${path} (at most ${max} packets)`;
      };
    },
  });
}

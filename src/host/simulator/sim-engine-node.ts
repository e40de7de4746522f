// One engine in the simulated network: a Dataplane fed by its links. Frames arriving at the same
// virtual time go into one vector (a FrameArraySource pumped at that instant), the engine's clock is the
// virtual clock, and after every vector the node asks the engine when held work (nsim delays,
// held SYN-ACKs) falls due and schedules a poll for then.
import { Dataplane, nanosecondsToTime, timeToNanoseconds, type TransmittedFrame } from "../dataplane/dataplane.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { FrameArraySource } from "../dataplane/frame-array-source.js";
import { createRegistry } from "../vpp-cli/index.js";
import { runCliText } from "../vpp-cli/config.js";
import type { CliContext } from "../vpp-cli/context.js";
import type { CommandRegistry } from "../vpp-cli/registry.js";
import type { ScheduledEvent, VirtualClock } from "./virtual-clock.js";
import { SimConfigError } from "./sim-config-error.js";

/** Polls at one instant after which the engine still says "due now": it is not making progress. */
const MAX_POLLS_PER_INSTANT = 1024;

interface Arrival {
  interfaceName: string;
  data: Uint8Array;
}

export class SimEngineNode {
  readonly dataplane: Dataplane;
  private readonly registry: CommandRegistry<CliContext> = createRegistry();
  private readonly context: CliContext;
  private readonly outputs = new Map<string, (data: Uint8Array) => void>();
  private inbox: Arrival[] = [];
  private flushScheduled = false;
  private poll: ScheduledEvent | undefined;
  private pollInstant = -1n;
  private pollsAtInstant = 0;
  /** Frames the engine sent on an interface with no link (lost, as on an unplugged port). */
  readonly unlinkedDrops = new Map<string, number>();
  polls = 0;

  constructor(
    readonly name: string,
    engine: WasmEngine,
    private readonly clock: VirtualClock,
    private readonly linkType: number,
    openExport?: CliContext["openExport"],
  ) {
    this.dataplane = new Dataplane(engine, (frame) => this.transmitted(frame));
    this.context = openExport ? { dataplane: this.dataplane, openExport } : { dataplane: this.dataplane };
  }

  /** Runs CLI text; a rejected line throws SimConfigError naming this node (the good lines still apply). */
  configure(text: string, source = "config"): string[] {
    const result = runCliText(this.registry, this.context, text, source);
    if (result.problems.length) throw new SimConfigError(result.problems.map((p) => ({ ...p, node: this.name })));
    return result.output;
  }

  /** Runs one CLI command (a show command, typically) and returns its output. */
  cli(text: string): string {
    return this.configure(text, "cli").join("\n");
  }

  /** Where frames the engine transmits on `interfaceName` go (set by SimNetwork.link). */
  connect(interfaceName: string, output: (data: Uint8Array) => void): void {
    if (this.outputs.has(interfaceName)) throw new Error(`${this.name}/${interfaceName} is already linked`);
    this.dataplane.interfaces.add(interfaceName);
    this.outputs.set(interfaceName, output);
  }

  /** A frame arriving now on `interfaceName`; it joins the vector run at the end of this instant. */
  deliver(interfaceName: string, data: Uint8Array): void {
    this.inbox.push({ interfaceName, data });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.clock.schedule(this.clock.nowNs, () => this.runInbox(), `${this.name} vector`);
  }

  private runInbox(): void {
    this.flushScheduled = false;
    const arrivals = this.inbox;
    this.inbox = [];
    const t = nanosecondsToTime(this.clock.nowNs);
    const interfaces = this.dataplane.interfaces;
    const frames = arrivals.map((a) => ({ rxInterface: interfaces.add(a.interfaceName).index, data: a.data }));
    this.dataplane.pump(new FrameArraySource(frames, this.linkType, t.sec, t.nsec));
    this.scheduleWakeup();
  }

  private runPoll(): void {
    this.poll = undefined;
    this.polls++;
    const t = nanosecondsToTime(this.clock.nowNs);
    this.dataplane.poll(t.sec, t.nsec);
    this.scheduleWakeup();
  }

  /** Schedules a poll for the engine's next wakeup, unless one is already scheduled no later. */
  private scheduleWakeup(): void {
    const wakeup = this.dataplane.nextWakeup();
    if (wakeup === undefined) return;
    const now = this.clock.nowNs;
    let at = timeToNanoseconds(wakeup);
    if (at <= now) {
      at = now;
      this.guardProgress(now);
    }
    if (this.poll && this.poll.timeNs <= at) return;
    this.poll?.cancel();
    this.poll = this.clock.schedule(at, () => this.runPoll(), `${this.name} poll`);
  }

  private guardProgress(now: bigint): void {
    if (now !== this.pollInstant) {
      this.pollInstant = now;
      this.pollsAtInstant = 0;
    }
    if (++this.pollsAtInstant > MAX_POLLS_PER_INSTANT) {
      throw new Error(`${this.name}: the engine's next wakeup stays due at ${now} ns after ${MAX_POLLS_PER_INSTANT} polls at that time`);
    }
  }

  private transmitted(frame: TransmittedFrame): void {
    const output = this.outputs.get(frame.interfaceName);
    if (output) output(frame.data);
    else this.unlinkedDrops.set(frame.interfaceName, (this.unlinkedDrops.get(frame.interfaceName) ?? 0) + 1);
  }
}

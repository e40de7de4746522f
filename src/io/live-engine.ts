// One engine forwarding in real time between Linux interfaces: its Wasm instance, data plane, CLI
// and AF_PACKET sockets, and the loop that drives them. The loop sleeps until a socket has frames
// (libuv watches them) or held work falls due (a timer); it then runs vectors until the rings are
// empty and held work is done, and sleeps again, so an idle engine costs no CPU. With an interface in
// polling mode it never sleeps. CLI lines run between vectors (JavaScript runs one thing at a time),
// each parsed whole before it is applied. Time is the system clock: the kernel stamps frames with
// it, and timers poll the engine with it. Node only.
import { Dataplane, timeToNanoseconds } from "../host/dataplane/dataplane.js";
import { createRegistry } from "../host/cli/index.js";
import { runCliText, type ConfigProblem } from "../host/cli/config.js";
import type { CliContext } from "../host/cli/context.js";
import type { Action, CommandRegistry } from "../host/cli/registry.js";
import { CliError } from "../host/cli/tokens.js";
import { engineCounters, type EngineCounters } from "../host/interfaces/engine-counters.js";
import { neighbourDiscoveryOf, type NeighbourChange } from "../host/nd/neighbour-discovery.js";
import { LINKTYPE_ETHERNET } from "../host/capture/link-types.js";
import type { AfPacketAddon } from "./afpacket.js";
import { CaptureFileWriter } from "./capture-file.js";
import { loadEngine, type EngineBuild } from "./engine-file.js";
import { LineSink } from "./line-sink.js";
import { OutputSet } from "./output-file.js";
import { LivePorts } from "./live-ports.js";
import { finishPcapTrace } from "../host/cli/commands/pcap-trace.js";

const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MS = 1_000_000n;
// Held work due at once is run in at most this many vectors per wakeup before frames get a turn.
const MAX_DUE_POLLS = 64;
// Frames one turn of the loop takes before it lets the CLI socket, signals and timers in: a flood
// keeps the rings full, and the rings keep what waits meanwhile.
const MAX_FRAMES_PER_TURN = 16 * 256;
// How long a stop may spend sending what is still held (nsim delays, packets awaiting a neighbour).
const DRAIN_POLLS = 10_000;

export interface LiveEngineOptions {
  addon: AfPacketAddon;
  build: EngineBuild;
  /** The fanout group of a host interface's socket in this run (0: none). */
  fanoutGroup(linuxName: string, ordinal: number): number;
  /** Added to `pcap trace` file names (another worker's engine writes the plain name). */
  captureSuffix?: string;
  /** Where the engine reports what happened to its interfaces (a socket failed, an interface vanished). */
  log(line: string): void;
}

export type LineResult = { output: string; error?: undefined } | { output?: undefined; error: { column: number; message: string } };

export class LiveEngine {
  readonly registry: CommandRegistry<CliContext>;
  readonly context: CliContext;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running = false;
  private servicing = false;
  private neighbourListener: ((change: NeighbourChange) => void) | undefined;
  private neighboursWatched = false;
  private readonly outputs = new OutputSet();

  private constructor(
    readonly dataplane: Dataplane,
    readonly ports: LivePorts,
    private readonly options: LiveEngineOptions,
  ) {
    this.registry = createRegistry();
    this.context = {
      dataplane,
      hostIo: ports,
      // A live run's export files are written as NAME.partial and take their name when it stops.
      openExport: (target) => {
        if (target === "stdout") return new LineSink("stdout").write;
        const file = this.outputs.plan(target, "the export file");
        file.open();
        return new LineSink(file).write;
      },
      openCapture: (path) => CaptureFileWriter.create(withSuffix(path, options.captureSuffix), { format: "pcapng", linkType: LINKTYPE_ETHERNET }),
    };
  }

  static async create(options: LiveEngineOptions): Promise<LiveEngine> {
    const engine = await loadEngine(options.build);
    let ports!: LivePorts;
    const dataplane = new Dataplane(engine, { drain: (tx) => ports.drain(tx) });
    ports = new LivePorts(options.addon, dataplane, { fanoutGroup: options.fanoutGroup });
    return new LiveEngine(dataplane, ports, options);
  }

  /** Applies a startup config; its problems (already located) are returned, nothing is printed. */
  configure(text: string, source: string): { output: string[]; problems: ConfigProblem[] } {
    const result = runCliText(this.registry, this.context, text, source);
    this.afterChange();
    return result;
  }

  /** Parses a line without applying it (the first half of a change all engines of a run make together). */
  prepare(line: string): Action | LineResult {
    try {
      return this.registry.prepare(line, this.context);
    } catch (err) {
      if (err instanceof CliError) return { error: { column: err.column, message: err.message } };
      throw err;
    }
  }

  /**
   * Brings the engine clock to now (an empty vector, which also runs held work now due): what a CLI
   * line shows (ages) or configures (a static neighbour's time) is of now, not of the last frame.
   */
  private catchUp(): void {
    if (!this.running) return;
    const now = this.nowNs();
    this.dataplane.poll(Number(now / NS_PER_SECOND), Number(now % NS_PER_SECOND));
  }

  /** Applies a prepared line. */
  commit(action: Action): LineResult {
    this.catchUp();
    const output = action() ?? "";
    this.afterChange();
    return { output };
  }

  /** One CLI line, parsed whole and then applied (or refused with its column), between vectors. */
  execute(line: string, peers?: EngineCounters[]): LineResult {
    this.ports.collectCounters();
    this.catchUp();
    this.context.peerCounters = peers ? () => peers : undefined;
    try {
      const prepared = this.prepare(line);
      return typeof prepared === "function" ? this.commit(prepared) : prepared;
    } finally {
      this.context.peerCounters = undefined;
    }
  }

  counters(): EngineCounters {
    this.ports.collectCounters();
    return engineCounters(this.dataplane);
  }

  /** Another engine of the run learned or forgot a neighbour. */
  applyNeighbour(change: NeighbourChange): void {
    neighbourDiscoveryOf(this.dataplane)?.apply(change);
    this.schedule();
  }

  /** Calls `listener` for every neighbour this engine learns or forgets. */
  onNeighbour(listener: (change: NeighbourChange) => void): void {
    this.neighbourListener = listener;
    this.watchNeighbours();
  }

  private watchNeighbours(): void {
    const nd = neighbourDiscoveryOf(this.dataplane);
    if (!nd || this.neighboursWatched || !this.neighbourListener) return;
    const listener = this.neighbourListener;
    nd.onChange((change) => listener(change));
    this.neighboursWatched = true;
  }

  private afterChange(): void {
    this.ports.routeSubInterfaces();
    this.watchNeighbours();
    if (this.running) this.schedule();
  }

  /** Starts forwarding: from now on the sockets and timers drive the engine. */
  start(): void {
    this.running = true;
    this.ports.watch(
      () => this.service(),
      (swIfIndex, message) => this.options.log(`${this.dataplane.interfaces.name(swIfIndex)}: ${message}`),
    );
    this.service();
  }

  /**
   * Stops receiving, sends what the engine still holds (its due times are brought forward),
   * and closes the sockets.
   */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.ports.stopWatching();
    this.dataplane.drain(DRAIN_POLLS);
    this.ports.close();
    const pcapTrace = finishPcapTrace(this.dataplane);
    if (pcapTrace) this.options.log(pcapTrace);
    this.outputs.commit();
  }

  private nowNs(): bigint {
    return this.ports.now();
  }

  /** Runs vectors while the rings have frames and held work is due, then sets the next wakeup. */
  private service(): void {
    if (!this.running || this.servicing) return;
    this.servicing = true;
    let more = false;
    try {
      more = this.dataplane.pump(this.ports, MAX_FRAMES_PER_TURN) >= MAX_FRAMES_PER_TURN;
      const now = this.nowNs();
      for (let polls = 0; polls < MAX_DUE_POLLS; polls++) {
        const due = this.dataplane.nextWakeup();
        if (!due || timeToNanoseconds(due) > now) break;
        this.dataplane.poll(Number(now / NS_PER_SECOND), Number(now % NS_PER_SECOND));
      }
      // Neighbours due to age are probed before a vector: one empty vector at now does it.
      const aging = neighbourDiscoveryOf(this.dataplane)?.nextAgingNs();
      if (aging !== undefined && aging <= now) this.dataplane.poll(Number(now / NS_PER_SECOND), Number(now % NS_PER_SECOND));
    } finally {
      this.servicing = false;
    }
    this.schedule(more);
  }

  /** Sets the next wakeup: at once after a full turn or when busy polling, else when held work is due. */
  private schedule(more = false): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (more || this.ports.busyPoll) {
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        this.service();
      });
      return;
    }
    // Held work, and the next neighbour to age (which only a run on the system clock waits for).
    const held = this.dataplane.nextWakeup();
    const aging = neighbourDiscoveryOf(this.dataplane)?.nextAgingNs();
    const heldNs = held ? timeToNanoseconds(held) : undefined;
    const dueNs = heldNs === undefined ? aging : aging === undefined || heldNs < aging ? heldNs : aging;
    if (dueNs === undefined) return;
    const waitNs = dueNs - this.nowNs();
    const waitMs = waitNs <= 0n ? 0 : Number((waitNs + NS_PER_MS - 1n) / NS_PER_MS);
    this.timer = setTimeout(() => this.service(), waitMs);
  }
}

/** "/tmp/x.pcapng" + "-w1" -> "/tmp/x-w1.pcapng" */
function withSuffix(path: string, suffix: string | undefined): string {
  if (!suffix) return path;
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") ? `${path.slice(0, dot)}${suffix}${path.slice(dot)}` : `${path}${suffix}`;
}

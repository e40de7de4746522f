// What CLI commands act on: the data plane and, for show commands, a way to describe packets.
import type { Dataplane } from "../dataplane/dataplane.js";
import type { HostInterfaceIo } from "../interfaces/host-interfaces.js";
import type { EngineCounters } from "../interfaces/engine-counters.js";
import type { CaptureWriter } from "../capture/capture-writer.js";
import { CommandRegistry } from "./registry.js";

export interface CliContext {
  dataplane: Dataplane;
  /**
   * An export destination ("stdout" or a path), checked when the line is parsed (throws with what
   * is wrong) and written once the job starts; only hosts with a file system provide it.
   */
  openExport?: (target: string) => (line: string) => void;
  /** Live packet I/O for `create host-interface` (manycast run); replay has none: host interfaces are names there. */
  hostIo?: HostInterfaceIo;
  /** Creates a pcapng file for `pcap trace` (hosts with a file system); close() finishes it. */
  openCapture?: (path: string) => Pick<CaptureWriter, "write"> & { close(): void };
  /** The other engines of a multi-worker run: show errors, runtime and interface sum their counters with this one's. */
  peerCounters?: () => EngineCounters[];
}

export type ManycastRegistry = CommandRegistry<CliContext>;

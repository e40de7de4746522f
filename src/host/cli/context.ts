// What CLI commands act on: the data plane and, for show commands, a way to describe packets.
import type { Dataplane } from "../dataplane/dataplane.js";
import { CommandRegistry } from "./registry.js";

export interface CliContext {
  dataplane: Dataplane;
  /**
   * An export destination ("stdout" or a path), checked when the line is parsed (throws with what
   * is wrong) and written once the job starts; only hosts with a file system provide it.
   */
  openExport?: (target: string) => (line: string) => void;
}

export type ManycastRegistry = CommandRegistry<CliContext>;

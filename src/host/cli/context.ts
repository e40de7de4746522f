// What CLI commands act on: the data plane and, for show commands, a way to describe packets.
import type { Dataplane } from "../dataplane/dataplane.js";
import { CommandRegistry } from "./registry.js";

export interface CliContext {
  dataplane: Dataplane;
  /** Opens an export destination ("stdout" or a path); only hosts with a file system provide it. */
  openExport?: (target: string) => (line: string) => void;
}

export type ManycastRegistry = CommandRegistry<CliContext>;

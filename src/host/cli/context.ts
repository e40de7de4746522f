// What CLI commands act on: the data plane and, for show commands, a way to describe packets.
import type { Dataplane } from "../dataplane/dataplane.js";
import { CommandRegistry } from "./registry.js";

export interface CliContext {
  dataplane: Dataplane;
}

export type ManycastRegistry = CommandRegistry<CliContext>;

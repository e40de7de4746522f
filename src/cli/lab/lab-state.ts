// What a lab made, written down as it is made (/run/manycast/lab/PREFIX/state.json), so that
// whatever ends the lab (its own exit, Ctrl-C, `manycast lab down` after --keep or after a lab that
// was killed) removes exactly that: its processes by pid, its namespaces by name, its directory.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deleteNamespace, listNamespaces } from "../../io/netns.js";
import { stopProcess, type LabProcess } from "./processes.js";

export const LAB_ROOT = "/run/manycast/lab";
export const DEFAULT_PREFIX = "mclab";

export interface LabState {
  prefix: string;
  dir: string;
  namespaces: string[];
  processes: LabProcess[];
  /** The engines' CLI sockets, by node name (M, E1, ..., CE). */
  sockets: Record<string, string>;
  kept: boolean;
  startedAt: string;
}

export function labDirectory(prefix: string): string {
  return join(LAB_ROOT, prefix);
}

/** A prefix names namespaces and a directory: short, lower-case letters and digits. */
export function checkPrefix(prefix: string): string | undefined {
  return /^[a-z][a-z0-9]{0,15}$/.test(prefix)
    ? undefined
    : `'${prefix.slice(0, 40)}' is not a lab prefix: 1 to 16 lower-case letters and digits, a letter first`;
}

export function saveState(state: LabState): void {
  const file = join(state.dir, "state.json");
  writeFileSync(`${file}.new`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.new`, file);
}

export function newState(prefix: string): LabState {
  const dir = labDirectory(prefix);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const state: LabState = { prefix, dir, namespaces: [], processes: [], sockets: {}, kept: false, startedAt: new Date().toISOString() };
  saveState(state);
  return state;
}

export function readState(prefix: string): LabState | undefined {
  try {
    return JSON.parse(readFileSync(join(labDirectory(prefix), "state.json"), "utf8")) as LabState;
  } catch {
    return undefined;
  }
}

/** The prefixes of the labs whose directories exist. */
export function labsUp(): string[] {
  if (!existsSync(LAB_ROOT)) return [];
  return readdirSync(LAB_ROOT).filter((name) => checkPrefix(name) === undefined);
}

/**
 * Removes what a lab made: its processes (the engines get SIGTERM and stop as `manycast run` does),
 * its namespaces (the listed ones and any other named PREFIX-...), its directory. Returns what it
 * did, for the operator.
 */
export async function takeDown(prefix: string): Promise<{ processes: number; namespaces: number }> {
  const state = readState(prefix);
  const dir = labDirectory(prefix);
  let processes = 0;
  // Engines first (they send what they hold and close their sockets), clients and servers with them.
  for (const p of state?.processes ?? []) {
    await stopProcess(p.pid, dir);
    processes++;
  }
  const names = new Set([...(state?.namespaces ?? []), ...listNamespaces(`${prefix}-`)]);
  for (const ns of [...names].reverse()) deleteNamespace(ns);
  rmSync(dir, { recursive: true, force: true });
  return { processes, namespaces: names.size };
}

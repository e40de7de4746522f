// `manycast simulate`'s options, each bounded with its limit in the message, so a value the
// simulated engines' CLI or the virtual clock could not take is refused up front, naming the
// option, instead of failing inside the run. docs/robustness.md lists the limits.
import { InvalidArgumentError } from "commander";
import { shortened, terminalSafe } from "../host/text/terminal-safe.js";

export const SIMULATE_LIMITS = {
  servers: 9,
  /** db04::1 to db04::ffff: one address group. */
  clients: 0xffff,
  connections: 100_000,
  rounds: 1_000,
  /** clients × connections × rounds: the connections one run makes (memory and time grow with it). */
  totalConnections: 100_000,
  flood: 1_000_000,
  /** One-way delays and the selection wait, ms: what nsim and sr-tunnel-select take (60 s). */
  delayMs: 60_000,
  waitMs: 60_000,
  gapMs: 60_000,
  /** sr-tunnel-select's client-lifetime, s. */
  clientLifetimeSeconds: 86_400,
  idleSeconds: 1_000_000,
  /** IOAM app data is 32 bits. */
  load: 0xffff_ffff,
  flowsMin: 16,
  flowsMax: 1 << 24,
  entries: 1 << 20,
  seed: 0xffff_ffff,
} as const;

function shown(value: string): string {
  return `'${terminalSafe(shortened(value, 40))}'`;
}

/** An integer from `min` to `max`; `what` says what it counts. */
export function boundedInteger(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${shown(value)} is not ${what} from ${min} to ${max}`);
    }
    return Number(value);
  };
}

/** Milliseconds from 0 (or just above, when `positive`) to `max`, in whole nanoseconds. */
export function milliseconds(max: number, positive = false): (value: string) => number {
  return (value) => parseMilliseconds(value, max, positive);
}

function parseMilliseconds(value: string, max: number, positive: boolean): number {
  const text = value.trim();
  const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (!match) throw new InvalidArgumentError(`${shown(value)} is not a time in ms (e.g. 5 or 0.25)`);
  const [, whole, fraction = ""] = match;
  // The engines count nanoseconds: a millisecond has six decimal places of them.
  if (fraction.replace(/0+$/, "").length > 6)
    throw new InvalidArgumentError(`${shown(value)} ms is finer than the 1 ns the simulation resolves (at most 6 decimals)`);
  const ms = Number(`${whole}.${fraction || "0"}`);
  if (ms > max) throw new InvalidArgumentError(`${shown(value)} ms is more than ${max} ms`);
  if (positive && ms === 0) throw new InvalidArgumentError(`${shown(value)} ms: give more than 0`);
  return ms;
}

/** "5,1,9": one time in ms per server, 1 to SIMULATE_LIMITS.servers of them. */
export function delayList(value: string): number[] {
  return list(value, "delays").map((part) => parseMilliseconds(part, SIMULATE_LIMITS.delayMs, false));
}

/** "50,50,50": one load (IOAM app data, an integer) per server. */
export function loadList(value: string): number[] {
  return list(value, "loads").map(boundedInteger(0, SIMULATE_LIMITS.load, "a load"));
}

/** "1,3": server edges, numbered from 1. */
export function serverList(value: string): number[] {
  return list(value, "server numbers").map(boundedInteger(1, SIMULATE_LIMITS.servers, "a server number"));
}

function list(value: string, what: string): string[] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length > SIMULATE_LIMITS.servers) throw new InvalidArgumentError(`${parts.length} ${what}: at most ${SIMULATE_LIMITS.servers}, one per server`);
  return parts;
}

/** A flow table size: a power of two, as sr-tunnel-select takes it. */
export function flowTableSize(value: string): number {
  const size = boundedInteger(SIMULATE_LIMITS.flowsMin, SIMULATE_LIMITS.flowsMax, "a flow table size")(value);
  if (size & (size - 1)) throw new InvalidArgumentError(`${shown(value)} is not a power of two (16, 32, ... ${SIMULATE_LIMITS.flowsMax})`);
  return size;
}

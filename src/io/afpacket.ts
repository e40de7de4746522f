// The AF_PACKET addon (native/, built by `npm install`): loaded on demand, so every command but
// `manycast run` works without it, and when it is missing `run` says why (build/addon/status.json).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ADDON_BINARY, ADDON_STATUS, checkout } from "./addon-paths.js";

declare const ioBrand: unique symbol;
declare const portBrand: unique symbol;
/** The addon's per-engine state: its attached sockets and the engine memory layout. */
export type IoHandle = { readonly [ioBrand]: true };
/** An opened socket not yet attached to an interface. */
export type PortHandle = { readonly [portBrand]: true };

export interface PortSettings {
  qdiscBypass: boolean;
  /** 0: none; else the PACKET_FANOUT_HASH group id shared by the workers' sockets on one interface. */
  fanoutGroup: number;
  rxBlockSize?: number;
  rxBlockCount?: number;
  txFrameSize?: number;
  txFrameCount?: number;
}

export interface LinkInfo {
  ifindex: number;
  mtu: number;
  mac: number[];
  operUp: boolean;
}

export interface AfPacketAddon {
  createIo(): IoHandle;
  /** The engine's region addresses (descriptors, buffers, transmit list, error counters, interface table). */
  configure(io: IoHandle, descriptors: number, buffers: number, txList: number, errorCounters: number, interfaceTable: number): void;
  /** A socket with its rings on the Linux interface, or why it cannot be opened. */
  openPort(name: string, settings: PortSettings): PortHandle | string;
  attach(io: IoHandle, port: PortHandle, swIfIndex: number): void;
  /** A sub-interface sends through its parent's socket. */
  route(io: IoHandle, swIfIndex: number, parentSwIfIndex: number): void;
  closeAll(io: IoHandle): void;
  /** Up to `capacity` frames into descriptors [0, n) of `memory`; stops before a frame stamped after notAfter (sec -1: no limit). */
  receive(io: IoHandle, memory: ArrayBuffer, capacity: number, notAfterSec: number, notAfterNsec: number): number;
  /** [sec, nsec] of the frame the last receive() stopped before, or null. */
  heldTime(io: IoHandle): [number, number] | null;
  /** The first `count` entries of the transmit list, each by its interface's socket; returns how many were queued. */
  transmit(io: IoHandle, memory: ArrayBuffer, count: number): number;
  /** Adds the kernel's receive-ring drops to each interface's rx-miss counter; returns their sum. */
  collect(io: IoHandle, memory: ArrayBuffer): number;
  rxReady(io: IoHandle): boolean;
  /** callback() when a ring has frames; callback(swIfIndex, message) when a socket fails (link down, interface gone). */
  watch(io: IoHandle, callback: (swIfIndex?: number, message?: string) => void): void;
  unwatch(io: IoHandle): void;
  describe(io: IoHandle, swIfIndex: number): string;
  linkInfo(name: string): LinkInfo | null;
  /** CLOCK_REALTIME, the clock receive timestamps come from. */
  now(): [number, number];
}

export type AddonLoad = { addon: AfPacketAddon; why?: undefined } | { addon?: undefined; why: string };

let loaded: AddonLoad | undefined;

/** The addon, or why it is not there (never throws). */
export function loadAfPacket(): AddonLoad {
  return (loaded ??= load());
}

function load(): AddonLoad {
  let root: string;
  try {
    root = checkout();
  } catch (err) {
    return { why: (err as Error).message };
  }
  const binary = join(root, ADDON_BINARY);
  if (!existsSync(binary)) {
    let why = "the AF_PACKET addon was never built (run `npm install` or `npm run addon` in the checkout)";
    try {
      const status = JSON.parse(readFileSync(join(root, ADDON_STATUS), "utf8")) as { ok: boolean; why?: string };
      if (!status.ok && status.why) why = status.why;
    } catch {
      /* no status either: the build never ran */
    }
    return { why };
  }
  try {
    return { addon: createRequire(import.meta.url)(binary) as AfPacketAddon };
  } catch (err) {
    return { why: `the AF_PACKET addon ${binary} does not load: ${(err as Error).message} (rebuild it: npm run addon)` };
  }
}

// VPP's host interfaces (`create host-interface name IFNAME`): a software interface `host-IFNAME`
// bound to a Linux interface through an AF_PACKET socket. The model is browser-safe; the socket is
// the live run's business (src/io/afpacket.ts), reached through HostInterfaceIo. Replay has no such
// I/O: there the interfaces are names (and MACs, MTUs) only, so one config serves both.
import { onePerDataplane } from "../one-per.js";

export const HOST_INTERFACE_PREFIX = "host-";
/** VPP's default L3 MTU for an Ethernet interface, used where no Linux interface says otherwise. */
export const DEFAULT_ETHERNET_MTU = 9000;

export type RxMode = "interrupt" | "polling";

export interface HostInterface {
  swIfIndex: number;
  linuxName: string;
  /** The MAC the engine uses on the interface (hw-addr, or one made from the name). */
  hwAddress: Uint8Array;
  rxMode: RxMode;
  qdiscBypass: boolean;
}

/** What the live run knows about a Linux interface, read when a config line names it. */
export interface LinuxInterface {
  ifindex: number;
  mtu: number;
  mac: Uint8Array;
  operUp: boolean;
}

/** A socket opened for a `create host-interface` line while it is parsed: attached when the line is applied. */
export interface PreparedHostInterface {
  linux: LinuxInterface;
  attach(swIfIndex: number, settings: HostInterface): void;
}

/** Live packet I/O, provided by `manycast run`; absent in replay. */
export interface HostInterfaceIo {
  /** Opens the packet socket for the Linux interface, or says why it cannot (no such interface, no permission). */
  prepare(linuxName: string, settings: { qdiscBypass: boolean }): PreparedHostInterface | string;
  /** The Linux interface as it is now, or undefined if it vanished. */
  inspect(linuxName: string): LinuxInterface | undefined;
  /** Lines for `show hardware-interfaces`: the socket and its rings. */
  describe(swIfIndex: number): string[];
  /** `set interface rx-mode`: interrupt (woken by the socket) or polling (busy). */
  setRxMode(swIfIndex: number, mode: RxMode): void;
}

/**
 * The MAC a host interface gets without hw-addr: VPP's 02:fe prefix (locally administered) and four
 * octets hashed from the Linux name, so it differs from the Linux interface's own (the kernel then
 * ignores what is sent to the engine) and is the same on every run.
 */
export function hostInterfaceMac(linuxName: string): Uint8Array {
  let h = 0x811c9dc5;
  for (const c of new TextEncoder().encode(linuxName)) h = Math.imul(h ^ c, 0x01000193) >>> 0;
  return Uint8Array.of(0x02, 0xfe, h >>> 24, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
}

export class HostInterfaces {
  private readonly bySwIfIndex = new Map<number, HostInterface>();

  add(hostInterface: HostInterface): void {
    this.bySwIfIndex.set(hostInterface.swIfIndex, hostInterface);
  }

  get(swIfIndex: number): HostInterface | undefined {
    return this.bySwIfIndex.get(swIfIndex);
  }

  byLinuxName(linuxName: string): HostInterface | undefined {
    for (const h of this.bySwIfIndex.values()) if (h.linuxName === linuxName) return h;
    return undefined;
  }

  all(): HostInterface[] {
    return [...this.bySwIfIndex.values()];
  }
}

/** The data plane's host interfaces, made on first use. */
export const hostInterfacesOf = onePerDataplane(() => new HostInterfaces());

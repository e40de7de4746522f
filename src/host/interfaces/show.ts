// What `show interface [address]` and `show hardware-interfaces` print, in VPP's layout.
import type { Dataplane } from "../dataplane/dataplane.js";
import { LOCAL_INTERFACE, type SoftwareInterface } from "../dataplane/interfaces.js";
import { fibOf } from "../fib/fib.js";
import { formatIp6, formatMac } from "../format/ip6-address.js";
import { columnsRow, type Column } from "../format/columns.js";
import { hostInterfacesOf, type HostInterfaceIo } from "./host-interfaces.js";
import { interfaceTotals, type EngineCounters } from "./engine-counters.js";
import { interfaceTableOf } from "./interface-table.js";
import { interfaceConfigOf } from "./interface-config.js";

/** Admin state as `show interface` prints it; local0 (index 0), the node itself, is never up. */
export function isInterfaceUp(dataplane: Dataplane, index: number): boolean {
  return index !== LOCAL_INTERFACE && interfaceConfigOf(dataplane.engine).isUp(index);
}

function center(text: string, width: number): string {
  const left = Math.floor(Math.max(0, width - text.length) / 2);
  return `${" ".repeat(left)}${text}`.padEnd(width);
}

/** `show interface`: admin state, MTU and the non-zero counters, summed with the workers' (`peers`). */
export function formatCounters(dataplane: Dataplane, peers: readonly EngineCounters[], interfaces: readonly SoftwareInterface[]): string {
  const table = interfaceTableOf(dataplane.engine);
  const lines = [
    `${center("Name", 32)}${center("Idx", 5)}${center("State", 10)}${center("MTU (L3/IP4/IP6/MPLS)", 21)}${center("Counter", 16)}${center("Count", 16)}`.trimEnd(),
  ];
  const indent = " ".repeat(32 + 5 + 10 + 21);
  for (const iface of interfaces) {
    const c = interfaceTotals(dataplane, iface.index, peers);
    const rows: [string, bigint][] = [
      ["rx packets", c.rxPackets],
      ["rx bytes", c.rxBytes],
      ["tx packets", c.txPackets],
      ["tx bytes", c.txBytes],
      ["drops", c.drops],
      ["rx-miss", c.rxMiss],
      ["tx-error", c.txErrors],
    ];
    const shown = rows.filter(([, value]) => value !== 0n).map(([name, value]) => `${name.padEnd(16)}${value.toString().padStart(16)}`);
    const head = `${iface.name.padEnd(32)}${center(String(iface.index), 5)}${center(isInterfaceUp(dataplane, iface.index) ? "up" : "down", 10)}${center(`${table.mtu(iface.index)}/0/0/0`, 21)}`;
    lines.push(`${head}${shown[0] ?? ""}`.trimEnd());
    for (const row of shown.slice(1)) lines.push(`${indent}${row}`);
  }
  return lines.join("\n");
}

/** `show interface address`. */
export function formatAddresses(dataplane: Dataplane, interfaces: readonly SoftwareInterface[]): string {
  const fib = fibOf(dataplane.engine);
  const lines: string[] = [];
  for (const iface of interfaces) {
    lines.push(`${iface.name} (${isInterfaceUp(dataplane, iface.index) ? "up" : "dn"}):`);
    for (const a of fib.addresses(iface.index)) lines.push(`  L3 ${formatIp6(a.address)}/${a.length}`);
  }
  return lines.join("\n");
}

const HARDWARE_COLUMNS: readonly Column[] = [
  { width: 32, align: "left" },
  { width: 5, align: "right" },
  { width: 6, align: "left", gap: "   " },
  { width: 0, align: "left" },
];

/** `show hardware-interfaces`: link, MAC and, for host interfaces, the packet socket and its rings. */
export function formatHardwareInterfaces(
  dataplane: Dataplane,
  hostIo: HostInterfaceIo | undefined,
  interfaces: readonly SoftwareInterface[],
  brief: boolean,
): string {
  const lines = [columnsRow(HARDWARE_COLUMNS, ["Name", "Idx", "Link", "Hardware"])];
  for (const iface of interfaces) {
    const host = hostInterfacesOf(dataplane).get(iface.index);
    const linux = host && hostIo?.inspect(host.linuxName);
    const link = isInterfaceUp(dataplane, iface.index) && (!host || !hostIo || linux?.operUp) ? "up" : "down";
    lines.push(columnsRow(HARDWARE_COLUMNS, [iface.name, String(iface.index), link, iface.name]));
    if (brief) continue;
    if (iface.index === LOCAL_INTERFACE) {
      lines.push("  local");
      continue;
    }
    lines.push(`  Ethernet address ${formatMac(fibOf(dataplane.engine).interfaceMac(iface.index))}`);
    if (iface.sub) {
      lines.push(`  802.1Q sub-interface of ${dataplane.interfaces.name(iface.sub.parent)}, dot1q ${iface.sub.vlan}`);
      continue;
    }
    if (!host) {
      lines.push("  no Linux interface: frames come from and go to captures or simulated links");
      continue;
    }
    lines.push(`  Linux PACKET socket interface v3 on ${host.linuxName}${linux ? ` (ifindex ${linux.ifindex}, MTU ${linux.mtu})` : ""}`);
    lines.push(`  RX Queues:`, `    queue thread         mode`, `    0     main (0)       ${host.rxMode}`);
    if (!hostIo) lines.push("  not opened: replay has no live interfaces");
    else if (!linux) lines.push(`  the Linux interface ${host.linuxName} is gone: its frames are dropped`);
    else lines.push(...hostIo.describe(iface.index).map((l) => `  ${l}`));
  }
  return lines.join("\n");
}

/** `show mode`: each interface's mode, l3 or l2 xconnect and its peer (local0 carries no frames). */
export function formatModes(dataplane: Dataplane, interfaces: readonly SoftwareInterface[]): string {
  const table = interfaceTableOf(dataplane.engine);
  return interfaces
    .filter((i) => i.index !== LOCAL_INTERFACE)
    .map((i) => {
      const peer = table.xconnect(i.index);
      return peer === undefined ? `l3 ${i.name}` : `l2 xconnect ${i.name} ${dataplane.interfaces.name(peer)}`;
    })
    .join("\n");
}

// `show interface [address] [IF ...]` and `clear interfaces`: the software interfaces with their
// admin state, MTU and counters (summed over the workers of a run), in VPP's layout.
import type { CliContext, ManycastRegistry } from "../context.js";
import type { Arguments } from "../arguments.js";
import { CliError } from "../tokens.js";
import { fibOf } from "../../fib/fib.js";
import { formatIp6 } from "../../format/ip6-address.js";
import { interfaceTableOf } from "../../interfaces/interface-table.js";
import { interfaceTotals } from "../../interfaces/engine-counters.js";
import type { SoftwareInterface } from "../../dataplane/interfaces.js";

const LOCAL_INTERFACE = 0; // local0: the node itself, never up

/** The interfaces named on the rest of the line (all when none), sorted by name as VPP lists them. */
export function selectedInterfaces(args: Arguments, { dataplane }: CliContext): SoftwareInterface[] {
  const chosen: SoftwareInterface[] = [];
  while (!args.done) {
    const column = args.column;
    const name = args.word("an interface name");
    const iface = dataplane.interfaces.find(name);
    if (!iface) throw new CliError(column, `no interface ${name}`);
    chosen.push(iface);
  }
  const list = chosen.length > 0 ? chosen : [...dataplane.interfaces.all()];
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function interfaceUp(context: CliContext, index: number): boolean {
  return index !== LOCAL_INTERFACE && interfaceTableOf(context.dataplane.engine).adminUp(index);
}

function center(text: string, width: number): string {
  const left = Math.floor(Math.max(0, width - text.length) / 2);
  return `${" ".repeat(left)}${text}`.padEnd(width);
}

function formatCounters(context: CliContext, interfaces: SoftwareInterface[]): string {
  const table = interfaceTableOf(context.dataplane.engine);
  const peers = context.peerCounters?.() ?? [];
  const lines = [`${center("Name", 32)}${center("Idx", 5)}${center("State", 10)}${center("MTU (L3/IP4/IP6/MPLS)", 21)}${center("Counter", 16)}${center("Count", 16)}`.trimEnd()];
  const indent = " ".repeat(32 + 5 + 10 + 21);
  for (const iface of interfaces) {
    const c = interfaceTotals(context.dataplane, iface.index, peers);
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
    const head = `${iface.name.padEnd(32)}${center(String(iface.index), 5)}${center(interfaceUp(context, iface.index) ? "up" : "down", 10)}${center(`${table.mtu(iface.index)}/0/0/0`, 21)}`;
    lines.push(`${head}${shown[0] ?? ""}`.trimEnd());
    for (const row of shown.slice(1)) lines.push(`${indent}${row}`);
  }
  return lines.join("\n");
}

function formatAddresses(context: CliContext, interfaces: SoftwareInterface[]): string {
  const fib = fibOf(context.dataplane.engine);
  const lines: string[] = [];
  for (const iface of interfaces) {
    lines.push(`${iface.name} (${interfaceUp(context, iface.index) ? "up" : "dn"}):`);
    for (const a of fib.addresses(iface.index)) lines.push(`  L3 ${formatIp6(a.address)}/${a.length}`);
  }
  return lines.join("\n");
}

export function registerInterfaceCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["show interface", "show interfaces", "show int"],
    usage: "show interface [address] [<interface> ...]",
    help: "software interfaces: admin state, MTU, rx/tx packets and bytes, drops; 'address' lists their IPv6 addresses",
    parse(args, context) {
      const addresses = args.accept("address", "addr");
      const interfaces = selectedInterfaces(args, context);
      return () => (addresses ? formatAddresses(context, interfaces) : formatCounters(context, interfaces));
    },
  });
  registry.register({
    paths: ["clear interfaces", "clear interface", "clear hardware-interfaces"],
    usage: "clear interfaces",
    help: "zero every interface's counters",
    parse(args, { dataplane }) {
      args.end();
      return () => interfaceTableOf(dataplane.engine).clearCounters();
    },
  });
}

// IOAM trace configuration in VPP's CLI: trace profiles (VPP and RFC 9197 formats), the rewrite,
// IOAM namespaces, export and the show commands, with VPP's wording.
import type { Arguments } from "../arguments.js";
import type { ManycastRegistry, CliContext } from "../context.js";
import { CliError } from "../tokens.js";
import { noArguments } from "../registry.js";
import { ioamState, snapshotOctets } from "../../ioam/ioam-state.js";
import { buildRewrite } from "../../ioam/rewrite.js";
import { rfcNodeLength, vppSlotSize } from "../../ioam/trace-sizes.js";
import type { IoamNodeIdentity, RfcTraceProfile, TimestampPrecision, VppTraceProfile } from "../../ioam/trace-profiles.js";
import { formatIoamSummary, formatTraceCounters, formatTraceProfiles } from "../../ioam/show.js";
import { startTraceExport } from "../../ioam/trace-export.js";
import { PathDelayStatistics } from "../../ioam/path-stats.js";
import { formatE2e } from "../../ioam/e2e-report.js";
import { classifierOf } from "../../classify/classifier.js";
import { TRACE_BIT_OSS, TRACE_DATA_MAX, TRACE_WORD } from "../../../../assembly/wire/ioam.layout.js";
import type { Located } from "../readers.js";
import { VPP_TRACE_BIT_LOOPBACK, VPP_TRACE_BIT_LOOPBACK_REPLY } from "../../../../assembly/wire/vpp-ioam.layout.js";
import { onePerDataplane } from "../../one-per.js";

// Trace-type bits an encapsulating node may ask for (Linux refuses bits 12-21 and 23 at encap).
const RFC_ENCAP_TYPE_BITS = 0xfff002;
const VPP_MAX_OPTION_DATA = 254;
const statisticsOf = onePerDataplane(() => new PathDelayStatistics());

function pathStatistics(context: CliContext): PathDelayStatistics {
  return statisticsOf(context.dataplane);
}

/**
 * A VPP trace type this node can write and read back: bits 0x01-0x10 choose the fields of a slot
 * (node id, interfaces, timestamp, app data). The loopback flags are refused, with the reason: this
 * engine does not send traces back (0x20), and a loopback reply (0x40) is a packet only a node
 * answering a loopback builds, never an encapsulating node.
 */
function vppTraceType(args: Arguments): number {
  const column = args.column;
  const type = args.integer("trace type (0x1f, 0x7, 0x3, 0x9, 0x11 or 0x19)", 1, 0x7f);
  if (type & VPP_TRACE_BIT_LOOPBACK)
    throw new CliError(column, `trace-type 0x${type.toString(16)}: loopback (0x20) is not supported: this node never sends a trace back to its encapsulator`);
  if (type & VPP_TRACE_BIT_LOOPBACK_REPLY) {
    throw new CliError(
      column,
      `trace-type 0x${type.toString(16)}: loopback reply (0x40) marks a reply to a loopback, which an encapsulating node never builds`,
    );
  }
  if (vppSlotSize(type) === 0) throw new CliError(column, `trace-type 0x${type.toString(16)} records nothing`);
  return type;
}

/** Reads VPP trace-profile tokens in any order, as VPP does; returns the profile or throws. */
function parseVppProfile(args: Arguments, startColumn: number): VppTraceProfile {
  const seen: Partial<VppTraceProfile> = {};
  while (!args.done) {
    if (args.accept("trace-type")) seen.traceType = vppTraceType(args);
    else if (args.accept("trace-elts")) seen.elements = args.integer("number of trace elements", 1, 255);
    else if (args.accept("trace-tsp")) seen.precision = args.integer("timestamp precision 0-3", 0, 3) as TimestampPrecision;
    else if (args.accept("node-id")) seen.nodeId = args.integer("node id", 1, 0xffffff);
    else if (args.accept("app-data")) seen.appData = args.integer("app data", 0, 0xffffffff);
    else if (args.peek() === "pot") break;
    else args.fail("trace-type, trace-elts, trace-tsp, node-id or app-data");
  }
  for (const [key, word] of [
    ["traceType", "trace-type"],
    ["elements", "trace-elts"],
    ["nodeId", "node-id"],
  ] as const) {
    if (seen[key] === undefined) throw new CliError(startColumn, `${word} is required`);
  }
  const profile = { ...seen, precision: seen.precision ?? 0, appData: seen.appData ?? 0 } as VppTraceProfile;
  const slot = vppSlotSize(profile.traceType);
  if (profile.elements * slot + 2 > VPP_MAX_OPTION_DATA) {
    throw new CliError(
      startColumn,
      `trace-elts ${profile.elements} x ${slot} octets does not fit one option (at most ${Math.floor((VPP_MAX_OPTION_DATA - 2) / slot)} elements)`,
    );
  }
  return profile;
}

// The profile's interface ids moved to the interfaces, as Linux keeps them.
const MOVED_TO_INTERFACES = ["if-id-in", "if-id-out", "if-id-in-wide", "if-id-out-wide"];

/**
 * An RFC 9197 profile for the encapsulating node: the namespace, the trace type (bits 0-11 and 22,
 * what Linux's encap accepts) and how much node data to pre-allocate, either in octets like Linux's
 * `size` (4..244, a multiple of 4) or as `trace-elts` nodes' worth. `node-id` and `node-id-wide`
 * set this node's identity (as `set ioam6 node-id` does).
 */
function parseRfcProfile(args: Arguments, startColumn: number, context: CliContext): { profile: RfcTraceProfile; node?: Partial<IoamNodeIdentity> } {
  let namespace: number | undefined;
  let traceType: number | undefined;
  let elements: Located<number> | undefined;
  let size: Located<number> | undefined;
  const node: Partial<IoamNodeIdentity> = {};
  while (!args.done) {
    const column = args.column;
    if (args.accept("namespace", "ns")) namespace = args.integer("namespace id", 0, 0xffff);
    else if (args.accept("trace-type", "type")) {
      const valueColumn = args.column;
      const type = args.integer("24-bit trace type", 1, 0xffffff);
      if (type & ~RFC_ENCAP_TYPE_BITS)
        throw new CliError(valueColumn, `trace-type 0x${type.toString(16)}: only bits 0-11 and 22 (mask 0xfff002) can be encapsulated`);
      traceType = type;
    } else if (args.accept("trace-elts")) elements = { column, value: args.integer("number of trace elements", 1, 61) };
    else if (args.accept("size")) {
      const valueColumn = args.column;
      const octets = args.integer("trace size in octets (4..244, a multiple of 4)", 0, 0xffff);
      if (octets < TRACE_WORD || octets > TRACE_DATA_MAX || octets % TRACE_WORD !== 0) {
        throw new CliError(valueColumn, `trace size ${octets}: a multiple of ${TRACE_WORD} in ${TRACE_WORD}..${TRACE_DATA_MAX} octets, as Linux accepts`);
      }
      size = { column, value: octets };
    } else if (args.accept("node-id")) node.id = args.integer("node id", 0, 0xffffff);
    else if (args.accept("node-id-wide")) node.wide = args.bigInteger("wide node id", 0xffffffffffffffn);
    else if (MOVED_TO_INTERFACES.includes(args.peek() ?? "")) {
      throw new CliError(column, `${args.peek()}: interface ids are per interface, as in Linux: set interface ioam6 <interface> id <n> [wide <n>]`);
    } else args.fail("namespace, trace-type, trace-elts, size, node-id or node-id-wide");
  }
  if (namespace === undefined) throw new CliError(startColumn, "namespace is required for an rfc9197 profile");
  if (traceType === undefined) throw new CliError(startColumn, "trace-type is required for an rfc9197 profile");
  if (elements && size) throw new CliError(size.column, "give the trace size either as trace-elts or as size, not both");
  if (!elements && !size) throw new CliError(startColumn, "trace-elts or size is required for an rfc9197 profile");
  let dataOctets: number;
  if (size) dataOctets = size.value;
  else {
    const state = ioamState(context.dataplane);
    const snapshot = traceType & TRACE_BIT_OSS ? snapshotOctets(state.schemaOf(state.namespaces.get(namespace))) : 0;
    const perNode = rfcNodeLength(traceType) * TRACE_WORD + snapshot;
    dataOctets = elements!.value * perNode;
    if (dataOctets > TRACE_DATA_MAX) {
      throw new CliError(
        elements!.column,
        `trace-elts ${elements!.value} needs ${dataOctets} octets of node data; one IOAM option holds at most ${TRACE_DATA_MAX} (${Math.floor(TRACE_DATA_MAX / perNode)} elements)`,
      );
    }
  }
  return { profile: { namespace, traceType, dataOctets, elements: elements?.value }, node };
}

function setRewrite(context: CliContext, flags: { trace: boolean; pot: boolean; seqno: boolean }, column: number): () => string | void {
  const state = ioamState(context.dataplane);
  const trace = flags.trace ? (state.rfcProfile ?? state.vppProfile) : undefined;
  const bytes = buildRewrite({ trace, pot: flags.pot, seqno: flags.seqno });
  if (typeof bytes === "string") throw new CliError(column, bytes);
  return () => state.setRewrite({ bytes, flags, format: state.rfcProfile && flags.trace ? "rfc9197" : "vpp" });
}

export function registerIoamCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set ioam-trace profile"],
    usage:
      "set ioam-trace profile trace-type 0x<t> trace-elts <n> [trace-tsp 0-3] node-id 0x<id> [app-data 0x<v>] | format rfc9197 namespace <id> trace-type 0x<24-bit> (trace-elts <n> | size <octets>) [node-id <id>] [node-id-wide <id>]",
    help: "this node's trace profile (VPP option 0x3B, or RFC 9197 option 0x31)",
    parse(args, context) {
      const column = args.column;
      if (args.accept("format")) {
        if (args.accept("rfc9197", "rfc9486")) {
          const { profile, node } = parseRfcProfile(args, column, context);
          return () => {
            const state = ioamState(context.dataplane);
            state.rfcProfile = profile;
            state.node = { ...state.node, ...node };
            state.write();
          };
        }
        args.expect("vpp");
      }
      const profile = parseVppProfile(args, column);
      args.end();
      return () => {
        const state = ioamState(context.dataplane);
        state.vppProfile = profile;
        state.write();
      };
    },
  });
  registry.register({
    paths: ["clear ioam-trace profile"],
    usage: "clear ioam-trace profile [<index>|all]",
    help: "forget the trace profiles",
    parse(args, context) {
      // VPP ignores the argument: there is one profile of each format.
      if (!args.accept("all") && !args.done) args.integer("profile index or all");
      args.end();
      return () => {
        const state = ioamState(context.dataplane);
        state.vppProfile = undefined;
        state.rfcProfile = undefined;
        state.write();
      };
    },
  });
  registry.register({
    paths: ["set ioam rewrite"],
    usage: "set ioam rewrite [trace] [pot] [seqno] [analyse] | trace-type 0x<t> trace-elts <n> trace-tsp <p> node-id 0x<id> app-data 0x<v> [pot]",
    help: "the hop-by-hop header inserted by ip6-add-hop-by-hop (the second form also sets the trace profile, as VPP's docs write it)",
    parse(args, context) {
      const column = args.column;
      if (args.peek() === "trace-type" || args.peek() === "trace-elts" || args.peek() === "node-id") {
        const profile = parseVppProfile(args, column);
        const pot = args.accept("pot");
        args.end();
        return () => {
          const state = ioamState(context.dataplane);
          state.vppProfile = profile;
          state.rfcProfile = undefined;
          return setRewrite(context, { trace: true, pot, seqno: false }, column)();
        };
      }
      const flags = { trace: false, pot: false, seqno: false };
      while (!args.done) {
        if (args.accept("trace")) flags.trace = true;
        else if (args.accept("pot")) flags.pot = true;
        else if (args.accept("seqno")) flags.seqno = true;
        else if (!args.accept("analyse")) args.fail("trace, pot, seqno or analyse");
      }
      const state = ioamState(context.dataplane);
      if (flags.trace && !state.vppProfile && !state.rfcProfile) {
        throw new CliError(column, "no trace profile: configure 'set ioam-trace profile ...' first");
      }
      return setRewrite(context, flags, column);
    },
  });
  registry.register({
    paths: ["clear ioam rewrite"],
    usage: "clear ioam rewrite",
    help: "stop inserting IOAM options",
    parse: noArguments(({ dataplane }) => ioamState(dataplane).setRewrite(undefined)),
  });
  registry.register({
    paths: ["show ioam summary"],
    usage: "show ioam summary",
    help: "the effective IOAM configuration",
    parse: noArguments(({ dataplane }) => formatIoamSummary(ioamState(dataplane))),
  });
  registry.register({
    paths: ["show ioam-trace profile"],
    usage: "show ioam-trace profile",
    help: "this node's trace profiles",
    parse: noArguments(({ dataplane }) => formatTraceProfiles(ioamState(dataplane))),
  });
  registry.register({
    paths: ["show ioam trace"],
    usage: "show ioam trace",
    help: "trace option counters",
    parse: noArguments(({ dataplane }) => formatTraceCounters(dataplane.engine.errorCounts())),
  });
  registry.register({
    paths: ["set ioam export"],
    usage: "set ioam export file <path>|stdout|disable",
    help: "at the decapsulating node, write one JSON line per packet with its decoded trace",
    parse(args, context) {
      if (args.accept("disable")) {
        args.end();
        return () => ioamState(context.dataplane).stopExport();
      }
      let target: string;
      let targetColumn = args.column;
      if (args.accept("stdout")) target = "stdout";
      else {
        args.expect("file");
        targetColumn = args.column;
        target = args.peek() === "stdout" ? (args.word("path"), "stdout") : args.word("a file path or stdout");
      }
      args.end();
      const open = context.openExport;
      if (!open) throw new CliError(targetColumn, "trace export needs a file system (not available here)");
      // The file is checked (and reserved) now, at the line's position; it is created only when
      // the whole config was accepted and the job starts.
      let sink: (line: string) => void;
      try {
        sink = open(target);
      } catch (err) {
        throw new CliError(targetColumn, (err as Error).message);
      }
      return () => startTraceExport(context.dataplane, sink, pathStatistics(context));
    },
  });
  registry.register({
    paths: ["show ioam e2e"],
    usage: "show ioam e2e",
    help: "edge-to-edge sequence numbers per IOAM flow",
    parse: noArguments(({ dataplane }) => formatE2e(dataplane.engine, classifierOf(dataplane.engine).flowRecords())),
  });
  registry.register({
    paths: ["show ioam trace-stats"],
    usage: "show ioam trace-stats",
    help: "per-path delay of exported traces (min/mean/max per hop and end to end)",
    parse: noArguments((context) => pathStatistics(context).format()),
  });
}

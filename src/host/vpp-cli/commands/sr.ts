// VPP's SRv6 CLI (vpp-ioam-spec §5): `sr policy add|mod|del`, `sr steer`, `sr localsid`,
// `set sr encaps source addr`, `show sr policies|steering-policies|localsids`,
// `clear sr localsid-counters`. Words come in any order, as VPP's parser takes them, so both the
// current syntax (`sr policy mod bsid B add sl next S`) and the M-Anycast guide's
// (`sr policy mod add sl bsid B next S`, `sr steer l3 P via sr policy bsid B`) work.
// Additions: `encap.red` and `insert.red` select the reduced SRH (H.Encaps.Red, H.Insert.Red, as
// Linux's `mode encap.red`); `del sl` may take its `index N` anywhere on the line. Every problem is
// reported with its column before anything changes.
import type { Arguments } from "../arguments.js";
import { noArguments } from "../registry.js";
import type { ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { ip6Address, ip6PrefixArgument, type Located } from "../readers.js";
import { srv6Of, type Srv6 } from "../../srv6/srv6.js";
import type { LocalSidBehavior, SrPolicy } from "../../srv6/model.js";
import { DEFAULT_WEIGHT, steeringKey } from "../../srv6/model.js";
import { HEADEND_MODES, type HeadendMode } from "../../srv6/srh-rewrite.js";
import { formatLocalSids, formatSrPolicies, formatSteeringPolicies } from "../../srv6/show.js";
import { SR_SEGMENTS_MAX } from "../../../../assembly/srv6/sr.layout.js";
import { catsOf } from "../../cats/cats.js";
import { fibOf } from "../../fib/fib.js";
import type { WasmEngine } from "../../engine/wasm-engine.js";

const MAX_WEIGHT = 0xffffffff;
/** This engine has one FIB: VPP's table 0. */
const MAIN_TABLE = 0;

const ip6Argument = ip6Address;

function mainTableOnly(args: Arguments): void {
  const column = args.column;
  if (args.integer("a FIB table id") !== MAIN_TABLE) throw new CliError(column, "The specified FIB table does not exist.");
}

/** `bsid ADDR` or `index N`: the policy a mod, del or steer line names. */
class PolicyReference {
  bsid?: Located<Uint8Array>;
  index?: Located<number>;

  get given(): boolean {
    return this.bsid !== undefined || this.index !== undefined;
  }

  readBsid(args: Arguments): void {
    this.bsid = ip6Argument(args, "a BSID (IPv6 address)");
  }

  readIndex(args: Arguments): void {
    this.index = { column: args.column, value: args.integer("an SR policy index") };
  }

  resolve(args: Arguments, srv6: Srv6): SrPolicy {
    if (!this.given) args.fail("'bsid <ip6>' or 'index <n>' (No SR policy BSID or index specified)");
    const policy = this.bsid ? srv6.config.policyByBsid(this.bsid.value) : srv6.config.policies[this.index!.value];
    if (!policy) throw new CliError((this.bsid ?? this.index)!.column, "The requested SR policy could not be located. Review the BSID/index.");
    return policy;
  }
}

function segmentArgument(args: Arguments, segments: Uint8Array[]): void {
  const segment = ip6Argument(args, "a segment (IPv6 address)");
  if (segments.length === SR_SEGMENTS_MAX) throw new CliError(segment.column, `a segment list holds at most ${SR_SEGMENTS_MAX} segments`);
  segments.push(segment.value);
}

function weightArgument(args: Arguments): number {
  return args.integer("a weight", 1, MAX_WEIGHT);
}

function requireSegments(args: Arguments, segments: Uint8Array[]): void {
  if (segments.length === 0) args.fail("'next <ip6>' (No Segment List specified)");
}

function parsePolicyAdd(args: Arguments, srv6: Srv6) {
  let bsid: Located<Uint8Array> | undefined;
  const segments: Uint8Array[] = [];
  let weight = DEFAULT_WEIGHT;
  let mode: HeadendMode = "encap";
  let spray = false;
  let source: Located<Uint8Array> | undefined;
  while (!args.done) {
    const column = args.column;
    const word = args.peek()!;
    if (args.accept("bsid")) bsid = ip6Argument(args, "a BSID (IPv6 address)");
    else if (args.accept("next")) segmentArgument(args, segments);
    else if (args.accept("weight")) weight = weightArgument(args);
    else if (args.accept(...HEADEND_MODES)) mode = word as HeadendMode;
    else if (args.accept("spray")) spray = true;
    else if (args.accept("v6src")) source = ip6Argument(args, "an encapsulation source (IPv6 address)");
    else if (args.accept("fib-table")) mainTableOnly(args);
    else if (args.accept("tef")) throw new CliError(column, "TEF policies are not supported");
    else args.fail(`one of bsid, next, weight, ${HEADEND_MODES.join(", ")}, spray, v6src, fib-table`);
  }
  if (!bsid) args.fail("'bsid <ip6>' (No SR policy BSID specified)");
  requireSegments(args, segments);
  // VPP takes v6src on any policy; only encapsulation writes a source, so an insert policy keeps it unused.
  const inUse = srv6.config.addressInUse(bsid.value);
  if (inUse) throw new CliError(bsid.column, `There is already a FIB entry for the BindingSID address: ${inUse}`);
  return () => void srv6.addPolicy(bsid.value, segments, weight, mode, spray, source?.value);
}

type ListOperation = "add" | "del" | "mod";

function parsePolicyMod(args: Arguments, srv6: Srv6) {
  const policy = new PolicyReference();
  const segments: Uint8Array[] = [];
  let operation: Located<ListOperation> | undefined;
  let listIndex: Located<number> | undefined;
  let weight: number | undefined;
  while (!args.done) {
    const column = args.column;
    const word = args.peek()!;
    if (args.accept("bsid")) policy.readBsid(args);
    else if (args.accept("index")) {
      // `del sl index N` / `mod sl index N` name the list; any other `index N` the policy.
      if (operation && operation.value !== "add" && !listIndex) listIndex = { column: args.column, value: args.integer("a segment list index") };
      else policy.readIndex(args);
    } else if (args.accept("add", "del", "mod")) {
      args.expect("sl");
      operation = { column, value: word as ListOperation };
    } else if (args.accept("next")) segmentArgument(args, segments);
    else if (args.accept("weight")) weight = weightArgument(args);
    else if (args.accept("fib-table")) mainTableOnly(args);
    else args.fail("one of bsid, index, add sl, del sl, mod sl, next, weight, fib-table");
  }
  const target = policy.resolve(args, srv6);
  if (!operation) args.fail("'add sl', 'del sl' or 'mod sl' (No SL modification specified)");
  if (operation.value === "add") {
    requireSegments(args, segments);
    return () => void srv6.addList(target, segments, weight ?? DEFAULT_WEIGHT);
  }
  if (!listIndex) throw new CliError(operation.column, "expected 'index <n>' after the sl operation (No Segment List index specified)");
  if (operation.value === "del") {
    const problem = srv6.config.deleteListProblem(target, listIndex.value);
    if (problem) throw new CliError(listIndex.column, problem);
    return () => srv6.deleteList(target, listIndex.value);
  }
  const list = srv6.config.listOf(target, listIndex.value);
  if (!list) throw new CliError(listIndex.column, "Could not modify the segment list. The given SL is not associated with such SR policy.");
  if (weight === undefined) args.fail("'weight <n>' (No new weight for the SL specified)");
  return () => srv6.setListWeight(target, list, weight);
}

function parsePolicyDel(args: Arguments, srv6: Srv6) {
  const policy = new PolicyReference();
  while (!args.done) {
    if (args.accept("bsid")) policy.readBsid(args);
    else if (args.accept("index")) policy.readIndex(args);
    else args.fail("'bsid <ip6>' or 'index <n>'");
  }
  const target = policy.resolve(args, srv6);
  const steering = srv6.config.steeringOf(target);
  if (steering.length > 0) {
    const used = steering.map((s) => `l3 ${steeringKey(s.prefix, s.length)}`).join(", ");
    throw new CliError((policy.bsid ?? policy.index)!.column, `the SR policy still steers ${used}: delete the steering first`);
  }
  return () => srv6.deletePolicy(target);
}

function parseSteer(args: Arguments, srv6: Srv6) {
  const del = args.accept("del");
  const l2 = args.column;
  if (args.accept("l2")) throw new CliError(l2, "L2 steering is not supported: steer l3 prefixes");
  args.expect("l3");
  const { value: parsed, column: prefixColumn } = ip6PrefixArgument(args, "an IPv6 prefix ADDR/LEN");
  args.expect("via");
  if (args.accept("sr")) args.expect("policy");
  else args.accept("sr_policy");
  const policy = new PolicyReference();
  while (!args.done) {
    if (args.accept("bsid")) policy.readBsid(args);
    else if (args.accept("index")) policy.readIndex(args);
    else if (args.accept("fib-table")) mainTableOnly(args);
    else args.fail("'bsid <ip6>', 'index <n>' or 'fib-table <n>'");
  }
  const target = policy.resolve(args, srv6);
  const key = steeringKey(parsed.address, parsed.length);
  const existing = srv6.config.steering.get(key);
  if (del) {
    if (!existing || existing.policy !== target) throw new CliError(prefixColumn, `no steering of l3 ${key} via this SR policy`);
    return () => srv6.unsteer(parsed.address, parsed.length);
  }
  if (parsed.length === 128) {
    const inUse = srv6.config.addressInUse(parsed.address);
    if (inUse) throw new CliError(prefixColumn, `cannot steer ${key}: ${inUse}`);
  }
  return () => srv6.steer(parsed.address, parsed.length, target);
}

/** A behavior as the line spells it; interfaces are resolved (and created if new) only when applied. */
interface BehaviorWords {
  column: number;
  kind: LocalSidBehavior["kind"];
  interfaceName?: string;
  nextHop?: Uint8Array;
  /** End.CATS: the service whose computing forwarding table the SID reads. */
  service?: string;
  /** End.DT6: the table the inner packet is looked up in. */
  table?: number;
}

/** What a behaviour names that exists only once the line is applied. */
interface BehaviorResolvers {
  interfaceIndex: (name: string) => number;
  catsTable: (service: string) => number;
}

const UNSUPPORTED_BEHAVIORS = ["end.t", "end.dx4", "end.dt4", "end.dt46", "end.dx2", "un", "un.flex", "ua"];

function parseBehavior(args: Arguments, engine: WasmEngine): BehaviorWords {
  const column = args.column;
  const name = args.word("a behavior (end, end.x, end.dx6, end.dt6, end.cats)");
  if (name === "end") return { column, kind: "end" };
  if (name === "end.x" || name === "end.dx6") {
    const interfaceName = args.word("an interface name");
    return { column, kind: name, interfaceName, nextHop: ip6Argument(args, "a next hop (IPv6 address)").value };
  }
  if (name === "end.dt6") {
    const tableColumn = args.column;
    const table = args.integer("a FIB table id", 0, 0xffffffff);
    if (!fibOf(engine).table(table)) throw new CliError(tableColumn, `no IPv6 table ${table}: ip6 table add ${table} first`);
    return { column, kind: "end.dt6", table };
  }
  if (name === "end.cats") {
    args.expect("service");
    return { column, kind: "end.cats", service: args.word("a CATS service id") };
  }
  if (UNSUPPORTED_BEHAVIORS.includes(name)) throw new CliError(column, `behavior ${name} is not supported (end, end.x, end.dx6, end.dt6 are)`);
  throw new CliError(column, `expected a behavior (end, end.x, end.dx6, end.dt6, end.cats), found '${name}'`);
}

function behavior(words: BehaviorWords, psp: boolean, { interfaceIndex, catsTable }: BehaviorResolvers): LocalSidBehavior {
  switch (words.kind) {
    case "end":
      return { kind: "end", psp };
    case "end.x":
      return { kind: "end.x", interfaceIndex: interfaceIndex(words.interfaceName!), nextHop: words.nextHop!, psp };
    case "end.dx6":
      return { kind: "end.dx6", interfaceIndex: interfaceIndex(words.interfaceName!), nextHop: words.nextHop! };
    case "end.dt6":
      return { kind: "end.dt6", table: words.table! };
    case "end.cats":
      return { kind: "end.cats", service: words.service!, table: catsTable(words.service!) };
  }
}

function parseLocalSid(args: Arguments, srv6: Srv6, resolvers: BehaviorResolvers) {
  const del = args.accept("del");
  let address: Located<Uint8Array> | undefined;
  let words: BehaviorWords | undefined;
  let psp: number | undefined;
  while (!args.done) {
    const column = args.column;
    if (args.accept("address", "addr")) address = ip6Argument(args, "a local SID (IPv6 address)");
    else if (args.accept("behavior")) words = parseBehavior(args, srv6.engine);
    else if (args.accept("psp")) psp = column;
    else if (args.accept("fib-table")) mainTableOnly(args);
    else if (args.accept("prefix")) throw new CliError(column, "local SID prefixes are not supported: use 'address <ip6>'");
    else args.fail("one of address, behavior, psp, fib-table");
  }
  if (!address) args.fail("'address <ip6>' (SRv6 LocalSID address is mandatory.)");
  if (del) {
    const sid = srv6.config.localSidAt(address.value);
    if (!sid) throw new CliError(address.column, "no local SID at this address");
    return () => srv6.deleteLocalSid(sid);
  }
  // `psp` alone means End with PSP, as in VPP.
  const chosen = words ?? (psp !== undefined ? { column: psp, kind: "end" as const } : undefined);
  if (!chosen) args.fail("'behavior <behavior>' (SRv6 LocalSID behavior is mandatory.)");
  if (psp !== undefined && chosen.kind !== "end" && chosen.kind !== "end.x") {
    throw new CliError(psp, "Error: SRv6 PSP only compatible with End and End.X");
  }
  const inUse = srv6.config.addressInUse(address.value);
  if (inUse) throw new CliError(address.column, inUse);
  return () => void srv6.addLocalSid(address.value, behavior(chosen, psp !== undefined, resolvers));
}

export function registerSrCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["sr policy add"],
    usage: "sr policy add bsid <ip6> next <ip6> [next <ip6> ...] [weight <n>] [encap|insert|encap.red|insert.red] [spray] [v6src <ip6>]",
    help: "create an SR policy with its first segment list (default: encap)",
    parse: (args, { dataplane }) => parsePolicyAdd(args, srv6Of(dataplane.engine)),
  });
  registry.register({
    paths: ["sr policy mod"],
    usage: "sr policy mod bsid <ip6>|index <n> add sl next <ip6> ... [weight <n>] | del sl index <n> | mod sl index <n> weight <n>",
    help: "add, remove or reweigh a segment list of an SR policy",
    parse: (args, { dataplane }) => parsePolicyMod(args, srv6Of(dataplane.engine)),
  });
  registry.register({
    paths: ["sr policy del"],
    usage: "sr policy del bsid <ip6>|index <n>",
    help: "delete an SR policy and its segment lists",
    parse: (args, { dataplane }) => parsePolicyDel(args, srv6Of(dataplane.engine)),
  });
  registry.register({
    paths: ["sr steer"],
    usage: "sr steer [del] l3 <ip6-prefix>/<len> via [sr policy] bsid <ip6>|index <n>",
    help: "steer a prefix into an SR policy",
    parse: (args, { dataplane }) => parseSteer(args, srv6Of(dataplane.engine)),
  });
  registry.register({
    paths: ["sr localsid"],
    usage: "sr localsid [del] address <ip6> behavior end [psp] | end.x <if> <ip6> [psp] | end.dx6 <if> <ip6> | end.dt6 <table> | end.cats service <id>",
    help: "add or delete a local SID (RFC 8986 End, End.X, End.DX6, End.DT6; End.CATS: docs/cats.md)",
    parse: (args, { dataplane }) =>
      parseLocalSid(args, srv6Of(dataplane.engine), {
        interfaceIndex: (name) => dataplane.interfaces.add(name).index,
        catsTable: (service) => catsOf(dataplane.engine).egress.tableAddress(service),
      }),
  });
  registry.register({
    paths: ["set sr encaps source addr"],
    usage: "set sr encaps source addr <ip6>",
    help: "the outer source address of encapsulating SR policies without v6src",
    parse(args, { dataplane }) {
      const address = ip6Argument(args, "an IPv6 address");
      args.end();
      return () => srv6Of(dataplane.engine).setEncapSource(address.value);
    },
  });
  registry.register({
    paths: ["show sr policies"],
    usage: "show sr policies",
    help: "SR policies and their segment lists",
    parse: noArguments(({ dataplane }) => formatSrPolicies(srv6Of(dataplane.engine).config)),
  });
  registry.register({
    paths: ["show sr steering-policies", "show sr steering policies"],
    usage: "show sr steering-policies",
    help: "prefixes steered into SR policies",
    parse: noArguments(({ dataplane }) => formatSteeringPolicies(srv6Of(dataplane.engine).config)),
  });
  registry.register({
    paths: ["show sr localsids", "show sr localsid"],
    usage: "show sr localsids",
    help: "local SIDs with their good and bad traffic",
    parse: noArguments(({ dataplane }) => formatLocalSids(srv6Of(dataplane.engine), (i) => dataplane.interfaces.name(i))),
  });
  registry.register({
    paths: ["clear sr localsid-counters"],
    usage: "clear sr localsid-counters",
    help: "zero every local SID's traffic counters",
    parse: noArguments(({ dataplane }) => srv6Of(dataplane.engine).clearCounters()),
  });
}

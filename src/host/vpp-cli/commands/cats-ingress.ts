// CATS on the ingress (docs/cats.md): the services it steers (`cats ingress service`), their
// candidate egresses with End.CATS SIDs and IOAM node ids (`cats ingress egress`), the compute cost
// each egress announces (`cats ingress metric`), a hand-set delay when no traces measure one
// (`cats ingress delay`), the policy and weights, and `cats ingress select`. Every change re-selects
// and rewrites the service's SR policy when the choice moves. Problems name their column.
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { noArguments, type Action } from "../registry.js";
import { decimalArgument, ip6Address, ip6PrefixArgument, parseDuration, wordArgument, type Located } from "../readers.js";
import { catsOf } from "../../cats/cats.js";
import type { CatsIngress, IngressService } from "../../cats/ingress.js";
import { CATS_POLICIES, type CatsPolicy } from "../../cats/selection.js";
import { formatCatsIngress } from "../../cats/show.js";
import { srv6Of } from "../../srv6/srv6.js";
import { SR_SEGMENTS_MAX } from "../../../../assembly/srv6/sr.layout.js";
import { HEADEND_MODES, type HeadendMode } from "../../srv6/srh-rewrite.js";

const MAX_TIME_NS = 60e9;
const NODE_ID_MAX = 0xffffff;

function ingressOf(context: CliContext): CatsIngress {
  return catsOf(context.dataplane.engine).ingress;
}

function serviceNamed(ingress: CatsIngress, name: Located<string>): IngressService {
  const service = ingress.services.get(name.value);
  if (!service)
    throw new CliError(name.column, `no CATS service ${name.value} at this ingress: add it with 'cats ingress service ${name.value} prefix <p> bsid <ip6>'`);
  return service;
}

function parseService(args: Arguments, context: CliContext) {
  const ingress = ingressOf(context);
  const name = wordArgument(args, "a service id");
  let prefix: Located<{ address: Uint8Array; length: number }> | undefined;
  let bsid: Located<Uint8Array> | undefined;
  let mode: HeadendMode = "encap";
  while (!args.done) {
    const word = args.peek()!;
    if (args.accept("prefix")) prefix = ip6PrefixArgument(args, "the service's anycast prefix ADDR/LEN");
    else if (args.accept("bsid")) bsid = ip6Address(args, "a BSID (IPv6 address)");
    else if (args.accept(...HEADEND_MODES)) mode = word as HeadendMode;
    else args.fail(`prefix, bsid or ${HEADEND_MODES.join(", ")}`);
  }
  if (!prefix) args.fail("'prefix <ip6>/<len>'");
  if (!bsid) args.fail("'bsid <ip6>'");
  if (ingress.services.has(name.value)) throw new CliError(name.column, `CATS service ${name.value} exists already`);
  const inUse = srv6Of(context.dataplane.engine).config.addressInUse(bsid.value);
  if (inUse) throw new CliError(bsid.column, inUse);
  const { address, length } = prefix.value;
  return () => void ingress.services.set(name.value, { name: name.value, prefix: address, length, bsid: bsid.value, mode, egresses: new Map() });
}

function parseEgress(args: Arguments, context: CliContext) {
  const ingress = ingressOf(context);
  const egress = wordArgument(args, "an egress name");
  let service: Located<string> | undefined;
  let sid: Uint8Array | undefined;
  let nodeId: number | undefined;
  const via: Uint8Array[] = [];
  while (!args.done) {
    const column = args.column;
    if (args.accept("service")) service = wordArgument(args, "a service id");
    else if (args.accept("sid")) sid = ip6Address(args, "the egress's End.CATS SID (IPv6 address)").value;
    else if (args.accept("node-id")) nodeId = args.integer("the egress's IOAM node id", 1, NODE_ID_MAX);
    else if (args.accept("next")) {
      if (via.length === SR_SEGMENTS_MAX - 1) throw new CliError(column, `a segment list holds at most ${SR_SEGMENTS_MAX} segments, the SID included`);
      via.push(ip6Address(args, "a segment before the SID (IPv6 address)").value);
    } else args.fail("service, sid, node-id or next");
  }
  if (!service) args.fail("'service <id>'");
  if (!sid) args.fail("'sid <ip6>'");
  if (nodeId === undefined) args.fail("'node-id <n>' (the IOAM node id its traces end with)");
  const target = serviceNamed(ingress, service);
  const known = target.egresses.get(egress.value);
  return () => {
    target.egresses.set(egress.value, { name: egress.value, sid, via, nodeId, computeCostNs: known?.computeCostNs });
    ingress.select(target);
  };
}

function egressNamed(service: IngressService, name: Located<string>) {
  const egress = service.egresses.get(name.value);
  if (!egress) throw new CliError(name.column, `no egress ${name.value} for CATS service ${service.name}`);
  return egress;
}

function parseMetric(args: Arguments, context: CliContext) {
  const ingress = ingressOf(context);
  let service: Located<string> | undefined;
  let egress: Located<string> | undefined;
  let costNs: number | undefined;
  while (!args.done) {
    if (args.accept("service")) service = wordArgument(args, "a service id");
    else if (args.accept("egress")) egress = wordArgument(args, "an egress name");
    else if (args.accept("cost")) costNs = parseDuration(args, "a compute cost", "us", MAX_TIME_NS);
    else if (args.accept("unavailable")) costNs = Infinity;
    else args.fail("service, egress, cost or unavailable");
  }
  if (!service) args.fail("'service <id>'");
  if (!egress) args.fail("'egress <name>'");
  if (costNs === undefined) args.fail("'cost <time>' or 'unavailable'");
  const target = serviceNamed(ingress, service);
  const entry = egressNamed(target, egress);
  return () => {
    entry.computeCostNs = costNs;
    ingress.select(target);
  };
}

function parseDelay(args: Arguments, context: CliContext) {
  const ingress = ingressOf(context);
  args.expect("node-id");
  const nodeId = args.integer("an egress's IOAM node id", 1, NODE_ID_MAX);
  const delayNs = args.accept("measured") ? undefined : parseDuration(args, "a delay (or 'measured')", "us", MAX_TIME_NS);
  args.end();
  return () => {
    ingress.delays.setManual(nodeId, delayNs);
    ingress.selectAll();
  };
}

function parsePolicy(args: Arguments, context: CliContext) {
  const ingress = ingressOf(context);
  let policy: CatsPolicy | undefined;
  const weights = { ...ingress.weights };
  while (!args.done) {
    const word = args.peek()!;
    if (args.accept(...CATS_POLICIES)) policy = word as CatsPolicy;
    else if (args.accept("compute")) weights.compute = decimalArgument(args, "a compute weight");
    else if (args.accept("network")) weights.network = decimalArgument(args, "a network weight");
    else args.fail(`${CATS_POLICIES.join(", ")}, compute or network`);
  }
  if (weights.compute + weights.network === 0) throw new CliError(args.column, "the compute and network weights cannot both be 0");
  return () => {
    if (policy) ingress.policy = policy;
    ingress.weights = weights;
    ingress.selectAll();
  };
}

export function registerCatsIngressCommands(registry: ManycastRegistry): void {
  const lines: [string, string, string, (args: Arguments, context: CliContext) => Action][] = [
    [
      "cats ingress service",
      "cats ingress service <id> prefix <ip6>/<len> bsid <ip6> [encap|insert|encap.red|insert.red]",
      "a CATS service this ingress steers through an SR policy",
      parseService,
    ],
    [
      "cats ingress egress",
      "cats ingress egress <name> service <id> sid <ip6> node-id <n> [next <ip6> ...]",
      "a candidate egress: its End.CATS SID (last segment) and IOAM node id",
      parseEgress,
    ],
    [
      "cats ingress metric",
      "cats ingress metric service <id> egress <name> cost <time> [us|ms] | unavailable",
      "the aggregated compute cost an egress announces",
      parseMetric,
    ],
    [
      "cats ingress delay",
      "cats ingress delay node-id <n> <time> [us|ms] | measured",
      "set the network delay to an egress by hand, or go back to the IOAM measurement",
      parseDelay,
    ],
    [
      "cats ingress policy",
      "cats ingress policy [sum|mix] [compute <w>] [network <w>]",
      "how the ingress ranks egresses (default: sum, weights 1 and 1)",
      parsePolicy,
    ],
  ];
  for (const [path, usage, help, parse] of lines) registry.register({ paths: [path], usage, help, parse });
  registry.register({
    paths: ["cats ingress node-id"],
    usage: "cats ingress node-id <n>",
    help: "this ingress's IOAM node id: only traces starting here measure delays",
    parse(args, context) {
      const nodeId = args.integer("an IOAM node id", 1, NODE_ID_MAX);
      args.end();
      return () => void (ingressOf(context).nodeId = nodeId);
    },
  });
  registry.register({
    paths: ["cats ingress select"],
    usage: "cats ingress select",
    help: "choose every service's egress now and update its SR policy",
    parse: noArguments((context) => ingressOf(context).selectAll()),
  });
  registry.register({
    paths: ["show cats ingress"],
    usage: "show cats ingress",
    help: "CATS services at this ingress: egresses, costs, delays and the choice",
    parse: noArguments((context) => formatCatsIngress(ingressOf(context))),
  });
}

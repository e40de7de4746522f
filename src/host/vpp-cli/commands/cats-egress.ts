// CATS on the egress (docs/cats.md): `cats site` binds a local service site of a service to a next
// hop, `cats metric` reports a service point's metrics, `show cats metrics` shows them merged per
// site and per egress, `show cats egress` the computing forwarding table End.CATS SIDs read
// (`sr localsid address <sid> behavior end.cats service <id>`). Problems name their column.
import { noArguments } from "../registry.js";
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { decimalArgument, ip6Address, parseDuration } from "../readers.js";
import { catsOf, type Cats } from "../../cats/cats.js";
import type { PointMetrics } from "../../cats/metrics.js";
import { formatCatsEgress, formatCatsMetrics } from "../../cats/show.js";

const MAX_LATENCY_NS = 60e9;

interface Named {
  name: string;
  column: number;
}

/** `service <id>` and `site <name>` in any order (the site may be given already), and the words `more` takes. */
function serviceAndSite(args: Arguments, more: () => boolean, expected: string, given?: Named) {
  let service: string | undefined;
  let site = given;
  while (!args.done) {
    if (args.accept("service")) service = args.word("a service id");
    else if (!given && args.accept("site")) site = { column: args.column, name: args.word("a site name") };
    else if (!more()) args.fail(`${given ? "" : "site, "}service${expected ? `, ${expected}` : ""}`);
  }
  if (service === undefined) args.fail("'service <id>'");
  if (site === undefined) args.fail("'site <name>'");
  return { service, site };
}

function siteOf(cats: Cats, service: string, site: Named, hint: string) {
  const known = cats.egress.services.get(service);
  const entry = known?.sites.get(site.name);
  if (!known || !entry) throw new CliError(site.column, `no site ${site.name} for service ${service}${hint}`);
  return { known, entry };
}

function parseSite(args: Arguments, { dataplane }: CliContext) {
  const cats = catsOf(dataplane.engine);
  const del = args.accept("del");
  const named = { column: args.column, name: args.word("a site name") };
  let via: { interfaceName: string; nextHop: Uint8Array } | undefined;
  const readVia = () => {
    if (del || !args.accept("via")) return false;
    via = { interfaceName: args.word("an interface name"), nextHop: ip6Address(args, "a next hop (IPv6 address)").value };
    return true;
  };
  const { service, site } = serviceAndSite(args, readVia, del ? "" : "via", named);
  if (del) {
    const { known, entry } = siteOf(cats, service, site, "");
    return () => cats.egress.deleteSite(known, entry);
  }
  if (!via) args.fail("'via <interface> <ip6>'");
  const { interfaceName, nextHop } = via;
  return () => cats.egress.setSite(service, site.name, dataplane.interfaces.add(interfaceName).index, nextHop);
}

function parseMetric(args: Arguments, { dataplane }: CliContext) {
  const cats = catsOf(dataplane.engine);
  let point: string | undefined;
  const metrics: Partial<PointMetrics> = {};
  const readMetric = () => {
    if (args.accept("point")) point = args.word("a service point name");
    else if (args.accept("load")) metrics.load = decimalArgument(args, "a load");
    else if (args.accept("capacity")) metrics.capacity = decimalArgument(args, "a capacity", true);
    else if (args.accept("queue")) metrics.queue = decimalArgument(args, "a queue length");
    else if (args.accept("latency")) metrics.latencyNs = parseDuration(args, "a latency", "us", MAX_LATENCY_NS);
    else return false;
    return true;
  };
  const { service, site } = serviceAndSite(args, readMetric, "point, load, capacity, queue, latency");
  if (metrics.load === undefined) args.fail("'load <n>'");
  if (metrics.capacity === undefined) args.fail("'capacity <n>'");
  const { known, entry } = siteOf(cats, service, site, `: add it with 'cats site ${site.name} service ${service} via <if> <ip6>'`);
  const reported: PointMetrics = { load: metrics.load, capacity: metrics.capacity, queue: metrics.queue ?? 0, latencyNs: metrics.latencyNs ?? 0 };
  // A site reporting as a whole (draft level 2) is its own single point.
  return () => cats.egress.report(known, entry, point ?? site.name, reported);
}

export function registerCatsEgressCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["cats site"],
    usage: "cats site [del] <site> service <id> via <if> <ip6>",
    help: "a local service site of a CATS service, reached through a next hop",
    parse: parseSite,
  });
  registry.register({
    paths: ["cats metric"],
    usage: "cats metric service <id> site <site> [point <p>] load <n> capacity <n> [queue <n>] [latency <t> [us|ms]]",
    help: "a service point's computing metrics (draft levels 1 and 2)",
    parse: parseMetric,
  });
  registry.register({
    paths: ["show cats metrics"],
    usage: "show cats metrics",
    help: "CATS metrics per service point, merged per site and per egress",
    parse: noArguments(({ dataplane }) => formatCatsMetrics(catsOf(dataplane.engine).egress)),
  });
  registry.register({
    paths: ["show cats egress"],
    usage: "show cats egress",
    help: "the computing forwarding table End.CATS reads: each site's share of the flow buckets",
    parse: noArguments(({ dataplane }) => formatCatsEgress(dataplane.engine, catsOf(dataplane.engine).egress, (i) => dataplane.interfaces.name(i))),
  });
}

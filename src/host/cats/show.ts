// `show cats metrics`, `show cats egress` and `show cats ingress`: the three metric levels, the
// computing forwarding table as End.CATS reads it from engine memory, and the ingress's choice.
import { formatIp6 } from "../format/ip6-address.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { CATS_BUCKET_COUNT } from "../../../assembly/srv6/cats.layout.js";
import { bucketsPerAdjacency } from "./cats-memory.js";
import type { CatsEgress } from "./egress.js";
import type { CatsIngress } from "./ingress.js";
import { ms, sumScore } from "./selection.js";
import type { SiteAggregate } from "./metrics.js";

export type InterfaceName = (interfaceIndex: number) => string;

const percent = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "n/a");

function siteLine(name: string, s: SiteAggregate): string {
  return (
    `  site ${name}: ${s.points} point(s), capacity ${s.capacity}, load ${s.load}, queue ${s.queue}, ` +
    `utilisation ${percent(s.utilisation)}, latency ${ms(s.latencyNs)}, cost ${ms(s.costNs)}, share ${s.share}`
  );
}

export function formatCatsMetrics(egress: CatsEgress): string {
  const lines = ["CATS metrics (service point -> site -> egress):"];
  for (const service of egress.services.values()) {
    const { sites, egress: e } = egress.aggregate(service);
    lines.push(
      `service ${service.name}: egress cost ${ms(e.costNs)} (share-weighted over ${e.eligibleSites} of ${e.sites} site(s)), ` +
        `capacity ${e.capacity}, load ${e.load}${e.bestSite ? `, best site ${e.bestSite}` : ""}`,
    );
    for (const site of service.sites.values()) {
      const aggregate = sites.get(site.name);
      lines.push(aggregate ? siteLine(site.name, aggregate) : `  site ${site.name}: no metrics reported`);
      for (const [point, m] of site.points) {
        lines.push(`    point ${point}: load ${m.load}, capacity ${m.capacity}, queue ${m.queue}, latency ${ms(m.latencyNs)}`);
      }
    }
  }
  return lines.join("\n");
}

export function formatCatsEgress(engine: WasmEngine, egress: CatsEgress, name: InterfaceName): string {
  const lines = ["CATS computing forwarding table:"];
  for (const service of egress.services.values()) {
    if (service.table === undefined) {
      lines.push(`service ${service.name}: no End.CATS SID uses it yet`);
      continue;
    }
    const buckets = bucketsPerAdjacency(engine, service.table);
    lines.push(`service ${service.name}: table at 0x${service.table.toString(16)}, ${CATS_BUCKET_COUNT} buckets`);
    for (const site of service.sites.values()) {
      const held = buckets.get(site.adjacency >>> 0) ?? 0;
      lines.push(`  site ${site.name} via ${name(site.interfaceIndex)} ${formatIp6(site.nextHop)}: ${held} bucket(s)${held ? "" : " (not eligible)"}`);
    }
  }
  return lines.join("\n");
}

export function formatCatsIngress(ingress: CatsIngress): string {
  const w = ingress.weights;
  const node = ingress.nodeId === undefined ? "any" : `0x${ingress.nodeId.toString(16)}`;
  const lines = [`CATS ingress: policy ${ingress.policy}, weights compute ${w.compute} network ${w.network}, traces from node-id ${node}`];
  for (const service of ingress.services.values()) {
    lines.push(`service ${service.name}: l3 ${formatIp6(service.prefix)}/${service.length} via bsid ${formatIp6(service.bsid)}`);
    for (const offer of ingress.offers(service)) {
      const e = service.egresses.get(offer.egress)!;
      const delay = ingress.delays.delayOf(e.nodeId);
      const measured = delay
        ? `${ms(delay.delayNs)} (${delay.source}${delay.source === "ioam" ? `, ${delay.samples} trace(s)` : ""})`
        : "not measured (counted as 0 until traced)";
      const cost = offer.computeCostNs === undefined ? "not announced" : ms(offer.computeCostNs);
      const score = offer.computeCostNs !== undefined ? `, sum ${ms(sumScore(offer, w))}` : "";
      const chosen = service.choice?.egress === e.name ? "  <- chosen" : "";
      lines.push(`  egress ${e.name} sid ${formatIp6(e.sid)} node-id 0x${e.nodeId.toString(16)}: compute ${cost}, delay ${measured}${score}${chosen}`);
    }
    lines.push(`  choice: ${service.choice?.reason ?? "none (no egress with an eligible site and a delay)"}`);
    const policy = ingress.policyOf(service);
    for (const list of policy?.lists ?? []) lines.push(`  segment list [${list.index}] < ${list.segments.map((s) => formatIp6(s)).join(", ")} >`);
  }
  return lines.join("\n");
}

// The `live` part of `npm run bench`: the forwarding rate of `manycast run` between two veths against
// the Linux kernel forwarding the same traffic between the same veths in the same run, for two jobs,
//   bump     a bump in the wire (the kernel: a bridge; manycast: l2 xconnect both ways)
//   router   an IPv6 router that is an RFC 9486 IOAM transit node (the kernel: forwarding with
//            ioam6_enabled; manycast: a route and an rfc9197 trace profile), the frames carrying a
//            pre-allocated trace
// with manycast in 1 and 2 workers. Traffic comes from the C generator (sendmmsg on AF_PACKET,
// bench/native/generator) flooding for a fixed time; the rate is what the sink's interface received
// per second, loss what it did not; then an idle ping gives the round-trip time through each.
//
//   G (generator) g0 --- d0 [D: kernel or manycast run] d1 --- s0 S (sink)
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { labMac, NetnsLab, sleep, type BackgroundProcess } from "../test/support/netns.js";
import { hostInterfaceConfig } from "../test/support/live-config.js";
import { loadAfPacket } from "../src/io/afpacket.js";
import { hostInterfaceMac } from "../src/host/interfaces/host-interfaces.js";
import { formatMac } from "../src/host/format/ip6-address.js";
import { buildGenerator, generatorArgs, type GeneratorOptions, type GeneratorRun } from "./generator.js";

export type Scenario = "bump" | "router";

export interface LiveRow {
  scenario: Scenario;
  forwarder: string;
  sent: number;
  received: number;
  seconds: number;
  /** Frames per second the sink received. */
  pps: number;
  /** Of what the generator sent, the share the sink did not receive. */
  loss: number;
  rttP50Us: number | undefined;
  rttP99Us: number | undefined;
  pingsAnswered: string;
}

export interface LiveOptions {
  seconds: number;
  pings: number;
  workers: number[];
  frameSize: number;
}

const BIN = fileURLToPath(new URL("../../bin/manycast.js", import.meta.url));
const IOAM = { namespace: 123, type: "0x800000", size: 16 };

function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const HOST_INTERFACES = hostInterfaceConfig([{ linux: "d0" }, { linux: "d1" }]);

function manycastConfig(scenario: Scenario): string {
  if (scenario === "bump") return `${HOST_INTERFACES}set interface l2 xconnect host-d0 host-d1\nset interface l2 xconnect host-d1 host-d0\n`;
  return `${hostInterfaceConfig([
    { linux: "d0", address: "2001:db8:1::1/64" },
    { linux: "d1", address: "2001:db8:2::1/64" },
  ])}set ip neighbor host-d1 2001:db8:2::99 ${labMac("s0")}
set ioam6 namespace ${IOAM.namespace}
set ioam6 node-id 2
set interface ioam6 host-d0 enable
`;
}

/** Why the live part cannot run here, or undefined. */
export function liveBenchProblem(): string | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return "needs root (network namespaces)";
  if (spawnSync("ip", ["-V"]).status !== 0) return "needs ip (iproute2)";
  const addon = loadAfPacket();
  if (!addon.addon) return addon.why;
  const generator = buildGenerator();
  return generator.why;
}

export async function runLiveBench(options: LiveOptions, log: (line: string) => void): Promise<LiveRow[]> {
  const generator = buildGenerator();
  if (!generator.path) throw new Error(generator.why);
  const dir = mkdtempSync(join(tmpdir(), "manycast-bench-live-"));
  const lab = new NetnsLab("B");
  const rows: LiveRow[] = [];
  try {
    const ns = { g: lab.addNamespace("g"), d: lab.addNamespace("d"), s: lab.addNamespace("s") };
    lab.addVeth(ns.g, "g0", ns.d, "d0");
    lab.addVeth(ns.d, "d1", ns.s, "s0");
    lab.addAddress(ns.g, "g0", "2001:db8:1::2/64");
    lab.addAddress(ns.g, "g0", "2001:db8:9::1/64");
    lab.addAddress(ns.s, "s0", "2001:db8:2::2/64");
    lab.addAddress(ns.s, "s0", "2001:db8:9::2/64");
    lab.addRoute(ns.g, ["2001:db8:2::/64", "via", "2001:db8:1::1"]);
    lab.addRoute(ns.s, ["2001:db8:1::/64", "via", "2001:db8:2::1"]);
    const rxPackets = () => Number(lab.exec(ns.s, ["cat", "/sys/class/net/s0/statistics/rx_packets"]).stdout.trim());

    const measure = async (scenario: Scenario, forwarder: string, dstMac: string): Promise<void> => {
      const target = scenario === "bump" ? "2001:db8:9::2" : "2001:db8:2::2";
      await lab.warmUp(ns.g, target, 10_000);
      const flood: GeneratorOptions = {
        interface: "g0",
        srcMac: labMac("g0"),
        dstMac,
        src: scenario === "bump" ? "2001:db8:9::1" : "2001:db8:1::2",
        dst: scenario === "bump" ? "2001:db8:9::99" : "2001:db8:2::99",
        seconds: options.seconds,
        size: options.frameSize,
        flows: 64,
        batch: 64,
        ioam: scenario === "router" ? IOAM : undefined,
      };
      const before = rxPackets();
      const r = await lab.execAsync(ns.g, [generator.path!, ...generatorArgs(flood)], { timeoutMs: (options.seconds + 30) * 1000 });
      await sleep(500);
      const received = rxPackets() - before;
      const sent = (JSON.parse(r.stdout.trim()) as GeneratorRun).sent;
      const ping = (await lab.labtool(ns.g, [
        "ping",
        target,
        "--count",
        String(options.pings),
        "--interval",
        "0.01",
        "--rtts",
        "--timeout",
        String(options.pings * 0.02 + 5),
      ])) as {
        sent: number;
        received: number;
        rtt_us: number[];
      };
      const rtts = [...ping.rtt_us].sort((a, b) => a - b);
      const row: LiveRow = {
        scenario,
        forwarder,
        sent,
        received,
        seconds: options.seconds,
        pps: received / options.seconds,
        loss: sent > 0 ? Math.max(0, sent - received) / sent : 0,
        rttP50Us: percentile(rtts, 50),
        rttP99Us: percentile(rtts, 99),
        pingsAnswered: `${ping.received}/${ping.sent}`,
      };
      rows.push(row);
      log(formatRow(row));
    };

    for (const scenario of ["bump", "router"] as Scenario[]) {
      // The kernel first, on the same veths.
      if (scenario === "bump") {
        lab.sysctl(ns.d, { "net.ipv6.conf.d0.disable_ipv6": 1, "net.ipv6.conf.d1.disable_ipv6": 1 });
        lab.ip(ns.d, ["link", "add", "br0", "type", "bridge"]);
        lab.sysctl(ns.d, { "net.ipv6.conf.br0.disable_ipv6": 1 });
        lab.ip(ns.d, ["link", "set", "d0", "master", "br0"]);
        lab.ip(ns.d, ["link", "set", "d1", "master", "br0"]);
        lab.ip(ns.d, ["link", "set", "br0", "up"]);
        await measure(scenario, "kernel bridge", labMac("s0"));
        lab.ip(ns.d, ["link", "del", "br0"]);
      } else {
        lab.sysctl(ns.d, { "net.ipv6.conf.d0.disable_ipv6": 0, "net.ipv6.conf.d1.disable_ipv6": 0 });
        lab.addAddress(ns.d, "d0", "2001:db8:1::1/64");
        lab.addAddress(ns.d, "d1", "2001:db8:2::1/64");
        lab.sysctl(ns.d, { "net.ipv6.conf.all.forwarding": 1, "net.ipv6.ioam6_id": 2, "net.ipv6.conf.d0.ioam6_enabled": 1 });
        lab.ip(ns.d, ["ioam", "namespace", "add", String(IOAM.namespace)], { check: false });
        lab.ip(ns.d, ["-6", "neigh", "add", "2001:db8:2::99", "lladdr", labMac("s0"), "dev", "d1", "nud", "permanent"]);
        await measure(scenario, "kernel router+ioam", labMac("d0"));
        lab.sysctl(ns.d, { "net.ipv6.conf.all.forwarding": 0, "net.ipv6.conf.d0.disable_ipv6": 1, "net.ipv6.conf.d1.disable_ipv6": 1 });
      }
      // Then manycast on the same veths, the kernel's IPv6 off there.
      lab.sysctl(ns.d, { "net.ipv6.conf.d0.disable_ipv6": 1, "net.ipv6.conf.d1.disable_ipv6": 1 });
      for (const workers of options.workers) {
        const config = join(dir, `${scenario}.conf`);
        writeFileSync(config, manycastConfig(scenario));
        const socket = join(dir, `${scenario}-${workers}.sock`);
        const run: BackgroundProcess = lab.spawn(ns.d, [process.execPath, BIN, "run", "-c", config, "--cli-listen", socket, "--workers", String(workers)]);
        await run.waitForOutput(/forwarding \(/, 60_000);
        await measure(scenario, `manycast --workers ${workers}`, scenario === "bump" ? labMac("s0") : formatMac(hostInterfaceMac("d0")));
        const code = await run.stop("SIGTERM");
        if (code !== 0) throw new Error(`manycast run exited ${code}: ${run.stderr}`);
      }
    }
  } finally {
    lab.cleanup();
  }
  return rows;
}

export function formatRow(r: LiveRow): string {
  const us = (v: number | undefined) => (v === undefined ? "-" : `${v}`);
  return `  ${r.scenario.padEnd(7)} ${r.forwarder.padEnd(22)} ${(r.pps / 1e3).toFixed(1).padStart(8)} kpps   loss ${(r.loss * 100).toFixed(2).padStart(6)}%   rtt p50 ${us(r.rttP50Us).padStart(6)} us  p99 ${us(r.rttP99Us).padStart(6)} us   (${r.sent} sent, ${r.received} received in ${r.seconds} s; pings ${r.pingsAnswered})`;
}

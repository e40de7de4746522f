// client — r1 (a plain IPv6 router, the real Wasm engine) — server, with the server also
// answering on the anycast address db06::6, for the simulator's TCP tests.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { SimNetwork, TcpHost, type SimEngineNode } from "../../src/host/simulator/index.js";

export const CLIENT = "2001:db8:1::2";
export const SERVER = "2001:db8:2::2";
export const ANYCAST = "db06::6";

// ip6-rewrite wants a resolved neighbour even on raw-IP links, so each host gets one (its MAC is
// never written: raw-IP frames have no link header).
export const ROUTER_CONFIG = `
set int ip address if0 2001:db8:1::1/64
set int ip address if1 2001:db8:2::1/64
set ip neighbor if0 ${CLIENT} 02:00:00:00:00:01
set ip neighbor if1 ${SERVER} 02:00:00:00:00:02
ip route add ${ANYCAST}/128 via ${SERVER}
`;

const wasm = readFileSync(engineWasmPath("debug"));

export async function engine(): Promise<WasmEngine> {
  return WasmEngine.load(wasm);
}

export interface RouterTopology {
  net: SimNetwork;
  router: SimEngineNode;
  client: TcpHost;
  server: TcpHost;
}

export async function routerTopology(o: { clientDelayNs?: bigint; serverDelayNs?: bigint; seed?: number; extraConfig?: string } = {}): Promise<RouterTopology> {
  const net = new SimNetwork({ capture: true });
  const router = net.addEngine("r1", await engine(), ROUTER_CONFIG + (o.extraConfig ?? ""));
  const seed = o.seed ?? 1;
  const client = net.addHost(new TcpHost("client", { addresses: [CLIENT], seed }));
  const server = net.addHost(new TcpHost("server", { addresses: [SERVER, ANYCAST], seed: seed + 1000 }));
  net.link("client-r1", { host: "client" }, { node: "r1", interface: "if0" }, { delayNs: o.clientDelayNs ?? 0n });
  net.link("r1-server", { node: "r1", interface: "if1" }, { host: "server" }, { delayNs: o.serverDelayNs ?? 0n });
  return { net, router, client, server };
}

/** RFC 1071 from scratch: the one's-complement sum over pseudo-header and segment, checksum included, is 0xffff. */
export function tcpChecksumHolds(packet: Uint8Array): boolean {
  const length = (packet[4] << 8) | packet[5];
  const words: number[] = [];
  for (let i = 8; i < 40; i += 2) words.push((packet[i] << 8) | packet[i + 1]);
  words.push(length >>> 16, length & 0xffff, 0, 6);
  for (let i = 40; i < 40 + length; i += 2) words.push((packet[i] << 8) | (i + 1 < 40 + length ? packet[i + 1] : 0));
  let sum = words.reduce((a, b) => a + b, 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}

// VPP's packet-generator interfaces (test/vpp_pg_interface.py) as manycast interfaces: pgN with
// VPP's sw_if_index (local0 is 0, so pgN is N+1), its addresses (fd01:<sw_if_index>::1/64 local,
// remote hosts fd01:<sw_if_index>::<i+2> with MAC 02:<sw_if_index>:00:00:ff:<i>) and the VPP CLI
// that configures them: what `admin_up()`, `config_ip6()`, `set_table_ip6()` and
// `resolve_ndp()` do through the API, written as the CLI lines a VPP operator would type.
// The lab runs the engine with that CLI and gives back, per interface, what it transmitted: VPP's
// `pg_start()` + `get_capture()`.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import type { ConfigProblem } from "../../src/host/vpp-cli/config.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { errorIdOf } from "../../src/host/engine/graph-info.js";
import { cliRunner, type CliRunner } from "../support/engine.js";

const hex2 = (n: number) => n.toString(16).padStart(2, "0");

export interface RemoteHost {
  mac: string;
  ip6: string;
}

export class PgInterface {
  readonly localMac: string;
  readonly remoteHosts: RemoteHost[];

  constructor(
    readonly name: string,
    readonly swIfIndex: number,
    readonly parent?: PgInterface,
    readonly vlan?: number,
  ) {
    // VPP gives a pg interface a MAC of its own and a sub-interface its parent's.
    this.localMac = parent ? parent.localMac : `02:fe:00:00:00:${hex2(swIfIndex)}`;
    this.remoteHosts = Array.from({ length: 4 }, (_, i) => ({
      mac: `02:${hex2(swIfIndex)}:00:00:ff:${hex2(i)}`,
      ip6: `fd01:${swIfIndex.toString(16)}::${(i + 2).toString(16)}`,
    }));
  }

  get localIp6(): string {
    return `fd01:${this.swIfIndex.toString(16)}::1`;
  }

  get remoteIp6(): string {
    return this.remoteHosts[0].ip6;
  }

  get remoteMac(): string {
    return this.remoteHosts[0].mac;
  }

  /** The port frames of this interface go in and out of (a sub-interface's parent). */
  get port(): string {
    return this.parent ? this.parent.name : this.name;
  }

  /** `admin_up()`. */
  adminUp(): string {
    return `set interface state ${this.name} up`;
  }

  /** `admin_down()`. */
  adminDown(): string {
    return `set interface state ${this.name} down`;
  }

  /** `set_table_ip6(table)`. */
  setTableIp6(table: number): string {
    return `set interface ip6 table ${this.name} ${table}`;
  }

  /** `config_ip6()`. */
  configIp6(): string {
    return `set interface ip address ${this.name} ${this.localIp6}/64`;
  }

  /** `resolve_ndp()`: VPP learns the remote host's MAC by ND; here it is configured. */
  resolveNdp(host = 0): string {
    return `set ip neighbor ${this.name} ${this.remoteHosts[host].ip6} ${this.remoteHosts[host].mac}`;
  }
}

/** `create_pg_interfaces(range(n))`: the pg interfaces and the MAC lines that give them their MACs. */
export function createPgInterfaces(n: number): { pg: PgInterface[]; config: string } {
  const pg = Array.from({ length: n }, (_, i) => new PgInterface(`pg${i}`, i + 1));
  return { pg, config: pg.map((p) => `set interface mac address ${p.name} ${p.localMac}`).join("\n") };
}

/** `VppDot1QSubint(test, parent, id)`: the sub-interface and its `create sub-interfaces` line. */
export function dot1qSubint(parent: PgInterface, id: number, swIfIndex: number): { sub: PgInterface; config: string } {
  return { sub: new PgInterface(`${parent.name}.${id}`, swIfIndex, parent, id), config: `create sub-interfaces ${parent.name} ${id}` };
}

/** The usual setup of VPP's tests: admin up, an IPv6 address, the neighbour resolved. */
export function upWithIp6(interfaces: PgInterface[], table?: (i: PgInterface) => number): string {
  return interfaces.flatMap((i) => [i.adminUp(), ...(table && table(i) ? [i.setTableIp6(table(i))] : []), i.configIp6(), i.resolveNdp()]).join("\n");
}

export interface Captured {
  /** The port the frame left by. */
  iface: string;
  data: Uint8Array;
}

export class PgLab {
  private readonly sent: Captured[] = [];
  readonly dataplane: Dataplane;
  private readonly runner: CliRunner;

  private constructor(readonly engine: WasmEngine) {
    this.dataplane = new Dataplane(engine, (f) => this.sent.push({ iface: f.interfaceName, data: f.data.slice() }));
    this.runner = cliRunner({ dataplane: this.dataplane }, "vpp-test");
  }

  /** The engine (bounds-checked build) configured with VPP CLI `config`; throws with the rejected lines. */
  static async create(config: string): Promise<PgLab> {
    const lab = new PgLab(await WasmEngine.load(readFileSync(engineWasmPath("debug"))));
    lab.cli(config);
    return lab;
  }

  cli(text: string): string {
    return this.runner.cli(text);
  }

  problems(text: string): ConfigProblem[] {
    return this.runner.problems(text);
  }

  /** `add_stream` on each port, `pg_start()`: the streams go in, in order; returns every frame sent. */
  start(streams: [PgInterface | string, Uint8Array[]][]): Captured[] {
    this.sent.length = 0;
    for (const [iface, frames] of streams) {
      const port = typeof iface === "string" ? iface : iface.port;
      for (const data of frames) this.dataplane.receive(port, { linkType: LINKTYPE_ETHERNET, tsSec: 1_700_000_000, tsNsec: 0, data });
    }
    this.dataplane.flush();
    return this.sent.slice();
  }

  /** One stream, the captures by port. */
  send(iface: PgInterface | string, frames: Uint8Array[]): Map<string, Uint8Array[]> {
    return byPort(this.start([[iface, frames]]));
  }

  count(reason: string, node?: string): bigint {
    return this.engine.errorCounts()[errorIdOf(reason, node)];
  }
}

export function byPort(captured: Captured[]): Map<string, Uint8Array[]> {
  const out = new Map<string, Uint8Array[]>();
  for (const c of captured) out.set(c.iface, [...(out.get(c.iface) ?? []), c.data]);
  return out;
}

/** `get_capture()` on a port: what it sent (empty when nothing). */
export const capture = (captures: Map<string, Uint8Array[]>, port: PgInterface | string): Uint8Array[] =>
  captures.get(typeof port === "string" ? port : port.port) ?? [];

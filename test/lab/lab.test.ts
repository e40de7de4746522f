// `manycast lab` as a user runs it (root): the M-Anycast guide's topology in network namespaces, M
// and the server edges as `manycast run` with the guide's configs, the kernel's TCP on clients and
// servers. Each run is a real lab with its own prefix, removed by the lab itself (checked) and, if a
// test fails first, by `manycast lab down` in afterAll.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { manycast, REPO, scratchDir } from "../support/cli.js";
import { describeLive } from "../support/live-run.js";
import { listNamespaces } from "../support/netns.js";
import { tsharkRows } from "../support/tshark.js";

const BIN = join(REPO, "bin", "manycast.js");
const LAB_ROOT = "/run/manycast/lab";
/** The captures a lab's engines write under /tmp (`pcap trace ... file PREFIX-...`): gone when it ends. */
const labCaptures = (prefix: string) => readdirSync("/tmp").filter((f) => f.startsWith(`${prefix}-`));

interface Connection {
  client: string;
  clientPort: number;
  server: string | null;
  state: string;
  steered: boolean;
  steeredBy: string | null;
  delays: Record<string, number>;
  loads: Record<string, number>;
  resets: string[];
  packets: Record<string, number>;
  packetsAfterChoice: Record<string, number>;
  establishedMs: number | null;
  bytes: number;
  intact: boolean;
  answeredBy: string | null;
  reason: string;
}

interface LabDocument {
  connections: Connection[];
  clients: { client: string; connections: number; servers: Record<string, number>; steered: number; steeredByOption: number }[];
  servers: { server: string; chosen: number; resets: number; strayAfterChoice: number }[];
  selection: { syns: number; steered: number; decided: number; noResponse: number; forgotten: number };
  bytes: number;
  intact: number;
  setup: {
    throughM: { connections: number; established: number; p50Ms: number; p99Ms: number };
    direct: { connections: number; established: number; p50Ms: number; p99Ms: number };
    connectionsPerSecond: number;
    labSetupMs: number;
  };
  direct: { server: string; address: string; connections: { intact: boolean; server: string }[] };
  sockets: { server: string; anycast: Record<string, number>; unicast: Record<string, number>; halfOpen: number; orphans: number }[];
  killedEdge: { edge: number; server: string; afterConnections: number } | null;
  pcap: { path: string; frames: number } | null;
}

describeLive("manycast lab: the guide's M-Anycast configs with the Linux kernel's TCP on unchanged clients and servers", () => {
  const dir = scratchDir("lab");
  const used: string[] = [];
  const prefix = () => {
    const p = `t${process.pid}${String.fromCharCode(97 + used.length)}`;
    used.push(p);
    return p;
  };

  /** Runs `manycast lab ARGS --json --prefix P` and checks that it left nothing behind. */
  function lab(args: string[]): LabDocument {
    const p = prefix();
    const run = manycast(["lab", ...args, "--json", "--prefix", p], { timeoutMs: 120_000 });
    if (run.status !== 0) throw new Error(`manycast lab exited ${run.status}:\n${run.stderr}`);
    expect(listNamespaces(`${p}-`)).toEqual([]);
    expect(existsSync(join(LAB_ROOT, p))).toBe(false);
    expect(labCaptures(p)).toEqual([]);
    return JSON.parse(run.stdout) as LabDocument;
  }

  afterAll(() => {
    for (const p of used) manycast(["lab", "down", "--prefix", p]);
    for (const p of used) expect(listNamespaces(`${p}-`)).toEqual([]);
  });

  const onServer = (doc: LabDocument, server: string) => {
    for (const c of doc.connections) {
      const why = `${c.client} port ${c.clientPort}: ${c.state}; ${c.reason}; one-way ${JSON.stringify(c.delays)}`;
      expect(c, why).toMatchObject({ server, answeredBy: server, intact: true, state: "closed" });
    }
  };

  it("delays 5,1,9 (oneway): 3 clients x 10 connections all on db08::1, every 100 kB download intact, the losers reset and holding nothing", () => {
    const pcap = join(dir, "m-clients.pcapng");
    const configs = join(dir, "configs");
    const doc = lab(["--pcap", pcap, "--configs", configs]);
    expect(doc.connections).toHaveLength(30);
    onServer(doc, "db08::1");
    expect(doc.bytes).toBe(100_000);
    expect(doc.connections.every((c) => c.bytes === 100_000)).toBe(true);
    expect(doc.intact).toBe(30);
    // Each client stays on one server: its first connection sprayed, the nine others steered to it.
    expect(doc.clients.map((c) => [c.client, c.servers, c.steered])).toEqual([
      ["db04::1", { "db08::1": 10 }, 9],
      ["db04::2", { "db08::1": 10 }, 9],
      ["db04::3", { "db08::1": 10 }, 9],
    ]);
    const sprayed = doc.connections.filter((c) => !c.steered);
    expect(sprayed).toHaveLength(3);
    for (const c of sprayed) {
      // M measured all three one-way delays (the guide's 0x09 trace) and chose the smallest.
      expect(Object.keys(c.delays).sort()).toEqual(["db07::1", "db08::1", "db09::1"]);
      expect(Math.min(...Object.values(c.delays))).toBe(c.delays["db08::1"]);
      expect([...c.resets].sort()).toEqual(["db07::1", "db09::1"]);
      expect(c.packets["db07::1"]).toBe(2); // the SYN and M's RST
      expect(c.packets["db09::1"]).toBe(2);
    }
    expect(doc.servers).toEqual([
      { server: "db07::1", chosen: 0, resets: 3, strayAfterChoice: 0 },
      { server: "db08::1", chosen: 30, resets: 0, strayAfterChoice: 0 },
      { server: "db09::1", chosen: 0, resets: 3, strayAfterChoice: 0 },
    ]);
    expect(doc.selection).toMatchObject({ syns: 30, steered: 27, decided: 30, noResponse: 0 });
    // The losers hold no connection on the anycast address after M's RST; nobody is half-open or orphaned.
    const sockets = Object.fromEntries(doc.sockets.map((s) => [s.server, s]));
    expect(sockets["db07::1"].anycast).toEqual({});
    expect(sockets["db09::1"].anycast).toEqual({});
    expect(Object.keys(sockets["db08::1"].anycast)).toEqual(["TIME-WAIT"]);
    for (const s of doc.sockets) expect([s.server, s.halfOpen, s.orphans]).toEqual([s.server, 0, 0]);
    // Setup times through M against straight to the chosen server, in the same run.
    expect(doc.setup.throughM).toMatchObject({ connections: 30, established: 30 });
    expect(doc.setup.direct).toMatchObject({ connections: 30, established: 30 });
    expect(doc.direct.server).toBe("db08::1");
    expect(doc.direct.connections.every((c) => c.intact && c.server === "db08::1")).toBe(true);
    for (const v of [doc.setup.throughM.p50Ms, doc.setup.throughM.p99Ms, doc.setup.direct.p50Ms, doc.setup.direct.p99Ms, doc.setup.connectionsPerSecond])
      expect(v).toBeGreaterThan(0);

    // The client side of M, as tshark reads it: Linux's own SYNs, the chosen SYN-ACK with its SRH.
    expect(doc.pcap).toMatchObject({ path: pcap });
    expect(tsharkRows(pcap, ["frame.interface_name"], ["-Y", "frame.number == 1"])).toEqual([["host-m-clients"]]);
    const syns = tsharkRows(
      pcap,
      ["ipv6.src", "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_perm", "tcp.options.timestamp.tsval"],
      ["-Y", "ipv6.dst == db06::6 && tcp.flags.syn == 1 && tcp.flags.ack == 0"],
    );
    expect(syns.length).toBeGreaterThanOrEqual(30);
    for (const [src, mss, wscale, sack, tsval] of syns) {
      expect(src).toMatch(/^db04::[123]$/);
      expect([mss, wscale !== "", sack !== "", tsval !== ""]).toEqual(["1440", true, true, true]);
    }
    const synAcks = tsharkRows(
      pcap,
      ["ipv6.dst", "ipv6.routing.segleft", "ipv6.routing.srh.addr", "eth.dst"],
      ["-Y", "ipv6.src == db06::6 && tcp.flags.syn == 1 && tcp.flags.ack == 1"],
    );
    expect(synAcks.length).toBeGreaterThanOrEqual(30);
    for (const [dst, segleft, segments] of synAcks) expect([segleft, segments]).toEqual(["0", `${dst},db08::1`]);
    expect(Number(tsharkRows(pcap, ["frame.number"], ["-Y", "_ws.malformed || _ws.expert.severity == error"]).length)).toBe(0);

    // --configs wrote what the engines ran.
    expect(readdirSync(configs).sort()).toEqual(["e1.conf", "e2.conf", "e3.conf", "m.conf"]);
  }, 150_000);

  it("delays 1,5,9: every connection on db07::1", () => {
    const doc = lab(["--delays", "1,5,9", "--clients", "2", "--connections", "3", "--bytes", "20000"]);
    expect(doc.connections).toHaveLength(6);
    onServer(doc, "db07::1");
  }, 150_000);

  it("delays 4,4,4 with loads 90,20,50 and the load policy: db08::1, the loads read from the edges' IOAM app data", () => {
    const doc = lab(["--delays", "4,4,4", "--loads", "90,20,50", "--policy", "load", "--clients", "2", "--connections", "3", "--bytes", "20000"]);
    onServer(doc, "db08::1");
    for (const c of doc.connections.filter((c) => !c.steered)) expect(c.loads).toEqual({ "db07::1": 90, "db08::1": 20, "db09::1": 50 });
  }, 150_000);

  it("--kill-edge 2: after E2 stops, the clients' next connections succeed on db07::1 after the wait", () => {
    const doc = lab(["--kill-edge", "2", "--clients", "2", "--connections", "4", "--bytes", "20000"]);
    expect(doc.killedEdge).toEqual({ edge: 2, server: "db08::1", afterConnections: 2 });
    expect(doc.connections.every((c) => c.intact)).toBe(true);
    const before = doc.connections.filter((c) => c.clientPort < 40002);
    const after = doc.connections.filter((c) => c.clientPort >= 40002);
    expect(new Set(before.map((c) => c.server))).toEqual(new Set(["db08::1"]));
    expect(new Set(after.map((c) => c.server))).toEqual(new Set(["db07::1"]));
    // Each client's first SYN after the kill went to db08::1 (client affinity) and got no answer: M
    // forgot db08::1 for it, and the SYN the client sent again a second later was sprayed.
    expect(doc.selection.forgotten).toBe(2);
    for (const c of after.filter((c) => c.clientPort === 40002)) {
      expect(c.steered).toBe(false);
      expect(c.establishedMs).toBeGreaterThan(900);
    }
  }, 150_000);

  it("--service-affinity: the client edge learns the option from the servers' FINs; M sees only each client's first SYN", () => {
    const doc = lab(["--service-affinity", "--clients", "2", "--connections", "3", "--bytes", "20000"]);
    onServer(doc, "db08::1");
    expect(doc.selection.syns).toBe(2);
    for (const c of doc.connections) expect(c.steeredBy).toBe(c.clientPort === 40000 ? null : "service-affinity-option");
    expect(doc.clients.map((c) => c.steeredByOption)).toEqual([2, 2]);
  }, 150_000);

  it("--keep leaves the lab up with its engines answering; manycast lab down removes it", () => {
    const p = prefix();
    const run = manycast(["lab", "--keep", "--clients", "1", "--connections", "1", "--bytes", "1000", "--prefix", p], { timeoutMs: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`ip netns exec ${p}-c1 curl`);
    expect(run.stderr).toContain(`manycast lab down --prefix ${p}`);
    expect(listNamespaces(`${p}-`).sort()).toEqual([`${p}-c1`, `${p}-e1`, `${p}-e2`, `${p}-e3`, `${p}-lan`, `${p}-m`, `${p}-s1`, `${p}-s2`, `${p}-s3`]);
    const ctl = manycast(["ctl", "-s", join(LAB_ROOT, p, "m.sock"), "show", "ioam", "ip6", "sr-tunnel-select"]);
    expect(ctl.stdout).toMatch(/Selections: 1 SYNs/);
    // The lab's own captures ended with the run; a kept lab does not go on writing them.
    expect(labCaptures(p)).toEqual([]);
    expect(manycast(["ctl", "-s", join(LAB_ROOT, p, "e1.sock"), "pcap", "trace", "status"]).stdout).toMatch(/Wrote \d+ packets|capture is off/);
    const down = manycast(["lab", "down", "--prefix", p]);
    expect(down.status).toBe(0);
    expect(down.stderr).toMatch(new RegExp(`lab '${p}' removed: \\d+ processes stopped, 9 network namespaces deleted`));
    expect(listNamespaces(`${p}-`)).toEqual([]);
    expect(existsSync(join(LAB_ROOT, p))).toBe(false);
    expect(spawnSync("pgrep", ["-f", join(LAB_ROOT, p)]).status).toBe(1);
  }, 150_000);

  it("Ctrl-C while connections run removes everything the lab made", async () => {
    const p = prefix();
    const child = spawn(process.execPath, [BIN, "lab", "--clients", "1", "--connections", "1000", "--bytes", "1000", "--prefix", p], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
    const deadline = Date.now() + 60_000;
    while (!stderr.includes("connections through M") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stderr).toContain("connections through M");
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("SIGINT: removing the lab");
    expect(listNamespaces(`${p}-`)).toEqual([]);
    expect(existsSync(join(LAB_ROOT, p))).toBe(false);
    expect(spawnSync("pgrep", ["-f", join(LAB_ROOT, p)]).status).toBe(1);
  }, 150_000);

  it("without root it says so and exits non-zero", () => {
    // The unprivileged user runs the CLI's bundle (one module, dist/cli/manycast.mjs) from a
    // world-readable copy: the checkout itself may be private to root (a clone under `mktemp -d`
    // is mode 0700).
    const copy = mkdtempSync(join(tmpdir(), "manycast-nobody-"));
    try {
      for (const file of ["package.json", "dist/cli/manycast.mjs"]) {
        mkdirSync(dirname(join(copy, file)), { recursive: true });
        cpSync(join(REPO, file), join(copy, file));
      }
      chmodTree(copy);
      const launch = "const { run } = await import(process.argv[1]); process.exitCode = await run([process.argv[0], 'manycast', ...process.argv.slice(2)]);";
      const args = ["--input-type=module", "-e", launch, join(copy, "dist", "cli", "manycast.mjs"), "lab", "--prefix", prefix()];
      const r = spawnSync(process.execPath, args, { cwd: copy, encoding: "utf8", uid: 65534, gid: 65534, timeout: 60_000 });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^manycast lab: cannot run here: it needs root/m);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

/** Readable (and directories enterable) by everyone. */
function chmodTree(path: string): void {
  const directory = statSync(path).isDirectory();
  chmodSync(path, directory ? 0o755 : 0o644);
  if (directory) for (const name of readdirSync(path)) chmodTree(join(path, name));
}

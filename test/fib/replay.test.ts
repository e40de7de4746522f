// `manycast replay` with routes, as a user runs it: packets entering on pcap0 leave by the
// interface their route chose, rewritten, every transmitted packet goes to the output file, and
// pcapng output names each packet's tx interface.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CaptureFileReader } from "../../src/io/capture-file.js";
import { manycast, scratchDir, writeFrames } from "../support/cli.js";
import { toHex } from "../support/hex.js";
import { echoRequest, ethernet, udp } from "./fib-node.js";

const CONFIG = `set int ip address pcap0 2001:db8:1::1/64
set int ip address eth1 2001:db8:2::1/64
set ip neighbor eth1 2001:db8:2::2 02:00:00:00:00:c2
set ip neighbor pcap0 2001:db8:1::2 02:00:00:00:00:a2
ip route add 2001:db8:9::/48 via 2001:db8:2::2
`;

function readNamed(path: string): { iface: string | undefined; data: Uint8Array }[] {
  const reader = CaptureFileReader.open(path);
  const out: { iface: string | undefined; data: Uint8Array }[] = [];
  for (const record of reader) out.push({ iface: record.interfaceName, data: record.data.slice() });
  reader.close();
  return out;
}

describe("replay through the FIB", () => {
  it("writes routed packets and replies with their tx interface named in pcapng", () => {
    const dir = scratchDir("fib-replay");
    const conf = join(dir, "router.conf");
    writeFileSync(conf, CONFIG);
    const forwarded = udp("2001:db8:1::2", "2001:db8:9::5", 64);
    const frames = [
      ethernet("02:fe:00:00:00:01", "02:00:00:00:00:a2", forwarded),
      ethernet("02:fe:00:00:00:01", "02:00:00:00:00:a2", udp("2001:db8:1::2", "2001:db8:ffff::1")),
      ethernet("02:fe:00:00:00:01", "02:00:00:00:00:a2", echoRequest("2001:db8:1::2", "2001:db8:1::1")),
    ];
    const input = join(dir, "in.pcap");
    const output = join(dir, "out.pcapng");
    writeFrames(input, frames);
    const run = manycast(["replay", "-c", conf, "--in", input, "--out", output, "--trace", "1", "--debug-engine"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/packets in\s+3\n\s*packets out\s+2\n\s*packets dropped\s+1/);
    expect(run.stdout).toMatch(/1\s+ip6-lookup: no route to destination/);
    expect(run.stdout).toContain("ip6-rewrite");
    const out = readNamed(output);
    expect(out.map((o) => o.iface)).toEqual(["eth1", "pcap0"]);
    const rewritten = forwarded.slice();
    rewritten[7] = 63;
    expect(toHex(out[0].data)).toBe(toHex(ethernet("02:00:00:00:00:c2", "02:fe:00:00:00:02", rewritten)));
    expect(out[1].data[14 + 40]).toBe(129); // the echo reply
  });
});

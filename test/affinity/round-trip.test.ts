// End to end through the M-Anycast guide's edges, each a real engine: the server's FIN crosses the
// server edge (gets the option) and the client edge (learns it); the client's next SYN crosses the
// client edge (SRH [db06::6, db07::1], destination db07::1) and the server edge, whose End.PSP SID
// db07::1 hands it to the server with destination db06::6 and no SRH: the same server, without the
// M-Anycast server in between keeping any state. tshark checks every TCP checksum and the option.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ethernetIp6, toHex } from "../support/hex.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { tsharkColumn } from "../support/tshark.js";
import { eth, expectFields, fieldsOf } from "../decode/helpers/build.js";
import { tempDir } from "../decode/helpers/oracles.js";
import { writePcap } from "./packets.js";
import {
  ACK,
  ANYCAST,
  CLIENT,
  ETH,
  OPTION_DB07_8080,
  address,
  tcpChecksumOf,
  SYN,
  clientEdge,
  clientSegment,
  counter,
  serverEdge,
  serverFin,
} from "./edges.js";

interface Trip {
  finFromServerEdge: Uint8Array;
  finFromClientEdge: Uint8Array;
  synFromClientEdge: Uint8Array;
  synToServer: Uint8Array;
  ackToServer: Uint8Array;
}

const T0 = 1_700_000_000;
/** The option after kind, length and ExID: family 6, db07::1, port 8080. */
const OPTION_DATA = "06db0700000000000000000000000000011f90";

async function roundTrip(): Promise<Trip> {
  const server = await serverEdge();
  const client = await clientEdge();
  const [finFromServerEdge] = server.send([ethernetIp6(serverFin())], T0);
  const [finFromClientEdge] = client.send([finFromServerEdge!], T0);
  const [synFromClientEdge, ackFromClientEdge] = client.send([ethernetIp6(clientSegment(SYN)), ethernetIp6(clientSegment(ACK))], T0 + 5);
  const [synToServer, ackToServer] = server.send([synFromClientEdge!, ackFromClientEdge!], T0 + 5);
  for (const node of [server, client]) expect(node.engine.boundsViolations()).toBe(0);
  expect(counter(server, "tcp-affinity-server-edge", "service-affinity option added")).toBe(1n);
  expect(counter(client, "tcp-affinity-client-edge", "server learned")).toBe(1n);
  expect(counter(client, "tcp-affinity-client-edge", "SYN steered")).toBe(1n);
  return {
    finFromServerEdge: finFromServerEdge!,
    finFromClientEdge: finFromClientEdge!,
    synFromClientEdge: synFromClientEdge!,
    synToServer: synToServer!,
    ackToServer: ackToServer!,
  };
}

const tcpOf = (frame: Uint8Array) => toHex(frame.subarray(ETH + 40));

describe("service affinity round trip", () => {
  let trip: Trip;
  beforeAll(async () => {
    trip = await roundTrip();
  });

  it("the FIN reaches the client with the option naming db07::1 port 8080", () => {
    expect(tcpOf(trip.finFromClientEdge)).toBe(tcpOf(ethernetIp6(serverFin(OPTION_DB07_8080))));
    expectFields(eth(toHex(trip.finFromClientEdge)), { "tcp.options.service_affinity.address": "db07::1", "tcp.options.service_affinity.port": "8080" });
  });

  it("the SYN leaves the client edge for db07::1 through an SRH ending at the anycast address", () => {
    const fields = fieldsOf(eth(toHex(trip.synFromClientEdge)), ["ipv6.dst", "ipv6.routing.segleft", "ipv6.routing.srh.addr"]);
    expect(fields["ipv6.dst"]).toBe("db07::1");
    expect(fields["ipv6.routing.segleft"]).toBe("1");
    expect(fields["ipv6.routing.srh.addr"]).toBe(`${ANYCAST},db07::1`);
  });

  it("the SYN and ACK reach the server addressed to the anycast address, without SRH, TCP untouched", () => {
    for (const [frame, flags] of [
      [trip.synToServer, SYN],
      [trip.ackToServer, ACK],
    ] as const) {
      const sent = ethernetIp6(clientSegment(flags));
      expect(frame.length).toBe(sent.length);
      expect(toHex(frame.subarray(ETH + 24, ETH + 40))).toBe(toHex(sent.subarray(ETH + 24, ETH + 40))); // db06::6
      expect(frame[ETH + 6]).toBe(6); // next header TCP: the SRH is gone
      expect(tcpOf(frame)).toBe(tcpOf(sent));
    }
  });
});

describe("service affinity round trip checksums", () => {
  it("every TCP checksum on the way is right, recomputed from scratch over the final destination", async () => {
    const trip = await roundTrip();
    const frames = [trip.finFromServerEdge, trip.finFromClientEdge, trip.synFromClientEdge, trip.synToServer, trip.ackToServer];
    const finals = [CLIENT, CLIENT, ANYCAST, ANYCAST, ANYCAST];
    frames.forEach((frame, k) => {
      const ip6 = frame.subarray(ETH);
      const tcp = ip6[6] === 43 ? 80 : 40; // after the SRH of the steered SYN
      expect(tcpChecksumOf(ip6, tcp, address(finals[k]!))).toBe((ip6[tcp + 16]! << 8) | ip6[tcp + 17]!);
    });
  });
});

describeWith(NEEDS.tshark, "tshark on the round trip", () => {
  let pcap = "";
  beforeAll(async () => {
    const trip = await roundTrip();
    pcap = join(tempDir("affinity-trip-"), "trip.pcap");
    writePcap(pcap, [trip.finFromServerEdge, trip.finFromClientEdge, trip.synFromClientEdge, trip.synToServer, trip.ackToServer]);
  });

  it("checks every TCP checksum as Good (the SRH's final destination in the pseudo-header)", () => {
    expect(tsharkColumn(pcap, "tcp.checksum.status", ["-o", "tcp.check_checksum:TRUE"])).toEqual(["1", "1", "1", "1", "1"]);
  });

  it("sees the option as kind 253, ExID 0x5341, in both FINs", () => {
    expect(tsharkColumn(pcap, "tcp.options.experimental.exid")).toEqual(["0x5341", "0x5341", "", "", ""]);
    expect(tsharkColumn(pcap, "tcp.options.experimental.data")).toEqual([OPTION_DATA, OPTION_DATA, "", "", ""]);
  });
});

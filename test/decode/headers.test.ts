// Per-header byte vectors: bytes in, tshark-formatted fields out.
import { describe, expect, it } from "vitest";
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW, decodeFrame } from "../../src/host/decode/index.js";
import { nodeLenOfType } from "../../src/host/decode/ioam-trace.js";
import { vppSlotSize } from "../../src/host/decode/vpp-ioam.js";
import { A1, A2, Decoder, ECHO, ETH_IPV6, bytes, eth, expectFields, field, hexToBytes, ipv6, raw } from "./helpers/build.js";

const UDP_40001_40002 = "9c419c42000c1234 61626364";

describe("link layers", () => {
  it("Ethernet II: addresses, bits and type", () => {
    const frame = eth(ETH_IPV6 + ipv6(17, UDP_40001_40002));
    expectFields(frame, {
      "eth.dst": "02:00:00:00:00:02",
      "eth.src": "02:00:00:00:00:01",
      "eth.type": "0x86dd",
      "eth.addr": "02:00:00:00:00:02,02:00:00:00:00:01",
      "eth.dst.lg": "1",
      "eth.dst.ig": "0",
    });
  });

  it("802.1Q and 802.1ad tags", () => {
    const q = eth("020000000002 020000000001 8100 a064 86dd" + ipv6(17, UDP_40001_40002));
    expectFields(q, {
      "eth.type": "0x8100",
      "vlan.id": "100",
      "vlan.priority": "5",
      "vlan.dei": "0",
      "vlan.etype": "0x86dd",
      "udp.srcport": "40001",
    });
    const qinq = eth("020000000002 020000000001 88a8 00c8 8100 012c 86dd" + ipv6(17, UDP_40001_40002));
    expectFields(qinq, {
      "ieee8021ad.id": "200",
      "ieee8021ah.etype": "0x8100",
      "vlan.id": "300",
      "vlan.etype": "0x86dd",
      "ipv6.src": "2001:db8:1::2",
    });
  });

  it("Linux cooked v1 and v2", () => {
    const sll = decodeFrame(bytes("0000 0001 0006 020000000001 0000 86dd", ipv6(17, UDP_40001_40002)), LINKTYPE_LINUX_SLL);
    expectFields(sll, {
      "sll.pkttype": "0",
      "sll.hatype": "1",
      "sll.halen": "6",
      "sll.src.eth": "02:00:00:00:00:01",
      "sll.unused": "0000",
      "sll.etype": "0x86dd",
      "udp.dstport": "40002",
    });
    const sll2 = decodeFrame(bytes("86dd 0000 00000003 0001 04 06 020000000001 0000", ipv6(17, UDP_40001_40002)), LINKTYPE_LINUX_SLL2);
    expectFields(sll2, {
      "sll.etype": "0x86dd",
      "sll.ifindex": "3",
      "sll.pkttype": "4",
      "ipv6.dst": "2001:db8:2::2",
    });
  });

  it("raw IP picks the version from the first nibble", () => {
    expect(field(raw(ipv6(17, UDP_40001_40002)), "ipv6.nxt")).toBe("17");
    const v4 = raw("4500001c000100004011f77cc0000201c0000202 9c419c420008 0000");
    expectFields(v4, {
      "ip.src": "192.0.2.1",
      "ip.dst": "192.0.2.2",
      "ip.proto": "17",
      "udp.length": "8",
    });
  });
});

describe("IPv6 header", () => {
  it("formats like tshark: traffic class and flow label widths, compressed addresses", () => {
    const frame = raw(`6b812345 000c 11 40 ${A1} 00000000000000000000ffff01020304 ${UDP_40001_40002}`);
    expectFields(frame, {
      "ipv6.version": "6",
      "ipv6.tclass": "0x000000b8",
      "ipv6.tclass.dscp": "46",
      "ipv6.tclass.ecn": "0",
      "ipv6.flow": "0x012345",
      "ipv6.plen": "12",
      "ipv6.nxt": "17",
      "ipv6.hlim": "64",
      "ipv6.src": "2001:db8:1::2",
      "ipv6.dst": "::ffff:1.2.3.4",
      "ip.version": "6",
    });
  });

  it("IPv6 in IPv6 and IPv4 in IPv6 give further occurrences", () => {
    const inner6 = ipv6(17, UDP_40001_40002, "20010db8000a00000000000000000001", "20010db8000b00000000000000000001");
    const tunnel = raw(ipv6(41, inner6));
    expectFields(tunnel, {
      "ipv6.src": "2001:db8:1::2,2001:db8:a::1",
      "ipv6.dst": "2001:db8:2::2,2001:db8:b::1",
      "ipv6.nxt": "41,17",
      "udp.srcport": "40001",
    });
    const in4 = raw(ipv6(4, "45000028000100004006f768c6336401c6336402 9c540016 00000000 00000000 5002 2000 0000 0000"));
    expectFields(in4, {
      "ip.src": "198.51.100.1",
      "ip.dst": "198.51.100.2",
      "tcp.srcport": "40020",
      "tcp.dstport": "22",
      "tcp.flags": "0x0002",
      "ip.version": "6,4",
    });
  });
});

describe("hop-by-hop and destination options", () => {
  it("Pad1, PadN, Router Alert, jumbo and unknown options", () => {
    const hbh = "3c01 0000 0502 0000 c204 00010000 0100";
    const doh = "3a01 3e03 aabbcc 9e00 c501ff 0100 0100";
    const frame = raw(ipv6(0, hbh + doh + ECHO));
    expectFields(frame, {
      "ipv6.hopopts.nxt": "60",
      "ipv6.hopopts.len": "1",
      "ipv6.dstopts.nxt": "58",
      "ipv6.opt.type": "0x00,0x00,0x05,0xc2,0x01,0x3e,0x9e,0xc5,0x01,0x01",
      "ipv6.opt.length": "2,4,0,3,0,1,0,0",
      "ipv6.opt.router_alert": "0",
      "ipv6.opt.jumbo": "65536",
      "ipv6.opt.experimental": "aabbcc,<MISSING>",
      "ipv6.opt.unknown": "ff",
      "ipv6.opt.padn": "<none>,<none>,<none>",
      "ipv6.opt.pad1": "1,1",
    });
  });
});

describe("IOAM trace (RFC 9197)", () => {
  const bitWord = (bit: number) => 0x800000 >>> bit;

  it("NodeLen from the trace type: bits 0-7 and 11-21 one word, 8-10 two, 22-23 none", () => {
    expect(nodeLenOfType(0x800000)).toBe(1);
    expect(nodeLenOfType(0xfff002)).toBe(15);
    expect(nodeLenOfType(0x00e000)).toBe(6);
    expect(nodeLenOfType(0x000ffc)).toBe(10);
    expect(nodeLenOfType(0x000003)).toBe(0);
  });

  // One node filled with 0x11.. words after 4 octets of free space, for a single trace-type bit.
  function singleBit(bit: number): ReturnType<typeof raw> {
    const type = bitWord(bit);
    const words = nodeLenOfType(type);
    const node = "11".repeat(words * 4);
    const word = ((words << 11) | 1).toString(16).padStart(4, "0");
    const option = `31${(2 + 8 + 4 + words * 4).toString(16).padStart(2, "0")}0000007b${word}${type.toString(16).padStart(6, "0")}0000000000${node}`;
    const body = `0100${option}`;
    const pad = (8 - ((2 + body.length / 2) % 8)) % 8;
    const padding = pad === 0 ? "" : pad === 1 ? "00" : `01${(pad - 2).toString(16).padStart(2, "0")}${"00".repeat(pad - 2)}`;
    const hbh = `3a${((2 + body.length / 2 + pad) / 8 - 1).toString(16).padStart(2, "0")}${body}${padding}`;
    return raw(ipv6(0, hbh + ECHO));
  }

  const perBit: [number, Record<string, string>][] = [
    [0, { "ipv6.opt.ioam.trace.node.hlim": "17", "ipv6.opt.ioam.trace.node.id": "0x111111" }],
    [1, { "ipv6.opt.ioam.trace.node.iif": "0x1111", "ipv6.opt.ioam.trace.node.eif": "0x1111" }],
    [2, { "ipv6.opt.ioam.trace.node.tss": "0x11111111" }],
    [3, { "ipv6.opt.ioam.trace.node.tsf": "0x11111111" }],
    [4, { "ipv6.opt.ioam.trace.node.trdelay": "0x11111111" }],
    [5, { "ipv6.opt.ioam.trace.node.nsdata": "0x11111111" }],
    [6, { "ipv6.opt.ioam.trace.node.qdepth": "0x11111111" }],
    [7, { "ipv6.opt.ioam.trace.node.csum": "0x11111111" }],
    [8, { "ipv6.opt.ioam.trace.node.hlim": "17", "ipv6.opt.ioam.trace.node.id_wide": "0x0011111111111111" }],
    [9, { "ipv6.opt.ioam.trace.node.iif_wide": "0x11111111", "ipv6.opt.ioam.trace.node.eif_wide": "0x11111111" }],
    [10, { "ipv6.opt.ioam.trace.node.nsdata_wide": "0x1111111111111111" }],
    [11, { "ipv6.opt.ioam.trace.node.bufoccup": "0x11111111" }],
    [12, { "ipv6.opt.ioam.trace.node.undefined": "0x11111111", "ipv6.opt.ioam.trace.type.undef": "1" }],
    [21, { "ipv6.opt.ioam.trace.node.undefined": "0x11111111", "ipv6.opt.ioam.trace.type.undef": "1" }],
  ];
  for (const [bit, expected] of perBit) {
    it(`trace-type bit ${bit}`, () => {
      const frame = singleBit(bit);
      expect(frame.problems).toEqual([]);
      expect(field(frame, "ipv6.opt.ioam.trace.type")).toBe(`0x${bitWord(bit).toString(16).padStart(6, "0")}`);
      expect(field(frame, "ipv6.opt.ioam.trace.free_space")).toBe("00000000");
      if (bit < 12) expect(field(frame, `ipv6.opt.ioam.trace.type.bit${bit}`)).toBe("1");
      expectFields(frame, expected);
    });
  }

  it("bit 22: the opaque state snapshot after the node fields", () => {
    const option = "3152 0000 0007 7800 fff002 00" + "33".repeat(60) + "02000309 736f6d65 74686973";
    const frame = raw(ipv6(0, `3a0a 0100 ${option}` + ECHO));
    expectFields(frame, {
      "ipv6.opt.ioam.trace.nodelen": "15",
      "ipv6.opt.ioam.trace.type.bit22": "1",
      "ipv6.opt.ioam.trace.node.oss.len": "2",
      "ipv6.opt.ioam.trace.node.oss.scid": "0x000309",
      "ipv6.opt.ioam.trace.node.oss.data": "736f6d6574686973",
    });
  });

  it("flags and the overflow bit", () => {
    const frame = raw(ipv6(0, "3a03 0100 3116 0000 007b 1401 c00000 00 00000000 0000000000000000 01020000" + ECHO));
    expectFields(frame, {
      "ipv6.opt.ioam.trace.flags": "0x0008",
      "ipv6.opt.ioam.trace.flag.o": "1",
      "ipv6.opt.ioam.trace.flag.l": "0",
      "ipv6.opt.ioam.trace.nodelen": "2",
      "ipv6.opt.ioam.trace.remlen": "1",
    });
  });

  it("a NodeLen that disagrees with the trace type is a problem", () => {
    const frame = raw(ipv6(0, "3a03 0100 3116 0000 007b 1001 800000 00 00000000 3f000002 11111111 01020000" + ECHO));
    expect(frame.problems).toContain("IOAM trace NodeLen 2 does not match trace type 0x800000 (NodeLen 1)");
    expect(field(frame, "ipv6.opt.ioam.trace.node.id")).toBe("0x000002");
    expect(field(frame, "ipv6.opt_unknown_data")).toBe("3f00000211111111");
  });
});

describe("VPP pre-standard options", () => {
  it("slot sizes: one word per field the type names (VPP's table where VPP agrees with what it writes)", () => {
    expect(vppSlotSize(0x1f)).toBe(16);
    expect(vppSlotSize(0x03)).toBe(8);
    expect(vppSlotSize(0x07)).toBe(8);
    expect(vppSlotSize(0x09)).toBe(8);
    expect(vppSlotSize(0x11)).toBe(8);
    // VPP's size table says 8 for these but its writer stores one word per field.
    expect(vppSlotSize(0x19)).toBe(12);
    expect(vppSlotSize(0x0b)).toBe(12);
    expect(vppSlotSize(0x1b)).toBe(16);
    expect(vppSlotSize(0x01)).toBe(4);
    expect(vppSlotSize(0x20)).toBe(0);
  });

  it("trace 0x19 decodes 12-octet slots", () => {
    const option = "3b1a 1900 3f000002 5f000001 00001234 40000001 5f000000 00001234";
    const frame = raw(ipv6(0, `3a03 ${option} 0000` + ECHO));
    expect(frame.problems).toEqual([]);
    expectFields(frame, {
      "ipv6.opt.vpp.trace.type": "0x19",
      "ipv6.opt.vpp.trace.node.hlim": "63,64",
      "ipv6.opt.vpp.trace.node.id": "0x000002,0x000001",
      "ipv6.opt.vpp.trace.node.timestamp": "0x5f000001,0x5f000000",
      "ipv6.opt.vpp.trace.node.app_data": "0x00001234,0x00001234",
      "ipv6.opt.unknown": "19003f0000025f00000100001234400000015f00000000001234",
    });
  });

  it("an elements-left past the slots is a problem (VPP writes outside the option)", () => {
    const frame = raw(ipv6(0, "3a02 3b12 0309" + "00".repeat(16) + "0000" + ECHO));
    expect(frame.problems).toContain("VPP trace elements left 9 exceeds the 2 slots in the option");
  });
});

describe("routing headers", () => {
  it("SRH: fixed fields, segments index 0 first, TLVs under our names", () => {
    const srh = `3a05 0401 0108 beef ${A2} fc00000b000000000000000000000001 0402 0000 00 00 0100`;
    const frame = raw(ipv6(43, srh + "" + ECHO.replace("9d4e", "0000"), A1, "fc00000b000000000000000000000001"));
    expectFields(frame, {
      "ipv6.routing.type": "4",
      "ipv6.routing.segleft": "1",
      "ipv6.routing.srh.last_entry": "1",
      "ipv6.routing.srh.flags": "0x08",
      "ipv6.routing.srh.tag": "beef",
      "ipv6.routing.srh.addr": "2001:db8:2::2,fc00:b::1",
      "ipv6.routing.srh.tlv.type": "4,0,0,1",
      "ipv6.routing.srh.tlv.padn": "0000",
    });
  });

  it("other routing types generically", () => {
    const type0 = raw(ipv6(43, `1102 0001 00000000 ${A2}` + UDP_40001_40002));
    expectFields(type0, {
      "ipv6.routing.type": "0",
      "ipv6.routing.src.addr": "2001:db8:2::2",
      "udp.srcport": "40001",
    });
    const other = raw(ipv6(43, "1100 fd00 01020304" + UDP_40001_40002));
    expectFields(other, {
      "ipv6.routing.type": "253",
      "ipv6.routing.unknown_data": "01020304",
      "udp.dstport": "40002",
    });
  });
});

describe("fragments", () => {
  // A UDP datagram of 8 + 24 octets split at 16: the first fragment carries the UDP header.
  const udp = "9c419c4200200000" + "55".repeat(24);
  const first = ipv6(44, "1100 0001 00001001" + udp.slice(0, 32));
  const last = ipv6(44, "1100 0010 00001001" + udp.slice(32));

  it("reassembles like tshark: the completing frame shows the upper layer, the first does not", () => {
    const decoder = new Decoder();
    const one = decoder.decode(hexToBytes(first), LINKTYPE_RAW);
    const two = decoder.decode(hexToBytes(last), LINKTYPE_RAW);
    expectFields(one, {
      "ipv6.fraghdr.offset": "0",
      "ipv6.fraghdr.more": "1",
      "ipv6.fraghdr.ident": "0x00001001",
      "udp.srcport": "",
    });
    expect(one.summary).toContain("IPv6 fragment (off=0 more=y ident=0x00001001 nxt=17)");
    expectFields(two, {
      "ipv6.fraghdr.offset": "2",
      "ipv6.fraghdr.more": "0",
      "udp.srcport": "40001",
      "udp.length": "32",
      "ipv6.fragment": "1,2",
      "ipv6.fragment.count": "2",
      "ipv6.reassembled.length": "32",
    });
  });

  it("without reassembly the first fragment is dissected on its own", () => {
    const decoder = new Decoder({ reassemble: false });
    expect(field(decoder.decode(hexToBytes(first), LINKTYPE_RAW), "udp.srcport")).toBe("40001");
  });
});

describe("transport and ICMPv6", () => {
  it("TCP fields and options", () => {
    const options = "020405b4 0402 080a0000000100000002 01 030307 fd08 4d43 01020304 6304 0102 00 00 00 00";
    const header = `9c550050 000003e8 00000000 e002 2000 0000 0000 ${options}`;
    const frame = raw(ipv6(6, header));
    expectFields(frame, {
      "tcp.srcport": "40021",
      "tcp.dstport": "80",
      "tcp.seq_raw": "1000",
      "tcp.ack_raw": "0",
      "tcp.flags": "0x0002",
      "tcp.hdr_len": "56",
      "tcp.option_kind": "2,4,8,1,3,253,99,0,0,0,0",
      "tcp.option_len": "4,2,10,3,8,4",
      "tcp.options.mss_val": "1460",
      "tcp.options.wscale.shift": "7",
      "tcp.options.wscale.multiplier": "128",
      "tcp.options.timestamp.tsval": "1",
      "tcp.options.timestamp.tsecr": "2",
      "tcp.options.experimental.exid": "0x4d43",
      "tcp.options.experimental.data": "01020304",
      "tcp.options.unknown.payload": "0102",
      "tcp.flags.syn": "1",
      "tcp.flags.str": "··········S·",
    });
  });

  it("UDP fields", () => {
    const frame = raw(ipv6(17, UDP_40001_40002));
    expectFields(frame, {
      "udp.srcport": "40001",
      "udp.dstport": "40002",
      "udp.length": "12",
      "udp.checksum": "0x1234",
      "udp.port": "40001,40002",
    });
  });

  it("an ICMPv6 error's invoking packet adds occurrences, as in tshark", () => {
    const invoking = ipv6(17, "9c5f829a000d0000 70726f6265", A1, "20010db8000900000000000000000001", 1);
    const frame = raw(ipv6(58, "03000000 00000000" + invoking, "20010db80000000000000000000000fe", A1));
    expectFields(frame, {
      "icmpv6.type": "3",
      "icmpv6.code": "0",
      "ipv6.src": "2001:db8::fe,2001:db8:1::2",
      "ipv6.dst": "2001:db8:1::2,2001:db8:9::1",
      "ipv6.hlim": "64,1",
      "udp.srcport": "40031",
      "udp.dstport": "33434",
    });
    expect(frame.summary).toMatch(/^2001:db8::fe → 2001:db8:1::2 ICMPv6 \d+ Time Exceeded \(hop limit exceeded in transit\)/);
  });

  it("ICMPv6 echo and its checksum", () => {
    const frame = raw(ipv6(58, ECHO));
    expectFields(frame, {
      "icmpv6.type": "128",
      "icmpv6.code": "0",
      "icmpv6.checksum": "0x9d4e",
      "icmpv6.checksum.status": "1",
      "icmpv6.echo.identifier": "0x1234",
      "icmpv6.echo.sequence_number": "1",
    });
    expect(frame.summary).toBe("2001:db8:1::2 → 2001:db8:2::2 ICMPv6 56 Echo (ping) request id=0x1234, seq=1, hop limit=64");
  });

  it("AH and ESP", () => {
    const ah = raw(ipv6(51, "1104 0000 00000100 00000001" + "01".repeat(12) + UDP_40001_40002));
    expectFields(ah, {
      "ah.next_header": "17",
      "ah.spi": "0x00000100",
      "ah.sequence": "1",
      "ah.icv": "010101010101010101010101",
      "udp.srcport": "40001",
    });
    const esp = raw(ipv6(50, "00000200 00000002" + "aa".repeat(16)));
    expectFields(esp, { "esp.spi": "0x00000200", "esp.sequence": "2" });
    expect(esp.summary).toContain("ESP (SPI=0x00000200)");
  });
});

describe("frame fields", () => {
  it("numbers, lengths and timestamps", () => {
    const decoder = new Decoder();
    decoder.decode(hexToBytes(ETH_IPV6 + ipv6(17, UDP_40001_40002)), LINKTYPE_ETHERNET, { timestamp: { sec: 1700000000, nsec: 0 } });
    const second = decoder.decode(hexToBytes(ETH_IPV6 + ipv6(17, UDP_40001_40002)), LINKTYPE_ETHERNET, {
      originalLength: 200,
      timestamp: { sec: 1700000001, nsec: 1000 },
    });
    expectFields(second, {
      "frame.number": "2",
      "frame.len": "200",
      "frame.cap_len": "66",
      "frame.time_epoch": "1700000001.000001000",
      "frame.time_relative": "1.000001000",
      "frame.time_delta": "1.000001000",
      "frame.encap_type": "1",
    });
    expect(second.problems).toEqual(["packet size limited during capture: 66 of 200 bytes captured"]);
  });
});

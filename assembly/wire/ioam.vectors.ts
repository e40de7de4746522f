// Byte vectors for IOAM (RFC 9197 data in RFC 9486 options): raw IPv6 packets (no link header) and
// the fields each must decode to, one `name=value` per line, values exactly as `tshark -T fields`
// prints them (repeated fields joined by ','). Fields named ipv6.opt.vpp.*, ipv6.opt.ioam.pot|e2e|dex.*
// and ipv6.routing.srh.tlv.* are this project's (tshark 4.0 has none); all others were checked with tshark 4.0.17.
// Constants only, so AssemblyScript and TypeScript tests share them.

// standards-interop.md §2.4 V1: HBH + IOAM pre-allocated trace (ns 123, type 0x800000, 12 octets), as the encapsulating node sends it
export const IOAM_V1_SENT_HEX =
  "600000000030004020010db800010000000000000000000220010db80002000000000000000000023a03010031160000007b0803800000000000000000000000000000000102000080009d4e1234000172732d70726f6265";
export const IOAM_V1_SENT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=48\nipv6.opt.type=0x01,0x31,0x01\nipv6.opt.length=0,22,2\nipv6.opt.ioam.opt_type=0\nipv6.opt.ioam.trace.ns=123\nipv6.opt.ioam.trace.nodelen=1\nipv6.opt.ioam.trace.flags=0x0000\nipv6.opt.ioam.trace.flag.o=0\nipv6.opt.ioam.trace.remlen=3\nipv6.opt.ioam.trace.type=0x800000\nipv6.opt.ioam.trace.free_space=000000000000000000000000\nicmpv6.type=128\nicmpv6.code=0";

// §2.4 V1 after one Linux transit node (node id 2, hop limit 64 -> 63)
export const IOAM_V1_TRANSIT_HEX =
  "600000000030003f20010db800010000000000000000000220010db80002000000000000000000023a03010031160000007b08028000000000000000000000003f0000020102000080009d4e1234000172732d70726f6265";
export const IOAM_V1_TRANSIT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=63\nipv6.plen=48\nipv6.opt.type=0x01,0x31,0x01\nipv6.opt.length=0,22,2\nipv6.opt.ioam.opt_type=0\nipv6.opt.ioam.trace.ns=123\nipv6.opt.ioam.trace.nodelen=1\nipv6.opt.ioam.trace.flags=0x0000\nipv6.opt.ioam.trace.flag.o=0\nipv6.opt.ioam.trace.remlen=2\nipv6.opt.ioam.trace.type=0x800000\nipv6.opt.ioam.trace.free_space=0000000000000000\nipv6.opt.ioam.trace.node.hlim=63\nipv6.opt.ioam.trace.node.id=0x000002\nicmpv6.type=128\nicmpv6.code=0";

// §2.4 V1b: the encapsulating node wrote its own slot (hlim 64, id 1), then the transit node (hlim 63, id 2)
export const IOAM_V1B_TRANSIT_HEX =
  "600000000030003f20010db800010000000000000000000220010db80002000000000000000000023a03010031160000007b080180000000000000003f000002400000010102000080009d4e1234000172732d70726f6265";
export const IOAM_V1B_TRANSIT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=63\nipv6.plen=48\nipv6.opt.type=0x01,0x31,0x01\nipv6.opt.length=0,22,2\nipv6.opt.ioam.opt_type=0\nipv6.opt.ioam.trace.ns=123\nipv6.opt.ioam.trace.nodelen=1\nipv6.opt.ioam.trace.flags=0x0000\nipv6.opt.ioam.trace.flag.o=0\nipv6.opt.ioam.trace.remlen=1\nipv6.opt.ioam.trace.type=0x800000\nipv6.opt.ioam.trace.free_space=00000000\nipv6.opt.ioam.trace.node.hlim=63,64\nipv6.opt.ioam.trace.node.id=0x000002,0x000001\nicmpv6.type=128\nicmpv6.code=0";

// §2.5 POT in HBH (ns 123, type 0, RND/CML of §6.4); tshark 4.0 leaves the data undecoded
export const IOAM_POT_HEX =
  "600000000030004020010db800010000000000000000000220010db80002000000000000000000023a03010031160002007b00000b043a3d123456781d3890b5a2e024670102000080009d4e1234000172732d70726f6265";
export const IOAM_POT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=48\nipv6.opt.type=0x01,0x31,0x01\nipv6.opt.length=0,22,2\nipv6.opt.ioam.opt_type=2\nipv6.opt_unknown_data=007b00000b043a3d123456781d3890b5a2e02467\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.ioam.pot.ns=123\nipv6.opt.ioam.pot.type=0\nipv6.opt.ioam.pot.flags=0x00\nipv6.opt.ioam.pot.random=0x0b043a3d12345678\nipv6.opt.ioam.pot.cumulative=0x1d3890b5a2e02467";

// §2.5 E2E in a Destination Options header (option 0x11, ns 123, 64-bit sequence number 42); tshark 4.0: unknown option
export const IOAM_E2E_DOH_HEX =
  "6000000000283c4020010db800010000000000000000000220010db80002000000000000000000023a020100110e0003007b8000000000000000002a0102000080009d4e1234000172732d70726f6265";
export const IOAM_E2E_DOH_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=60\nipv6.hlim=64\nipv6.plen=40\nipv6.opt.type=0x01,0x11,0x01\nipv6.opt.length=0,14,2\nipv6.opt.unknown=0003007b8000000000000000002a\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.ioam.e2e.ns=123\nipv6.opt.ioam.e2e.type=0x8000\nipv6.opt.ioam.e2e.seq64=42";

// §2.5 DEX in HBH (ns 123, extension flags 0xC0, trace type 0xC00000, flow id 7, sequence 1); tshark 4.0: unknown type
export const IOAM_DEX_HEX =
  "600000000028004020010db800010000000000000000000220010db80002000000000000000000023a02010031120004007b00c0c0000000000000070000000180009d4e1234000172732d70726f6265";
export const IOAM_DEX_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=40\nipv6.opt.type=0x01,0x31\nipv6.opt.length=0,18\nipv6.opt.ioam.opt_type=4\nipv6.opt_unknown_data=007b00c0c00000000000000700000001\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.ioam.dex.ns=123\nipv6.opt.ioam.dex.flags=0x00\nipv6.opt.ioam.dex.ext_flags=0xc0\nipv6.opt.ioam.dex.trace_type=0xc00000\nipv6.opt.ioam.dex.flow_id=7\nipv6.opt.ioam.dex.seq=1";

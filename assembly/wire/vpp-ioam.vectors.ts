// Byte vectors for VPP's pre-standard IOAM and M-Anycast options: raw IPv6 packets (no link header) and
// the fields each must decode to, one `name=value` per line, values exactly as `tshark -T fields`
// prints them (repeated fields joined by ','). Fields named ipv6.opt.vpp.*, ipv6.opt.ioam.pot|e2e|dex.*
// and ipv6.routing.srh.tlv.* are this project's (tshark 4.0 has none); all others were checked with tshark 4.0.17.
// Constants only, so AssemblyScript and TypeScript tests share them.

// vpp-ioam-spec.md §1.7: trace 0x1f, 2 elements, as the rewrite template carries it
export const VPP_TRACE_TEMPLATE_HEX =
  "600000000038004020010db800010000000000000000000220010db80002000000000000000000023a043b221f020000000000000000000000000000000000000000000000000000000000000000000080009d4e1234000172732d70726f6265";
export const VPP_TRACE_TEMPLATE_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=56\nipv6.opt.type=0x3b,0x00,0x00\nipv6.opt.length=34\nipv6.opt.unknown=1f020000000000000000000000000000000000000000000000000000000000000000\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.vpp.trace.type=0x1f\nipv6.opt.vpp.trace.elts_left=2\nipv6.opt.vpp.trace.free_space=0000000000000000000000000000000000000000000000000000000000000000";

// §1.7 after the encapsulator (HL 64, node 1, rx 1, tx 2, timestamp 0xabcd, app data 0x1234): slot 1 filled
export const VPP_TRACE_AFTER_ENCAP_HEX =
  "600000000038004020010db800010000000000000000000220010db80002000000000000000000023a043b221f010000000000000000000000000000000040000001000100020000abcd00001234000080009d4e1234000172732d70726f6265";
export const VPP_TRACE_AFTER_ENCAP_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=56\nipv6.opt.type=0x3b,0x00,0x00\nipv6.opt.length=34\nipv6.opt.unknown=1f010000000000000000000000000000000040000001000100020000abcd00001234\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.vpp.trace.type=0x1f\nipv6.opt.vpp.trace.elts_left=1\nipv6.opt.vpp.trace.free_space=00000000000000000000000000000000\nipv6.opt.vpp.trace.node.hlim=64\nipv6.opt.vpp.trace.node.id=0x000001\nipv6.opt.vpp.trace.node.ingress_if=0x0001\nipv6.opt.vpp.trace.node.egress_if=0x0002\nipv6.opt.vpp.trace.node.timestamp=0x0000abcd\nipv6.opt.vpp.trace.node.app_data=0x00001234";

// §1.7 after a transit node (HL 63, node 2, rx 3, tx 4, timestamp 0xabce): slot 0 filled, most recent first
export const VPP_TRACE_AFTER_TRANSIT_HEX =
  "600000000038003f20010db800010000000000000000000220010db80002000000000000000000023a043b221f003f000002000300040000abce0000123440000001000100020000abcd00001234000080009d4e1234000172732d70726f6265";
export const VPP_TRACE_AFTER_TRANSIT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=63\nipv6.plen=56\nipv6.opt.type=0x3b,0x00,0x00\nipv6.opt.length=34\nipv6.opt.unknown=1f003f000002000300040000abce0000123440000001000100020000abcd00001234\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.vpp.trace.type=0x1f\nipv6.opt.vpp.trace.elts_left=0\nipv6.opt.vpp.trace.node.hlim=63,64\nipv6.opt.vpp.trace.node.id=0x000002,0x000001\nipv6.opt.vpp.trace.node.ingress_if=0x0003,0x0001\nipv6.opt.vpp.trace.node.egress_if=0x0004,0x0002\nipv6.opt.vpp.trace.node.timestamp=0x0000abce,0x0000abcd\nipv6.opt.vpp.trace.node.app_data=0x00001234,0x00001234";

// §2.9 (a) VPP POT option 0x3C, RND 0x1234567890abcdef, CML after the encapsulator, profile 0
export const VPP_POT_AFTER_ENCAP_HEX =
  "600000000028004020010db800010000000000000000000220010db80002000000000000000000023a023c1200001234567890abcdef04f6fcd463c139a7000080009d4e1234000172732d70726f6265";
export const VPP_POT_AFTER_ENCAP_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=40\nipv6.opt.type=0x3c,0x00,0x00\nipv6.opt.length=18\nipv6.opt.unknown=00001234567890abcdef04f6fcd463c139a7\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.vpp.pot.type=0\nipv6.opt.vpp.pot.profile_index=0\nipv6.opt.vpp.pot.random=0x1234567890abcdef\nipv6.opt.vpp.pot.cumulative=0x04f6fcd463c139a7";

// §2.9 (a) CML after the transit node
export const VPP_POT_AFTER_TRANSIT_HEX =
  "600000000028004020010db800010000000000000000000220010db80002000000000000000000023a023c1200001234567890abcdef6d78531f5b7f825d000080009d4e1234000172732d70726f6265";
export const VPP_POT_AFTER_TRANSIT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=40\nipv6.opt.type=0x3c,0x00,0x00\nipv6.opt.length=18\nipv6.opt.unknown=00001234567890abcdef6d78531f5b7f825d\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.vpp.pot.type=0\nipv6.opt.vpp.pot.profile_index=0\nipv6.opt.vpp.pot.random=0x1234567890abcdef\nipv6.opt.vpp.pot.cumulative=0x6d78531f5b7f825d";

// §2.9 (a) CML after the verifier (= RND + key mod p), profile 1
export const VPP_POT_AFTER_VERIFIER_HEX =
  "600000000028004020010db800010000000000000000000220010db80002000000000000000000023a023c1200011234567890abcdef1234567890abcdc7000080009d4e1234000172732d70726f6265";
export const VPP_POT_AFTER_VERIFIER_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=40\nipv6.opt.type=0x3c,0x00,0x00\nipv6.opt.length=18\nipv6.opt.unknown=00011234567890abcdef1234567890abcdc7\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.vpp.pot.type=0\nipv6.opt.vpp.pot.profile_index=1\nipv6.opt.vpp.pot.random=0x1234567890abcdef\nipv6.opt.vpp.pot.cumulative=0x1234567890abcdc7";

// §3 VPP E2E option 0x1D, sequence number 42, padded with Pad1s as VPP does
export const VPP_SEQNO_HEX =
  "600000000020004020010db800010000000000000000000220010db80002000000000000000000023a011d0600000000002a00000000000080009d4e1234000172732d70726f6265";
export const VPP_SEQNO_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=32\nipv6.opt.type=0x1d,0x00,0x00,0x00,0x00,0x00,0x00\nipv6.opt.length=6\nipv6.opt.unknown=00000000002a\nicmpv6.type=128\nicmpv6.code=0\nipv6.opt.vpp.e2e.type=0\nipv6.opt.vpp.e2e.seqno=42";

// §4.2 M-Anycast SYN: E2E-cache 0x1F (pool 3, index 5 little-endian) and E2E-ID 0x1E (fc00:a::1)
export const VPP_MANYCAST_SYN_HEX =
  "60000000003c004020010db800010000000000000000000220010db800060000000000000000000606040000000000001f060203050000001e16010000000000fc00000a0000000000000000000000019c40005000000064000000005002200000000000";
export const VPP_MANYCAST_SYN_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:6::6\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=60\nipv6.opt.type=0x00,0x00,0x00,0x00,0x00,0x00,0x1f,0x1e\nipv6.opt.length=6,22\nipv6.opt.unknown=020305000000\nipv6.opt.experimental=010000000000fc00000a000000000000000000000001\ntcp.srcport=40000\ntcp.dstport=80\ntcp.flags=0x0002\ntcp.seq_raw=100\nipv6.opt.vpp.e2e_cache.type=2\nipv6.opt.vpp.e2e_cache.pool_id=3\nipv6.opt.vpp.e2e_cache.pool_index=5\nipv6.opt.vpp.e2e_id.type=1\nipv6.opt.vpp.e2e_id.address=fc00:a::1";

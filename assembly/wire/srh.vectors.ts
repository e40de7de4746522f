// Byte vectors for SRv6 Segment Routing Headers (RFC 8754): raw IPv6 packets (no link header) and
// the fields each must decode to, one `name=value` per line, values exactly as `tshark -T fields`
// prints them (repeated fields joined by ','). Fields named ipv6.opt.vpp.*, ipv6.opt.ioam.pot|e2e|dex.*
// and ipv6.routing.srh.tlv.* are this project's (tshark 4.0 has none); all others were checked with tshark 4.0.17.
// Constants only, so AssemblyScript and TypeScript tests share them.

// §4.6 V2: SRH [2001:db8:2::2, fc00:b::1], SL 1, ICMPv6 echo, as sent
export const SRH_V2_SENT_HEX =
  "6000000000382b4020010db8000100000000000000000002fc00000b0000000000000000000000013a0404010100000020010db8000200000000000000000002fc00000b00000000000000000000000180009d4e1234000172732d70726f6265";
export const SRH_V2_SENT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=fc00:b::1\nipv6.nxt=43\nipv6.hlim=64\nipv6.plen=56\nipv6.routing.nxt=58\nipv6.routing.len=4\nipv6.routing.type=4\nipv6.routing.segleft=1\nipv6.routing.srh.last_entry=1\nipv6.routing.srh.flags=0x00\nipv6.routing.srh.tag=0000\nipv6.routing.srh.addr=2001:db8:2::2,fc00:b::1\nicmpv6.type=128\nicmpv6.code=0";

// §4.6 V2 after a Linux End: hop limit 63, DA = Segment List[0], SL 0
export const SRH_V2_AFTER_END_HEX =
  "6000000000382b3f20010db800010000000000000000000220010db80002000000000000000000023a0404000100000020010db8000200000000000000000002fc00000b00000000000000000000000180009d4e1234000172732d70726f6265";
export const SRH_V2_AFTER_END_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=2001:db8:2::2\nipv6.nxt=43\nipv6.hlim=63\nipv6.plen=56\nipv6.routing.nxt=58\nipv6.routing.len=4\nipv6.routing.type=4\nipv6.routing.segleft=0\nipv6.routing.srh.last_entry=1\nipv6.routing.srh.flags=0x00\nipv6.routing.srh.tag=0000\nipv6.routing.srh.addr=2001:db8:2::2,fc00:b::1\nicmpv6.type=128\nicmpv6.code=0";

// §4.6 V3: Linux encap (H.Encaps) with 2 segments around an IPv6/UDP packet
export const SRH_V3_ENCAP_HEX =
  "6006d7dc005e2b4020010db8000100000000000000000002fc00000b000000000000000000000001290404010100000020010db8000200000000000000000002fc00000b0000000000000000000000016006d7dc000e114020010db800010000000000000000000220010db8000900000000000000000001a3e1270f000e5b9e72732d756470";
export const SRH_V3_ENCAP_FIELDS =
  "ipv6.src=2001:db8:1::2,2001:db8:1::2\nipv6.dst=fc00:b::1,2001:db8:9::1\nipv6.nxt=43,17\nipv6.hlim=64,64\nipv6.plen=94,14\nipv6.routing.nxt=41\nipv6.routing.len=4\nipv6.routing.type=4\nipv6.routing.segleft=1\nipv6.routing.srh.last_entry=1\nipv6.routing.srh.flags=0x00\nipv6.routing.srh.tag=0000\nipv6.routing.srh.addr=2001:db8:2::2,fc00:b::1\nudp.srcport=41953\nudp.dstport=9999\nudp.length=14";

// §4.6 V4: Linux inline (H.Insert), 1 segment, UDP
export const SRH_V4_INLINE_HEX =
  "6009834200362b4020010db8000100000000000000000002fc00000b000000000000000000000001110404010100000020010db8000200000000000000000002fc00000b000000000000000000000001b5fc270f000e5b9872732d756470";
export const SRH_V4_INLINE_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=fc00:b::1\nipv6.nxt=43\nipv6.hlim=64\nipv6.plen=54\nipv6.routing.nxt=17\nipv6.routing.len=4\nipv6.routing.type=4\nipv6.routing.segleft=1\nipv6.routing.srh.last_entry=1\nipv6.routing.srh.flags=0x00\nipv6.routing.srh.tag=0000\nipv6.routing.srh.addr=2001:db8:2::2,fc00:b::1\nudp.srcport=46588\nudp.dstport=9999\nudp.length=14";

// §4.6 V5: Linux encap.red with 2 segments (SRH lists only 2001:db8:2::2; DA fc00:b::1), inner packet of V3
export const SRH_V5_ENCAP_RED_HEX =
  "60000000004e2b4020010db8000100000000000000000002fc00000b000000000000000000000001290204010000000020010db80002000000000000000000026006d7dc000e114020010db800010000000000000000000220010db8000900000000000000000001a3e1270f000e5b9e72732d756470";
export const SRH_V5_ENCAP_RED_FIELDS =
  "ipv6.src=2001:db8:1::2,2001:db8:1::2\nipv6.dst=fc00:b::1,2001:db8:9::1\nipv6.nxt=43,17\nipv6.hlim=64,64\nipv6.plen=78,14\nipv6.routing.nxt=41\nipv6.routing.len=2\nipv6.routing.type=4\nipv6.routing.segleft=1\nipv6.routing.srh.last_entry=0\nipv6.routing.srh.flags=0x00\nipv6.routing.srh.tag=0000\nipv6.routing.srh.addr=2001:db8:2::2\nudp.srcport=41953\nudp.dstport=9999\nudp.length=14";

// §4.6 V6: Linux encap with HMAC key 42 (flags 0x08, HMAC TLV last), inner packet of V3
export const SRH_V6_HMAC_HEX =
  "6000000000862b4020010db8000100000000000000000002fc00000b000000000000000000000001290904010108000020010db8000200000000000000000002fc00000b000000000000000000000001052600000000002a459a8768e7c2f2c771c3ac31e5fc3c6f4c64c3f0416f0c91c1ee8eedd1e038536006d7dc000e114020010db800010000000000000000000220010db8000900000000000000000001a3e1270f000e5b9e72732d756470";
export const SRH_V6_HMAC_FIELDS =
  "ipv6.src=2001:db8:1::2,2001:db8:1::2\nipv6.dst=fc00:b::1,2001:db8:9::1\nipv6.nxt=43,17\nipv6.hlim=64,64\nipv6.plen=134,14\nipv6.routing.nxt=41\nipv6.routing.len=9\nipv6.routing.type=4\nipv6.routing.segleft=1\nipv6.routing.srh.last_entry=1\nipv6.routing.srh.flags=0x08\nipv6.routing.srh.tag=0000\nipv6.routing.srh.addr=2001:db8:2::2,fc00:b::1\nudp.srcport=41953\nudp.dstport=9999\nudp.length=14\nipv6.routing.srh.tlv.type=5\nipv6.routing.srh.tlv.length=38\nipv6.routing.srh.tlv.hmac.d=0\nipv6.routing.srh.tlv.hmac.key_id=42\nipv6.routing.srh.tlv.hmac.value=459a8768e7c2f2c771c3ac31e5fc3c6f4c64c3f0416f0c91c1ee8eedd1e03853";

// §4.6 V7: HBH IOAM trace (0xc00000, 16 octets) then an SRH inserted after it (RFC 8200 order)
export const SRH_V7_IOAM_INSERT_HEX =
  "600000000058004020010db8000100000000000000000002fc00000b0000000000000000000000012b030100311a0000007b1004c0000000000000000000000000000000000000003a0404010100000020010db8000200000000000000000002fc00000b00000000000000000000000180009d4e1234000172732d70726f6265";
export const SRH_V7_IOAM_INSERT_FIELDS =
  "ipv6.src=2001:db8:1::2\nipv6.dst=fc00:b::1\nipv6.nxt=0\nipv6.hlim=64\nipv6.plen=88\nipv6.opt.type=0x01,0x31\nipv6.opt.length=0,26\nipv6.opt.ioam.opt_type=0\nipv6.opt.ioam.trace.ns=123\nipv6.opt.ioam.trace.nodelen=2\nipv6.opt.ioam.trace.flags=0x0000\nipv6.opt.ioam.trace.flag.o=0\nipv6.opt.ioam.trace.remlen=4\nipv6.opt.ioam.trace.type=0xc00000\nipv6.opt.ioam.trace.free_space=00000000000000000000000000000000\nipv6.routing.nxt=58\nipv6.routing.len=4\nipv6.routing.type=4\nipv6.routing.segleft=1\nipv6.routing.srh.last_entry=1\nipv6.routing.srh.flags=0x00\nipv6.routing.srh.tag=0000\nipv6.routing.srh.addr=2001:db8:2::2,fc00:b::1\nicmpv6.type=128\nicmpv6.code=0";

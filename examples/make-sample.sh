#!/usr/bin/env bash
# Regenerates examples/sample.pcapng: a real capture from a three-namespace Linux lab
# (standards-interop.md §9), taken on router b's interface b1 (the b-c link), so every
# packet is what the kernel itself put on the wire:
#   - ICMPv6 echo requests carrying IOAM pre-allocated traces that b filled in as an
#     RFC 9197 transit node (node id 2), for several trace types, and c's replies;
#   - SRv6: a's kernel seg6 headend in encap, encap.red and inline modes, after b's End SID;
#   - a kernel TCP connection a -> c (6000 octets each way) with its options;
#   - neighbor discovery (caches flushed first) and an MLDv2 report.
#
# Needs root, iproute2, tcpdump, editcap (wireshark-common) and Debian's python3-scapy.
# Usage: sudo examples/make-sample.sh [OUT.pcapng]      (default: examples/sample.pcapng)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/sample.pcapng}"
tool="$here/../test/fixtures/labtool.py"
py=/usr/bin/python3
p="mcs$$"
A="${p}a" B="${p}b" C="${p}c"
tmp="$(mktemp -d)"
tcpdump_pid=""

cleanup() {
  if [ -n "$tcpdump_pid" ] && kill -0 "$tcpdump_pid" 2>/dev/null; then kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; fi
  for n in "$A" "$B" "$C"; do ip netns del "$n" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

nsx() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

# ---- topology: a0 (a) -- b0 (b) b1 -- c0 (c) ---------------------------------------------
for n in "$A" "$B" "$C"; do
  ip netns add "$n"
  ip -n "$n" link set lo up
  nsx "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
done
ip link add a0 netns "$A" type veth peer name b0 netns "$B"
ip link add b1 netns "$B" type veth peer name c0 netns "$C"
for x in "$A a0" "$B b0" "$B b1" "$C c0"; do
  set -- $x
  ip -n "$1" link set "$2" gso_max_segs 1   # wire-size frames instead of GSO super-packets
  ip -n "$1" link set "$2" up
done
ip -n "$A" addr add 2001:db8:1::2/64 dev a0 nodad
ip -n "$B" addr add 2001:db8:1::1/64 dev b0 nodad
ip -n "$B" addr add 2001:db8:2::1/64 dev b1 nodad
ip -n "$C" addr add 2001:db8:2::2/64 dev c0 nodad
for i in 10 11 12; do ip -n "$C" addr add "2001:db8:2::$i/64" dev c0 nodad; done
ip -n "$A" -6 route add default via 2001:db8:1::1
ip -n "$C" -6 route add default via 2001:db8:2::1
nsx "$B" sysctl -qw net.ipv6.conf.all.forwarding=1

# ---- b: IOAM transit node ------------------------------------------------------------------
nsx "$B" sysctl -qw net.ipv6.ioam6_id=2 net.ipv6.ioam6_id_wide=22222222
nsx "$B" sysctl -qw net.ipv6.conf.b0.ioam6_enabled=1 net.ipv6.conf.b0.ioam6_id=201 net.ipv6.conf.b0.ioam6_id_wide=201201
nsx "$B" sysctl -qw net.ipv6.conf.b1.ioam6_id=202 net.ipv6.conf.b1.ioam6_id_wide=202202
ip -n "$B" ioam namespace add 123 data 0xdeadbeef wide 0xcafec0caf00dc0de
ip -n "$B" ioam schema add 777 "something that will be 4n-aligned"
ip -n "$B" ioam namespace set 123 schema 777

# ---- SRv6: End SID on b, headend routes on a, c is the final SRH destination ---------------
ip -n "$B" -6 route add fc00:b::1/128 encap seg6local action End dev b0
nsx "$C" sysctl -qw net.ipv6.conf.all.seg6_enabled=1 net.ipv6.conf.c0.seg6_enabled=1
ip -n "$A" -6 route add 2001:db8:2::10/128 encap seg6 mode encap segs fc00:b::1,2001:db8:2::2 dev a0
ip -n "$A" -6 route add 2001:db8:2::11/128 encap seg6 mode encap.red segs fc00:b::1,2001:db8:2::2 dev a0
ip -n "$A" -6 route add 2001:db8:2::12/128 encap seg6 mode inline segs fc00:b::1 dev a0

# ---- settle and warm up (§3.4), then flush ND so the capture shows it ----------------------
sleep 1
nsx "$A" "$py" "$tool" ping 2001:db8:2::2 --until-reply --timeout 5 >/dev/null
ip -n "$B" -6 neigh flush dev b1
ip -n "$C" -6 neigh flush dev c0

# ---- capture on b1 --------------------------------------------------------------------------
ip netns exec "$B" tcpdump -n -U --immediate-mode -s 0 -i b1 -w "$tmp/sample.pcap" 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
for _ in $(seq 50); do grep -q "listening on" "$tmp/tcpdump.err" && break; sleep 0.1; done

# MLDv2 report: a new address on c0 joins its solicited-node group.
ip -n "$C" addr add 2001:db8:2::99/64 dev c0 nodad

# IOAM traces, two packets per type, filled by b.
nsx "$A" "$py" "$tool" ioam 2001:db8:2::2 --gap 0.02 --batch '[
  {"type": "0x800000", "size": 12, "seq": 1, "count": 2},
  {"type": "0x800000", "size": 12, "prefill": 1, "seq": 3, "count": 2},
  {"type": "0xc00000", "size": 16, "seq": 5, "count": 2},
  {"type": "0xf00000", "size": 16, "seq": 7, "count": 2},
  {"type": "0x0c0000", "size": 8, "seq": 9, "count": 2},
  {"type": "0x00e000", "size": 24, "seq": 11, "count": 2},
  {"type": "0xfff002", "size": 100, "seq": 13, "count": 2},
  {"type": "0xc00000", "size": 4, "seq": 15, "count": 2}
]' >/dev/null

# SRv6 headend modes: ping + UDP through each (UDP to a closed port: c answers with ICMPv6 errors).
for d in 10 11 12; do
  nsx "$A" "$py" "$tool" ping "2001:db8:2::$d" --count 2 --interval 0.1 --timeout 2 >/dev/null
  nsx "$A" "$py" "$tool" udp "2001:db8:2::$d" 9999 --count 2 --size 24 --sport 40000 >/dev/null
done

# Kernel TCP a -> c, 6000 octets each way.
ip netns exec "$C" "$py" -u "$tool" tcp-server 2001:db8:2::2 5001 --bytes 6000 >"$tmp/server.out" &
server_pid=$!
for _ in $(seq 50); do grep -q listening "$tmp/server.out" && break; sleep 0.1; done
nsx "$A" "$py" "$tool" tcp-client 2001:db8:2::2 5001 --bytes 6000 >/dev/null
wait "$server_pid"

sleep 0.5
kill -INT "$tcpdump_pid"
wait "$tcpdump_pid" || true
tcpdump_pid=""

editcap -F pcapng "$tmp/sample.pcap" "$out"
capinfos -c -s "$out" | sed 1d

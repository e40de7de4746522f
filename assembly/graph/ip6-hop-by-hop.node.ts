import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-hop-by-hop", "ip6HopByHop")
    .next(["error-drop", "ip6-pop-hop-by-hop", "ip6-ioam-tunnel-select", "ip6-ioam-cache", "ip6-rewrite"])
    .info("HBH_PROCESSED", "pkts with ip6 hop-by-hop options")
    .info("HBH_FORMAT", "incorrectly formatted hop-by-hop options")
    .drop("HBH_UNKNOWN_DROP", "unknown ip6 hop-by-hop options")
    .info("TRACE_NO_PROFILE", "Pkts with ip6 hop-by-hop trace options but no profile set")
    .info("TRACE_UPDATED", "Pkts with trace updated")
    .info("TRACE_NO_SPACE", "Pkts with trace options but no space")
    .info("TRACE_LOOPBACK_REPLY", "Pkts with trace options Loopback Reply")
    .info("TRACE_BAD_ELTS", "trace elements left past the option")
    .info("RFC_TRACE_UPDATED", "RFC 9197 trace updated")
    .info("RFC_TRACE_UNKNOWN_NAMESPACE", "RFC 9197 trace with a namespace not configured here: passed")
    .info("RFC_TRACE_OVERFLOW", "RFC 9197 trace full: overflow flag set")
    .drop("RFC_TRACE_BAD_NODELEN", "RFC 9197 trace NodeLen does not match its trace type")
    .drop("RFC_TRACE_TRUNCATED", "RFC 9197 trace header or RemainingLen past the option")
    .drop("RFC_IOAM_MISALIGNED", "IOAM option not at a 4n offset")
    .info("POT_UPDATED", "Pkts with ip6 hop-by-hop pot options")
    .info("POT_NO_PROFILE", "Pkts with ip6 hop-by-hop pot options but no profile set")
    .info("POT_BAD_LENGTH", "POT option shorter than 18 octets")
    .info("E2E_SEQUENCE_INSERTED", "E2E sequence numbers inserted")
    .info("E2E_NO_FLOW", "E2E option without an IOAM flow (classifier opaque)")
    .info("RFC_TRACE_DISABLED", "RFC 9197 trace arriving where IOAM is off (set interface ioam6 IF enable): passed"),
];

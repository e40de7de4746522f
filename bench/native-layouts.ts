// Every layout constant the native baselines may use, re-exported for layout.h generation.
export * from "../assembly/wire/ethernet.layout.js";
export * from "../assembly/wire/ipv6.layout.js";
export * from "../assembly/wire/options.layout.js";
export * from "../assembly/wire/srh.layout.js";
export * from "../assembly/wire/fragment.layout.js";
export * from "../assembly/wire/tcp.layout.js";
export * from "../assembly/wire/udp.layout.js";
export * from "../assembly/wire/icmpv6.layout.js";
export * from "../assembly/wire/ioam.layout.js";
export * from "../assembly/wire/vpp-ioam.layout.js";
export * from "../assembly/engine/descriptor.layout.js";
export * from "../assembly/pot/pot-profile.layout.js";
export * from "../assembly/classify/classify.layout.js";
export * from "../assembly/ioam/ioam-config.layout.js";
export * from "../assembly/graph/graph.layout.js";
export * from "../assembly/fib/fib.layout.js";
export * from "../assembly/srv6/sr.layout.js";

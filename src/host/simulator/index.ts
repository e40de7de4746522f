// The virtual-time network simulator: clock, network of engines and hosts, and a small TCP.
export { VirtualClock, DEFAULT_START_NS, NS_PER_MICROSECOND, NS_PER_MILLISECOND, NS_PER_SECOND, type ScheduledEvent } from "./virtual-clock.js";
export { SimNetwork, type Endpoint, type LinkOptions, type SimNetworkOptions } from "./sim-network.js";
export { SimEngineNode } from "./sim-engine-node.js";
export { SimLink } from "./sim-link.js";
export { FrameLog, type LoggedFrame } from "./frame-log.js";
export { SimConfigError, formatNodeProblem, type NodeConfigProblem } from "./sim-config-error.js";
export type { HostPort, SimHost } from "./sim-host.js";
export { TcpHost, DEFAULT_MSS, type TcpHostOptions, type TcpHostCounters } from "./tcp/tcp-host.js";
export { connectionKey, type ConnectionRecord, type CloseReason, type TcpState } from "./tcp/connection-record.js";
export { buildSegment, parseSegment, type ParsedSegment, type TcpSegment } from "./tcp/tcp-segment.js";
export { SYN_TIMEOUT_NS, MAX_SYN_RETRANSMISSIONS } from "./tcp/tcp-client-connection.js";

// The M-Anycast edges of the TCP service-affinity option (docs/tcp-service-affinity.md) in engine
// memory: the host writes the configuration (src/host/affinity/), the nodes tcp-affinity-server-edge
// and tcp-affinity-client-edge read it and the client edge writes what it learns. Constants only:
// valid AssemblyScript and TypeScript. Fields are little-endian u32 unless their comment says
// otherwise; addresses are 16 octets in network order.
//
// Root (carved by the Wasm engine at start-up, located by the host through tcpAffinityRootAddress())
//   server-edge block at AFFINITY_ROOT_SERVER_EDGE, client-edge block at AFFINITY_ROOT_CLIENT_EDGE.
export const AFFINITY_ROOT_SERVER_EDGE = 0;
export const AFFINITY_ROOT_CLIENT_EDGE = 64;
export const AFFINITY_ROOT_SIZE = 128;

// Server edge: which FINs get the option and what it names.
export const SERVER_EDGE_ENABLED = 0; // 0: the node passes every packet unchanged
export const SERVER_EDGE_ANYCAST_LENGTH = 4; // prefix length of the anycast prefix
export const SERVER_EDGE_FAMILY = 8; // TCP_AFFINITY_FAMILY_IP6 or _IP4
export const SERVER_EDGE_PORT = 12; // the port named; 0: the FIN's own source port
export const SERVER_EDGE_ANYCAST = 16; // 16 octets: the anycast prefix
export const SERVER_EDGE_ADDRESS = 32; // 16 octets (IPv4: the first 4): the server's unicast address

// Client edge: the anycast prefix it serves and its two tables (assembly/flow/flow.layout.ts), both
// keyed with protocol TCP and valued with a server index:
//   clients:     (client address cut to the client prefix length, anycast address, 0 << 16 | service port)
//   connections: the steered connection's 5-tuple, client to anycast
export const CLIENT_EDGE_ENABLED = 0;
export const CLIENT_EDGE_ANYCAST_LENGTH = 4;
export const CLIENT_EDGE_CLIENT_LENGTH = 8; // prefix length clients are learned under (128: per host)
export const CLIENT_EDGE_CLIENTS = 12; // address of the clients flow table
export const CLIENT_EDGE_CONNECTIONS = 16; // address of the connections flow table
export const CLIENT_EDGE_SERVERS = 20; // address of the server directory
export const CLIENT_EDGE_SERVER_CAPACITY = 24; // entries in it
export const CLIENT_EDGE_SERVER_COUNT = 28; // entries in use (written by the node, never shrinks)
export const CLIENT_EDGE_ANYCAST = 32; // 16 octets: the anycast prefix

// Server directory entry: a learned server and the H.Insert segment list record (sr.layout.ts LIST_*)
// that steers to it, SRH [anycast destination, server], Segments Left 1. The host writes every
// entry's list from its H.Insert rewrite of one placeholder segment; the node fills in the server.
export const AFFINITY_SERVER_PORT = 0; // the port the option named (shown; the edge does not translate ports)
export const AFFINITY_SERVER_LIST = 4; // the list record; its LIST_FIRST_SEGMENT is the server address
export const AFFINITY_SERVER_SRH_LENGTH = 40; // 8 fixed octets + Segment List[0] (the packet's DA) + [1] (the server)
export const AFFINITY_SERVER_SRH_SERVER_SLOT = 24; // Segment List[1] within the SRH
export const AFFINITY_SERVER_SIZE = 64; // 4 + LIST_SRH (20) + 40
export const AFFINITY_SERVERS_MAX = 1024;

// Defaults of `set tcp service-affinity client-edge`.
export const AFFINITY_DEFAULT_LIFETIME = 600; // seconds a learned client, or a steered connection, lives idle
export const AFFINITY_DEFAULT_TABLE_SIZE = 4096; // slots per table (a power of two)
export const AFFINITY_DEFAULT_SERVERS = 64;

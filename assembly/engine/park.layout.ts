// Held packets: a packet a node keeps beyond its vector (the delay simulator until its release
// time, the M-Anycast selector until the host decides) is copied into a park slot, and comes back
// into a later vector as a descriptor after the received ones. Shared by AssemblyScript and host.
export const PARK_SLOTS = 4096;
// A slot: the descriptor as it was (DESC_SIZE octets), then up to PARK_PACKET_MAX octets of packet
// (VPP's default buffer size: a longer packet cannot be held, and its holder counts the drop).
export const PARK_SLOT_DESCRIPTOR = 0;
export const PARK_SLOT_DATA = 64; // = DESC_SIZE; layout files import nothing, park.ts checks it
export const PARK_PACKET_MAX = 2048;
// At most this many parked packets re-enter one vector; the rest wait for the next.
export const PARK_RELEASE_MAX = 256;

// Slot states.
export const PARK_FREE = 0;
export const PARK_TIMED = 1; // released by the engine clock
export const PARK_HELD = 2; // released or discarded by its holder
export const PARK_QUEUED = 3; // released at the next vector

// DESC_PARK_MARK of a released packet.
export const PARK_MARK_NONE = 0;
export const PARK_MARK_DELAYED = 1; // the delay simulator held it: transmit now
export const PARK_MARK_WINNER = 2; // the selected SYN-ACK
export const PARK_MARK_LOSER = 3; // a SYN-ACK that lost: answer its server with an RST

// parkNextDue() when nothing is parked with a time: u64's largest in AssemblyScript. TypeScript
// cannot hold it in a number; the host's copy is a bigint (NEVER in src/host/nd).
// eslint-disable-next-line no-loss-of-precision
export const PARK_NEVER = 0xffffffffffffffff;

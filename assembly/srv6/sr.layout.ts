// SRv6 configuration in engine memory: SR policies (headend: H.Encaps, H.Insert and their reduced
// variants) and local SIDs (End, End.X, End.DX6, End.DT6), written by the host (src/host/srv6/),
// read by sr-pl-rewrite-encaps, sr-pl-rewrite-insert and sr-localsid. Constants only: valid
// AssemblyScript and TypeScript. Every field is little-endian u32 unless its comment says otherwise;
// addresses are 16 octets in network order.
//
// Root (carved by the Wasm engine at start-up, located by the host through srRootAddress())
//   -> policy array: SR_POLICY_SIZE octets per policy index (the index of DPO_SR_POLICY)
//   -> local SID array: SR_LOCALSID_SIZE octets per local SID index (the index of DPO_SR_LOCALSID)
export const SR_ROOT_POLICIES = 0; // address of the policy array
export const SR_ROOT_POLICY_CAPACITY = 4; // records in it
export const SR_ROOT_LOCALSIDS = 8; // address of the local SID array
export const SR_ROOT_LOCALSID_CAPACITY = 12; // records in it
export const SR_ROOT_SIZE = 16;

// Policy record. A policy's segment lists are records of their own (below); the policy points at
// a directory of them (spray copies the packet once per entry) and at a bucket table that maps a
// flow hash to one of them (load sharing, weighted and consistent: see src/host/srv6/buckets.ts).
export const POLICY_FLAGS = 0; // POLICY_FLAG_*
export const POLICY_LIST_COUNT = 4; // entries in the directory (0: the policy has no list yet)
export const POLICY_LISTS = 8; // address of u32[POLICY_LIST_COUNT]: segment list record addresses
export const POLICY_BUCKETS = 12; // address of u32[SR_BUCKET_COUNT]: segment list record addresses
export const POLICY_SOURCE = 16; // 16 octets: outer source address of H.Encaps
export const POLICY_BSID = 32; // 16 octets: the binding SID (H.Insert consumes it as a destination)
export const SR_POLICY_SIZE = 48;

export const POLICY_FLAG_IN_USE = 0x1;
export const POLICY_FLAG_INSERT = 0x2; // H.Insert (sr-pl-rewrite-insert); clear: H.Encaps
export const POLICY_FLAG_SPRAY = 0x4; // every packet is copied to every segment list

// Load sharing: the flow hash picks one of SR_BUCKET_COUNT buckets.
export const SR_BUCKET_COUNT = 256;
export const SR_BUCKET_MASK = SR_BUCKET_COUNT - 1;

// Segment list record: what the rewrite adds to a packet, prebuilt by the host exactly as Linux
// builds it (src/host/srv6/srh-rewrite.ts). The rewrite nodes fill in only the per-packet fields:
// the SRH's next header, and for H.Insert Segment List[0] (the packet's original destination).
export const LIST_SRH_LENGTH = 0; // octets of the SRH (0: H.Encaps.Red with one segment, no SRH)
export const LIST_FIRST_SEGMENT = 4; // 16 octets: the first segment, the packet's new destination
export const LIST_SRH = 20; // LIST_SRH_LENGTH octets: the SRH, next header and Segment List[0] of H.Insert still to fill
export const listRecordSize = (srhLength: number): number => LIST_SRH + srhLength;

// How many segments one list may hold: H.Encaps must fit an outer IPv6 header and the SRH into the
// headroom a received packet has in front of its link header (BUFFER_HEADROOM, 512 octets), with
// room to spare for a VLAN tag and the largest hop-by-hop header inserted earlier.
export const SR_SEGMENTS_MAX = 8;

// Local SID record. Behaviours (RFC 8986 §4) and the PSP flavour.
export const LOCALSID_BEHAVIOR = 0; // SR_BEHAVIOR_*; 0: free index
export const LOCALSID_FLAGS = 4; // LOCALSID_FLAG_*
export const LOCALSID_NEXT = 8; // End.X, End.DX6: the adjacency's data-path object; End.DT6: its FIB's index
export const LOCALSID_GOOD_PACKETS = 16; // u64, counted by sr-localsid
export const LOCALSID_GOOD_BYTES = 24; // u64: IPv6 octets as received
export const LOCALSID_BAD_PACKETS = 32; // u64
export const LOCALSID_BAD_BYTES = 40; // u64
export const SR_LOCALSID_SIZE = 48;

export const SR_BEHAVIOR_END = 1;
export const SR_BEHAVIOR_END_X = 2;
export const SR_BEHAVIOR_END_DX6 = 3;
export const SR_BEHAVIOR_END_DT6 = 4;
export const SR_BEHAVIOR_END_CATS = 5; // ours: LOCALSID_NEXT is the computing forwarding table (cats.layout.ts)

export const LOCALSID_FLAG_PSP = 0x1;

// The flow hash that picks a bucket: assembly/engine/flow-hash.layout.ts.

// The delay simulator's configuration (VPP's nsim, as an output feature): per transmit interface,
// a one-way delay and a jitter, written by the host (`set nsim delay ...`). Shared by AssemblyScript
// and the host.
export const NSIM_INTERFACES_MAX = 256;
export const NSIM_DELAY_NS = 0; // u64: 0 = no delay on this interface
export const NSIM_JITTER_NS = 8; // u64: each packet's delay is uniform in [delay - jitter, delay + jitter]
export const NSIM_ENTRY_SIZE = 16;
// After the per-interface entries: the jitter generator's state (u64), seeded by the host.
export const NSIM_RANDOM_STATE = NSIM_INTERFACES_MAX * NSIM_ENTRY_SIZE;
export const NSIM_CONFIG_SIZE = NSIM_RANDOM_STATE + 8;

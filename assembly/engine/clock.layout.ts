// The engine clock's range, shared by AssemblyScript and the host: nanoseconds since 1970 in a
// u64, of which the host lets in the lower half (as Linux's ktime_t, up to 2262-04-11T23:47:16Z),
// so a packet's arrival plus any delay or deadline still fits. Frames stamped outside it are
// counted (device-input) and not received.
export const CLOCK_MAX_SECONDS = 9223372036; // floor((2^63 - 1) / 1e9)
export const CLOCK_MAX_SECONDS_NSEC = 854775807; // the nanoseconds allowed in that last second
export const NS_PER_SECOND = 1000000000;

// TCP sequence numbers are 32-bit and wrap (RFC 9293 §3.4): compare by signed difference.
export const seqAdd = (a: number, n: number): number => (a + n) >>> 0;
export const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const seqLe = (a: number, b: number): boolean => ((a - b) | 0) <= 0;
/** a in [start, start + size) */
export const seqInWindow = (a: number, start: number, size: number): boolean => (a - start) >>> 0 < size;

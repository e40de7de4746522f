// Every kernel recording there is, with what it needs of the kernel: the kernel lab's phases
// (test/support/kernel-captures.ts), the SRv6 headend lab, the RFC 9486 IOAM lab and the IOAM
// selftest lab (Linux's ioam6.sh with manycast as Alpha).
import { LAB_PHASES, PHASE_NEEDS, phaseRecordingId } from "../support/kernel-captures.js";
import type { KernelFeature } from "../support/kernel-features.js";
import { HEADEND_NEEDS, HEADEND_RECORDING } from "../support/srv6-headend-lab.js";
import { RFC_IOAM_NEEDS, RFC_IOAM_RECORDING } from "../support/rfc-ioam-lab.js";
import { SELFTEST_NEEDS, SELFTEST_RECORDING } from "../support/ioam6-selftest-lab.js";

export interface RecordingJob {
  id: string;
  needs: readonly KernelFeature[];
}

export const RECORDING_JOBS: readonly RecordingJob[] = [
  ...LAB_PHASES.map((p) => ({ id: phaseRecordingId(p), needs: PHASE_NEEDS[p] })),
  { id: HEADEND_RECORDING, needs: HEADEND_NEEDS },
  { id: RFC_IOAM_RECORDING, needs: RFC_IOAM_NEEDS },
  { id: SELFTEST_RECORDING, needs: SELFTEST_NEEDS },
];

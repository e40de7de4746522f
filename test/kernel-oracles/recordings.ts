// Every kernel recording there is, with what it needs of the kernel: the kernel lab's phases
// (test/support/kernel-captures.ts), the SRv6 headend lab and the RFC 9486 IOAM lab.
import { LAB_PHASES, PHASE_NEEDS, phaseRecordingId } from "../support/kernel-captures.js";
import type { KernelFeature } from "../support/kernel-features.js";
import { HEADEND_NEEDS, HEADEND_RECORDING } from "../support/srv6-headend-lab.js";
import { RFC_IOAM_NEEDS, RFC_IOAM_RECORDING } from "../support/rfc-ioam-lab.js";

export interface RecordingJob {
  id: string;
  needs: readonly KernelFeature[];
}

export const RECORDING_JOBS: readonly RecordingJob[] = [
  ...LAB_PHASES.map((p) => ({ id: phaseRecordingId(p), needs: PHASE_NEEDS[p] })),
  { id: HEADEND_RECORDING, needs: HEADEND_NEEDS },
  { id: RFC_IOAM_RECORDING, needs: RFC_IOAM_NEEDS },
];

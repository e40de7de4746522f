// POT text: `show pot profile` and `show ioam pot` exactly as VPP prints them (vpp-ioam-spec
// §7.4, §7.5), and the `set pot profile` lines that configure generated profiles.
import { ERR_POT_IN_POLICY, ERR_POT_NO_PROFILE, ERR_POT_OUT_OF_POLICY, ERR_POT_UPDATED } from "../../../assembly/graph/graph.layout.js";
import type { GeneratedNode, GeneratedPotProfiles } from "./generate.js";
import type { PotListSnapshot } from "./profile-list.js";

/** VPP's "0x%Lx (%Ld)": hex, then the same 64 bits as a *signed* decimal. */
function hexAndSigned(value: bigint): string {
  return `0x${value.toString(16)} (${BigInt.asIntN(64, value)})`;
}

export function formatPotProfiles(list: PotListSnapshot): string {
  if (list.name === "") return "POT Profiles not configured";
  const lines = [`Profile list in use  : ${list.name}`];
  list.profiles.forEach((profile, index) => {
    if (!profile) return;
    const validator = profile.validatorKey !== undefined;
    lines.push(`POT Profile at index: ${index}`);
    lines.push(`                 Id : ${profile.id}`);
    lines.push(`          Validator : ${validator ? "True (1)" : "False (0)"}`);
    if (validator) lines.push(`         Secret key : ${hexAndSigned(profile.validatorKey!)}`);
    lines.push(`       Secret share : ${hexAndSigned(profile.secretShare)}`);
    lines.push(`       Prime number : ${hexAndSigned(profile.prime)}`);
    lines.push(`2nd polynomial(eval) : ${hexAndSigned(profile.polynomial2)}`);
    lines.push(`                 LPC : ${hexAndSigned(profile.lpc)}`);
    lines.push(`           Bit mask : ${hexAndSigned(profile.bitMask)}`);
  });
  const active = list.activeId === undefined ? undefined : list.profiles[list.activeId];
  lines.push("");
  if (!active) {
    lines.push("Profile index in use: None");
  } else {
    lines.push(`Profile index in use: ${list.activeId}`);
    lines.push(`Pkts passed : ${hexAndSigned(active.packets)}`);
    if (active.validatorKey !== undefined) lines.push("  This is Decap node.  ");
  }
  return lines.join("\n");
}

/** `show ioam pot`, from the engine's counters (by error id). */
export function formatIoamPot(counts: readonly bigint[]): string {
  const line = (label: string, id: number) => ` ${label} - ${counts[id] ?? 0n}`;
  return [
    line("Pkts with ip6 hop-by-hop pot options", ERR_POT_UPDATED),
    line("Pkts with ip6 hop-by-hop pot options but no profile set", ERR_POT_NO_PROFILE),
    line("Pkts with POT in Policy", ERR_POT_IN_POLICY),
    line("Pkts with POT out of Policy", ERR_POT_OUT_OF_POLICY),
  ].join("\n");
}

const hex = (value: bigint) => `0x${value.toString(16)}`;

/** The `set pot profile` line for one generated node, in the keyword VPP parses (validate-key). */
export function setPotProfileLine(profiles: GeneratedPotProfiles, node: GeneratedNode, name: string, id: number): string {
  const key = node.validatorKey === undefined ? "" : ` validate-key ${hex(node.validatorKey)}`;
  return (
    `set pot profile name ${name} id ${id}${key} prime-number ${hex(profiles.prime)}` +
    ` secret_share ${hex(node.secretShare)} lpc ${hex(node.lpc)} polynomial2 ${hex(node.polynomial2)}` +
    ` bits-in-random ${profiles.bits}`
  );
}

export function setPotProfileActiveLine(name: string, id: number): string {
  return `set pot profile-active name ${name} id ${id}`;
}

/** One block per node, in path order, ready to paste into each node's configuration. */
export function potProfileConfig(profiles: GeneratedPotProfiles, name: string, id: number): string {
  const total = profiles.nodes.length;
  const blocks = profiles.nodes.map((node, i) => {
    const lines = [`# node ${i + 1} of ${total} (${node.role})`, setPotProfileLine(profiles, node, name, id)];
    if (node.role === "encapsulator") lines.push(setPotProfileActiveLine(name, id));
    return lines.join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}

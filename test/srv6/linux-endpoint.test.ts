// Local SIDs on Linux-made packets: the kernel lab's headend a sends SRv6 traffic (encap, encap.red,
// inline, inline to an End PSP SID, encap and encap.red to End.DT6, encap with an HMAC TLV) to
// Linux's SIDs on b (test/support/kernel-captures.ts). manycast, given the same packets as they
// were on the a-b link and the same SIDs, must put on the wire exactly the IPv6 and SRH fields that
// Linux's End, End PSP and End.DT6 put on the b-c link (End.DX6 too, against End.DT6). On a kernel
// without seg6 the a-b and b-c captures are the recordings in test/fixtures/kernel/.
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { FROM_A, LAB, obtainKernelCaptures, type KernelCaptures } from "../support/kernel-captures.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { scratchDir } from "../support/cli.js";
import { replay, selectPackets, srv6Rows, withoutReinjectedCopies } from "../support/srv6-fields.js";

const PHASES = ["seg6Encap", "seg6EncapRed", "seg6Inline", "seg6Psp", "seg6Dt6", "seg6Hmac"] as const;

const MANYCAST_SIDS = `
set interface ip address pcap0 ${LAB.bC}/64
${[LAB.c, ...Object.values(LAB.dst)].map((a, k) => `set ip neighbor pcap0 ${a} 02:00:00:00:01:${k.toString(16).padStart(2, "0")}`).join("\n")}
sr localsid address ${LAB.sidEnd} behavior end
sr localsid address ${LAB.sidEndPsp} behavior end psp
sr localsid address ${LAB.sidEndDt6} behavior end.dt6 0
`;

// The same decapsulation by End.DX6: the inner packet is cross-connected to c instead of looked up,
// and reaches the wire exactly as Linux's End.DT6 forwards it.
const MANYCAST_DX6 = MANYCAST_SIDS.replace(`behavior end.dt6 0`, `behavior end.dx6 pcap0 ${LAB.c}`);

describeWith(NEEDS.kernelOracle, "SRv6 endpoint: manycast's local SIDs against Linux's on the same packets", () => {
  const dir = scratchDir("srv6-endpoint");
  let captures: KernelCaptures;

  beforeAll(async () => {
    captures = await obtainKernelCaptures(join(dir, "captures"), { phases: PHASES });
  }, 300_000);

  for (const phase of PHASES) {
    it(`${phase}: manycast's End/PSP/End.DT6 output equals Linux's, field for field`, () => {
      const links = captures.links[phase];
      const toSids = selectPackets(links.ab!, `${FROM_A} && ipv6.dst == fc00:b::/64`, join(dir, `${phase}.in.pcap`));
      const ours = replay(dir, phase, MANYCAST_SIDS, toSids);
      // c decapsulates what reaches it as final destination, which its capture shows twice.
      const linux = srv6Rows(withoutReinjectedCopies(links.bc!, join(dir, `${phase}.bc.pcap`)), FROM_A);
      expect(linux.length).toBeGreaterThanOrEqual(4);
      expect(srv6Rows(ours, FROM_A)).toEqual(linux);
    });
  }

  it("seg6Dt6 through manycast's End.DX6 equals Linux's End.DT6 output, field for field", () => {
    expect(MANYCAST_DX6).toContain(`behavior end.dx6 pcap0 ${LAB.c}`);
    expect(MANYCAST_DX6).not.toContain("end.dt6");
    const links = captures.links.seg6Dt6;
    const toSids = selectPackets(links.ab!, `${FROM_A} && ipv6.dst == fc00:b::/64`, join(dir, "dx6.in.pcap"));
    const ours = replay(dir, "dx6", MANYCAST_DX6, toSids);
    const linux = srv6Rows(withoutReinjectedCopies(links.bc!, join(dir, "dx6.bc.pcap")), FROM_A);
    expect(linux.length).toBeGreaterThanOrEqual(4);
    expect(srv6Rows(ours, FROM_A)).toEqual(linux);
  });
});

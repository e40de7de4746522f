// Field-to-bytes spans (DecodeOptions.spans): every field's span holds exactly the octets whose
// value it shows, checked by re-reading the value from the span for fields of known layout, on the
// kernel's own capture.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCaptureFromBytes } from "../../src/host/capture/capture-reader.js";
import { Decoder, type DecodedItem } from "../../src/host/decode/index.js";
import { formatIpv6 } from "../../src/host/decode/address.js";

const SAMPLE = join(import.meta.dirname, "..", "..", "examples", "sample.pcapng");

function items(list: readonly DecodedItem[], out: DecodedItem[] = []): DecodedItem[] {
  for (const item of list) {
    out.push(item);
    if (item.children) items(item.children, out);
  }
  return out;
}

function hexOf(data: Uint8Array, span: readonly [number, number]): string {
  return [...data.subarray(span[0], span[1])].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("decoder spans", () => {
  const frames = [...readCaptureFromBytes(readFileSync(SAMPLE))].map((r) => ({ ...r, data: r.data.slice() }));
  const decoder = new Decoder({ spans: true });
  const decoded = frames.map((r) => ({ data: r.data, frame: decoder.decodePacket(r) }));

  it("puts the IPv6 addresses of an Ethernet frame at octets 22 and 38", () => {
    const { data, frame } = decoded[0];
    const all = items(frame.layers);
    const src = all.find((i) => i.field === "ipv6.src")!;
    const dst = all.find((i) => i.field === "ipv6.dst")!;
    expect(src.span).toEqual([22, 38]);
    expect(dst.span).toEqual([38, 54]);
    expect(formatIpv6(data, src.span![0])).toBe(src.value);
  });

  it("spans every IOAM node id on the 3 octets that hold it, and every address on 16", () => {
    let ids = 0;
    for (const { data, frame } of decoded) {
      for (const item of items(frame.layers)) {
        if (!item.span) continue;
        expect(item.span[0]).toBeGreaterThanOrEqual(0);
        expect(item.span[1]).toBeLessThanOrEqual(data.length);
        expect(item.span[1]).toBeGreaterThan(item.span[0]);
        if (item.field === "ipv6.opt.ioam.trace.node.id") {
          ids++;
          expect(item.span[1] - item.span[0]).toBe(3);
          expect("0x" + hexOf(data, item.span)).toBe(item.value);
        }
        if (item.field === "ipv6.src" || item.field === "ipv6.dst" || item.field === "ipv6.routing.srh.addr") {
          expect(formatIpv6(data, item.span[0])).toBe(item.value);
        }
        if (item.field === "tcp.srcport" || item.field === "udp.dstport" || item.field === "icmpv6.echo.sequence_number")
          expect(parseInt(hexOf(data, item.span), 16)).toBe(Number(item.value));
        if (item.field === "icmpv6.echo.identifier") expect("0x" + hexOf(data, item.span)).toBe(item.value);
      }
    }
    expect(ids).toBeGreaterThan(10);
  });

  it("is off by default, so `decode --json` output stays as it was", () => {
    const plain = new Decoder().decodePacket(frames[0]);
    expect(items(plain.layers).some((i) => i.span)).toBe(false);
  });
});

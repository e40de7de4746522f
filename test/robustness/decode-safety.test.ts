// `manycast decode` on a terminal: strings from the capture (an interface name carrying an ANSI
// colour sequence, a bell, a right-to-left override) are escaped as Wireshark's format_text
// writes them, never printed raw, in the -V tree, the summary lines and the fields.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { manycast, scratchDir } from "../support/cli.js";
import { concat, epb, idb, shb } from "../capture/capture-bytes.js";
import { flowFrame } from "../flow/flow-fixtures.js";

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]/;

describe("decode on a terminal", () => {
  it("escapes control characters from capture strings", () => {
    const dir = scratchDir("decode-escape");
    const path = join(dir, "evil.pcapng");
    const name = "eth\x1b[31mred\x07\u202eevil";
    writeFileSync(path, concat(shb(true), idb(true, { linkType: 1, name, tsresol: 9 }), epb(true, 0, 1_700_000_000n * 1_000_000_000n, flowFrame(0))));
    for (const args of [["-V"], [], ["-T", "fields", "-e", "ipv6.src"]]) {
      const run = manycast(["decode", path, ...args]);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(RAW_CONTROL);
    }
    expect(manycast(["decode", path, "-V"]).stdout).toContain("on interface eth\\033[31mred\\a\\u202Eevil, id 0");
  });
});

// What the page bundles: the example captures and the configs of examples/, the same files the
// command line's docs use (built into the page by Vite, so it works offline).
import samplePcapng from "../../examples/sample.pcapng?url";
import clientsPcap from "../../examples/manycast/clients.pcap?url";
import encapTrace from "../../examples/ioam-guide/encap-trace.conf?raw";
import transitTrace from "../../examples/ioam-guide/transit-trace.conf?raw";
import decapTrace from "../../examples/ioam-guide/decap-trace.conf?raw";
import encapPot from "../../examples/ioam-guide/encap-pot.conf?raw";
import transitPot from "../../examples/ioam-guide/transit-pot.conf?raw";
import decapPot from "../../examples/ioam-guide/decap-pot.conf?raw";
import manycastM from "../../examples/manycast/m.conf?raw";
import manycastEdge from "../../examples/manycast/edge-db07.conf?raw";
import demo from "../../examples/demo.conf?raw";

export interface ExampleCapture {
  name: string;
  file: string;
  url: string;
  title: string;
}

export const EXAMPLE_CAPTURES: ExampleCapture[] = [
  { name: "sample", file: "sample.pcapng", url: samplePcapng, title: "Linux kernel lab: RFC 9486 IOAM, SRv6 headends, TCP (90 frames)" },
  { name: "clients", file: "clients.pcap", url: clientsPcap, title: "M-Anycast clients' SYNs and requests to db06::6 (18 frames)" },
];

export interface ExampleConfig {
  name: string;
  file: string;
  text: string;
  /** The interface the config's ACL sits on: where the capture enters. */
  interface: string;
  /** The capture it is meant for. */
  capture: string;
}

const GUIDE_IF = "GigabitEthernet0/0/0";

export const EXAMPLE_CONFIGS: ExampleConfig[] = [
  { name: "encap-trace", file: "examples/ioam-guide/encap-trace.conf", text: encapTrace, interface: GUIDE_IF, capture: "clients" },
  { name: "transit-trace", file: "examples/ioam-guide/transit-trace.conf", text: transitTrace, interface: GUIDE_IF, capture: "clients" },
  { name: "decap-trace", file: "examples/ioam-guide/decap-trace.conf", text: decapTrace, interface: GUIDE_IF, capture: "clients" },
  { name: "encap-pot", file: "examples/ioam-guide/encap-pot.conf", text: encapPot, interface: GUIDE_IF, capture: "clients" },
  { name: "transit-pot", file: "examples/ioam-guide/transit-pot.conf", text: transitPot, interface: GUIDE_IF, capture: "clients" },
  { name: "decap-pot", file: "examples/ioam-guide/decap-pot.conf", text: decapPot, interface: GUIDE_IF, capture: "clients" },
  { name: "manycast-m", file: "examples/manycast/m.conf", text: manycastM, interface: "pcap0", capture: "clients" },
  { name: "manycast-edge", file: "examples/manycast/edge-db07.conf", text: manycastEdge, interface: "pcap0", capture: "clients" },
  { name: "demo", file: "examples/demo.conf", text: demo, interface: "pcap0", capture: "sample" },
];

export const VERIFIER_CONFIG = decapPot;

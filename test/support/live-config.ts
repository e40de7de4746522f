// The start of a `manycast run` config for the live tests and the live benchmark: host interfaces
// on Linux interfaces, brought up, with an IPv6 address each where given. No vitest here, so the
// benchmark (compiled into dist/) can use it too.
export interface HostInterfaceSpec {
  linux: string;
  address?: string;
}

export function hostInterfaceConfig(interfaces: HostInterfaceSpec[]): string {
  const lines = [
    ...interfaces.map((i) => `create host-interface name ${i.linux}`),
    ...interfaces.map((i) => `set interface state host-${i.linux} up`),
    ...interfaces.filter((i) => i.address).map((i) => `set interface ip address host-${i.linux} ${i.address}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** A two-interface router r0/r1 on 2001:db8:1::1/64 and 2001:db8:2::1/64, the live tests' usual engine. */
export const ROUTER_R0_R1 = hostInterfaceConfig([
  { linux: "r0", address: "2001:db8:1::1/64" },
  { linux: "r1", address: "2001:db8:2::1/64" },
]);

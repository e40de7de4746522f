// Software interfaces, VPP style: index 0 is local0, then one per attached port (pcap0, veth0, ...).
export interface SoftwareInterface {
  index: number;
  name: string;
}

export class InterfaceTable {
  private readonly byIndex: SoftwareInterface[] = [{ index: 0, name: "local0" }];
  // Looked up for every received frame, so by name in a map.
  private readonly byName = new Map<string, SoftwareInterface>([["local0", this.byIndex[0]]]);

  add(name: string): SoftwareInterface {
    const existing = this.byName.get(name);
    if (existing) return existing;
    const iface = { index: this.byIndex.length, name };
    this.byIndex.push(iface);
    this.byName.set(name, iface);
    return iface;
  }

  find(name: string): SoftwareInterface | undefined {
    return this.byName.get(name);
  }

  name(index: number): string {
    return this.byIndex[index]?.name ?? `if${index}`;
  }

  all(): readonly SoftwareInterface[] {
    return this.byIndex;
  }
}

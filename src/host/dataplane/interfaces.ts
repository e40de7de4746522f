// Software interfaces, VPP style: index 0 is local0, then one per attached port (pcap0, veth0, ...).
export interface SoftwareInterface {
  index: number;
  name: string;
}

export class InterfaceTable {
  private readonly byIndex: SoftwareInterface[] = [{ index: 0, name: "local0" }];

  add(name: string): SoftwareInterface {
    const existing = this.find(name);
    if (existing) return existing;
    const iface = { index: this.byIndex.length, name };
    this.byIndex.push(iface);
    return iface;
  }

  find(name: string): SoftwareInterface | undefined {
    return this.byIndex.find((i) => i.name === name);
  }

  name(index: number): string {
    return this.byIndex[index]?.name ?? `if${index}`;
  }

  all(): readonly SoftwareInterface[] {
    return this.byIndex;
  }
}

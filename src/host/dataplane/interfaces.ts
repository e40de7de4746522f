// Software interfaces, VPP style: index 0 is local0, then one per attached port (pcap0, veth0, ...)
// and per 802.1Q sub-interface (`create sub-interfaces pg1 100` makes pg1.100), which sends and
// receives through its port.
export interface SoftwareInterface {
  index: number;
  name: string;
  /** A sub-interface's port and VLAN id. */
  sub?: { parent: number; vlan: number };
}

export class InterfaceTable {
  private readonly byIndex: SoftwareInterface[] = [{ index: 0, name: "local0" }];
  // Looked up for every received frame, so by name in a map.
  private readonly byName = new Map<string, SoftwareInterface>([["local0", this.byIndex[0]]]);
  private readonly listeners: ((iface: SoftwareInterface) => void)[] = [];

  add(name: string): SoftwareInterface {
    const existing = this.byName.get(name);
    if (existing) return existing;
    const iface = { index: this.byIndex.length, name };
    this.byIndex.push(iface);
    this.byName.set(name, iface);
    for (const listener of this.listeners) listener(iface);
    return iface;
  }

  /** Makes sub-interface `parent.id` of `parent` for 802.1Q VLAN `vlan`. */
  addSubInterface(parent: SoftwareInterface, id: number, vlan: number): SoftwareInterface {
    const iface = this.add(`${parent.name}.${id}`);
    iface.sub = { parent: parent.index, vlan };
    for (const listener of this.listeners) listener(iface);
    return iface;
  }

  /** Calls `listener` for every interface made or changed from now on. */
  onChange(listener: (iface: SoftwareInterface) => void): void {
    this.listeners.push(listener);
  }

  find(name: string): SoftwareInterface | undefined {
    return this.byName.get(name);
  }

  name(index: number): string {
    return this.byIndex[index]?.name ?? `if${index}`;
  }

  /** The port a frame for interface `index` leaves by: its own name, or a sub-interface's parent's. */
  portName(index: number): string {
    const iface = this.byIndex[index];
    return iface?.sub ? this.name(iface.sub.parent) : this.name(index);
  }

  all(): readonly SoftwareInterface[] {
    return this.byIndex;
  }
}

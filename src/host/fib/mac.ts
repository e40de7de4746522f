// MAC addresses as VPP's CLI writes them (02:fe:00:00:00:01 or 02fe.0000.0001), and the MACs
// interfaces get until `set interface mac address` gives them one.
export const MAC_LENGTH = 6;
const DEFAULT_MAC_OUI = [0x02, 0xfe]; // locally administered, VPP's own prefix for virtual interfaces

export function parseMac(text: string): Uint8Array | undefined {
  let hex: string | undefined;
  if (/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(text))
    hex = text
      .split(":")
      .map((p) => p.padStart(2, "0"))
      .join("");
  else if (/^[0-9a-fA-F]{4}(\.[0-9a-fA-F]{4}){2}$/.test(text)) hex = text.replaceAll(".", "");
  if (!hex) return undefined;
  return Uint8Array.from(hex.match(/../g)!, (b) => Number.parseInt(b, 16));
}

/** 02:fe followed by the interface index in four octets: 02:fe:00:00:00:01 for index 1. */
export function defaultMac(interfaceIndex: number): Uint8Array {
  const mac = new Uint8Array(MAC_LENGTH);
  mac.set(DEFAULT_MAC_OUI);
  new DataView(mac.buffer).setUint32(DEFAULT_MAC_OUI.length, interfaceIndex);
  return mac;
}

// A VectorSink that hands each transmitted frame to a function: the adapter for the simulator and
// tests, which want frames one by one. Capture files and live interfaces have sinks of their own
// that take the transmit list whole.
import { DESC_LINK_TYPE, DESC_TS_NSEC } from "../../../assembly/engine/descriptor.layout.js";
import type { TransmitHandler } from "./dataplane.js";
import type { TxVector, VectorSink } from "./vector-io.js";

export function callbackSink(handler: TransmitHandler): VectorSink {
  return {
    drain(tx: TxVector): void {
      const e = tx.engine;
      for (let k = 0; k < tx.count; k++) {
        const slot = e.txSlot(k);
        handler({
          interfaceName: tx.interfaceName(e.txInterface(slot)),
          linkType: e.descriptorField16(slot, DESC_LINK_TYPE),
          tsSec: e.descriptorSeconds(slot),
          tsNsec: e.descriptorField32(slot, DESC_TS_NSEC),
          data: e.packetView(slot),
        });
      }
    },
  };
}

// `show interface`: the software interfaces and their indices.
import type { ManycastRegistry } from "../context.js";

export function registerInterfaceCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["show interface", "show interfaces", "show int"],
    usage: "show interface",
    help: "list software interfaces",
    parse(args, { dataplane }) {
      args.end();
      return () => {
        const lines = [`${"Name".padEnd(24)}${"Idx".padStart(6)}`];
        for (const i of dataplane.interfaces.all()) lines.push(`${i.name.padEnd(24)}${String(i.index).padStart(6)}`);
        return lines.join("\n");
      };
    },
  });
}

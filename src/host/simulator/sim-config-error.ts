// A node's CLI config had lines the engine rejected: every problem, each naming node, line and problem.
import type { ConfigProblem } from "../vpp-cli/config.js";

export interface NodeConfigProblem extends ConfigProblem {
  node: string;
}

export function formatNodeProblem(p: NodeConfigProblem): string {
  return `${p.node}: line ${p.line}, column ${p.column}: ${p.message} (${p.text.trim()})`;
}

export class SimConfigError extends Error {
  constructor(readonly problems: NodeConfigProblem[]) {
    super(problems.map(formatNodeProblem).join("\n"));
    this.name = "SimConfigError";
  }
}

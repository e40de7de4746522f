// What a node says about itself, VPP's VLIB_REGISTER_NODE and foreach_*_error in one value: its
// name, the function the dispatcher calls, the nodes it may hand packets to, and every reason it
// counts with its severity. Each node's `*.node.ts` beside its code holds one; assembly/graph/nodes.ts
// registers them. src/io/graph-tables.ts generates the ids (graph.layout.ts, for the Wasm, the host
// and layout.h) and the dispatcher's switch (dispatch-nodes.ts) from the registered declarations,
// so no table is edited by hand. Declarations are TypeScript for the generator (they import this
// file, which AssemblyScript's resolver cannot do with NodeNext's ".js"); the Wasm sees only the
// generated constants.

/** drop: the packet goes to error-drop; pass: it leaves unprocessed; info: a count along the way. */
export class Reason {
  constructor(
    public constant: string,
    public text: string,
    public kind: string,
  ) {}
}

export class NodeDeclaration {
  nexts: string[] = [];
  reasons: Reason[] = [];

  constructor(
    public name: string,
    /** The exported function `(frame: usize, n: i32): void` in the node's code file; "" for none. */
    public run: string,
    /** false for a counter group: reasons counted by shared code (a table, a kernel), no node id. */
    public isNode: boolean,
  ) {}

  /** The nodes this one may send packets to, by name. */
  next(names: string[]): NodeDeclaration {
    for (let i = 0; i < names.length; i++) this.nexts.push(names[i]);
    return this;
  }

  /** A counted reason: its constant is ERR_ + `constant`, its text what `show errors` prints. */
  drop(constant: string, text: string): NodeDeclaration {
    this.reasons.push(new Reason(constant, text, "drop"));
    return this;
  }

  pass(constant: string, text: string): NodeDeclaration {
    this.reasons.push(new Reason(constant, text, "pass"));
    return this;
  }

  info(constant: string, text: string): NodeDeclaration {
    this.reasons.push(new Reason(constant, text, "info"));
    return this;
  }
}

/** A node of the graph: it gets a node id, and the dispatcher calls `run` with its frame. */
export function graphNode(name: string, run: string): NodeDeclaration {
  return new NodeDeclaration(name, run, true);
}

/** Reasons counted by code several nodes share, shown under `name` in `show errors`. */
export function counterGroup(name: string): NodeDeclaration {
  return new NodeDeclaration(name, "", false);
}

import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [graphNode("error-drop", "").info("NONE", "no error").drop("GRAPH_LOOP", "node graph loop")];

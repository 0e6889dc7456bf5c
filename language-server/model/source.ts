/** Source locations of AST nodes, in LSP coordinates. */
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type { Range, SourceLocation } from './types.js';

const EMPTY: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The range of `property` of `node` (its name, say), or of the whole node. */
export function rangeOf(node: AstNode, property?: string): Range {
    const cst = property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) ?? node.$cstNode : node.$cstNode;
    return cst?.range ?? EMPTY;
}

/** URI strings by root node: formatting a URI is costly and every element of a model needs one. */
const uris = new WeakMap<AstNode, string>();

/** The document URI and range of `node` (or of its `property`). */
export function locationOf(node: AstNode, property?: string): SourceLocation {
    const root = AstUtils.findRootNode(node);
    let uri = uris.get(root);
    if (uri === undefined) {
        uri = AstUtils.getDocument(root).uri.toString();
        uris.set(root, uri);
    }
    return { uri, range: rangeOf(node, property) };
}

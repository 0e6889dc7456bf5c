/** Source locations of AST nodes, in LSP coordinates. */
import { AstUtils, GrammarAST, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import type { Range, SourceLocation } from './types.js';

const EMPTY: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The feature each grammar element assigns (null: none), found once per element instead of once per use. */
const assignedFeatures = new WeakMap<object, string | null>();

function assignedFeature(element: GrammarAST.AbstractElement | undefined): string | null {
    if (!element) return null;
    let feature = assignedFeatures.get(element);
    if (feature === undefined) {
        feature = AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature ?? null;
        assignedFeatures.set(element, feature);
    }
    return feature;
}

/**
 * The CST node of `property` of the AST node `cst` belongs to (its first, as Langium's
 * GrammarUtils.findNodeForProperty finds it), without the arrays and grammar walks that one
 * makes for every call: a model of 5k components asks for each name.
 */
export function propertyNode(cst: CstNode | undefined, property: string): CstNode | undefined {
    if (!cst || !isCompositeCstNode(cst)) return undefined;
    const owner = cst.astNode;
    const search = (node: CstNode): CstNode | undefined => {
        if (!isCompositeCstNode(node) || node.astNode !== owner) return undefined;
        for (const child of node.content) {
            if (assignedFeature(child.grammarSource) === property) return child;
            const found = search(child);
            if (found) return found;
        }
        return undefined;
    };
    return search(cst);
}

/** The range of `property` of `node` (its name, say), or of the whole node. */
export function rangeOf(node: AstNode, property?: string): Range {
    const cst = property ? propertyNode(node.$cstNode, property) ?? node.$cstNode : node.$cstNode;
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

/** Where each line of `text` starts: `\r\n`, `\r` and `\n` all end a line, as in LSP and the lexer. */
export function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
        if (c === 10 || c === 13) starts.push(i + 1);
    }
    return starts;
}

/** The offset of an LSP position, given the text's line starts (clamped to the text). */
export function offsetAt(text: string, starts: readonly number[], position: { line: number; character: number }): number {
    return Math.min(text.length, (starts[position.line] ?? text.length) + position.character);
}

/** The LSP position of an offset, given the text's line starts. */
export function positionAt(starts: readonly number[], offset: number): { line: number; character: number } {
    let low = 0, high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) low = middle;
        else high = middle - 1;
    }
    return { line: low, character: offset - starts[low] };
}

/**
 * Walks over a document's AST in the order of Langium's `streamAst` and `streamReferences`
 * (depth first, each node before its children, properties in key order), with plain loops:
 * Langium's streams allocate an iterator per node and its passes await once per node, which
 * on a model of 5k components was more work than linking and validating it. The passes that
 * walk every node (linking, reference indexing, validation) call `checkpoint` every
 * CHECKPOINT_NODES nodes instead, so that a newer edit can still cancel them.
 */
import { interruptAndCheck, isAstNode, isReference, type AstNode, type Reference } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** Nodes visited between two checks for cancellation. */
export const CHECKPOINT_NODES = 256;

/** A reference with where it is, as Langium's ReferenceInfo has it. */
export interface FoundReference {
    reference: Reference;
    container: AstNode;
    property: string;
    index?: number;
}

/** Calls `visit` with each reference of `node` (not below it), in key order. */
export function forEachReference(node: AstNode, visit: (found: FoundReference) => void): void {
    for (const property of Object.keys(node)) {
        if (property.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value)) visit({ reference: value, container: node, property });
        else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                if (isReference(value[index])) visit({ reference: value[index], container: node, property, index });
            }
        }
    }
}

/** The AST nodes directly below `node`, in key order. */
function children(node: AstNode): AstNode[] {
    const found: AstNode[] = [];
    for (const property of Object.keys(node)) {
        if (property.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNode(item)) found.push(item);
        } else if (isAstNode(value)) found.push(value);
    }
    return found;
}

/**
 * Visits `root` and every node below it in streamAst's order; awaits `interruptAndCheck` every
 * CHECKPOINT_NODES nodes (it throws when `cancelToken` is cancelled). `visit` may return a
 * promise, which is awaited before the walk goes on.
 */
export async function walkAst(root: AstNode, cancelToken: CancellationToken, visit: (node: AstNode) => void | Promise<void>): Promise<void> {
    const stack: AstNode[] = [root];
    let visited = 0;
    while (stack.length) {
        const node = stack.pop()!;
        if (visited++ % CHECKPOINT_NODES === 0) await interruptAndCheck(cancelToken);
        const result = visit(node);
        if (result) await result;
        const below = children(node);
        for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
    }
}

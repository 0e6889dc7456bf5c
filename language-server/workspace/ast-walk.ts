/**
 * Walks over a document's AST in the order of Langium's `streamAst` and `streamReferences`
 * (depth first, each node before its children, properties in key order), with plain loops:
 * Langium's streams allocate an iterator per node and its passes await once per node, which
 * on a model of 5k components was more work than linking and validating it. The passes that
 * walk every node (linking, reference indexing, validation) call `checkpoint` every
 * CHECKPOINT_NODES nodes instead, so that a newer edit can still cancel them.
 */
import { interruptAndCheck, isAstNode, isReference, type AstNode, type Mutable, type Reference } from 'langium';
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

/** An AST node's properties by name. */
type Properties = Record<string, unknown>;

/** `$`: Langium's own properties ($type, $container, $cstNode, ...) start with it. */
const DOLLAR = 36;

// The loops below read properties with `for...in`, which walks V8's cached key list, where
// `Object.keys` and `Object.entries` allocate an array per node: on a model of 5k components
// that garbage was a tenth of a check. AST nodes are plain objects, so both see the same keys
// in the same order.

/** Calls `visit` with each reference of `node` (not below it), in key order. */
export function forEachReference(node: AstNode, visit: (found: FoundReference) => void): void {
    const properties = node as unknown as Properties;
    for (const property in properties) {
        if (property.charCodeAt(0) === DOLLAR) continue;
        const value = properties[property];
        if (isReference(value)) visit({ reference: value, container: node, property });
        else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                if (isReference(value[index])) visit({ reference: value[index], container: node, property, index });
            }
        }
    }
}

/** Pushes the AST nodes directly below `node` onto `stack` so that they pop in key order. */
function pushChildren(node: AstNode, stack: AstNode[]): void {
    const properties = node as unknown as Properties;
    const first = stack.length;
    for (const property in properties) {
        if (property.charCodeAt(0) === DOLLAR) continue;
        const value = properties[property];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNode(item)) stack.push(item);
        } else if (isAstNode(value)) stack.push(value);
    }
    for (let low = first, high = stack.length - 1; low < high; low++, high--) {
        const swapped = stack[low]!;
        stack[low] = stack[high]!;
        stack[high] = swapped;
    }
}

/**
 * Sets `$container`, `$containerProperty` and (in arrays) `$containerIndex` on every node below
 * `root`, as Langium's `linkContentToContainer(root, { deep: true })` does after a parse.
 */
export function linkContainers(root: AstNode): void {
    const stack: AstNode[] = [root];
    while (stack.length) {
        const node = stack.pop()!;
        const properties = node as unknown as Properties;
        for (const property in properties) {
            if (property.charCodeAt(0) === DOLLAR) continue;
            const value = properties[property];
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const item: unknown = value[index];
                    if (!isAstNode(item)) continue;
                    const linked = item as Mutable<AstNode>;
                    linked.$container = node;
                    linked.$containerProperty = property;
                    linked.$containerIndex = index;
                    stack.push(item);
                }
            } else if (isAstNode(value)) {
                const linked = value as Mutable<AstNode>;
                linked.$container = node;
                linked.$containerProperty = property;
                stack.push(value);
            }
        }
    }
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
        pushChildren(node, stack);
    }
}

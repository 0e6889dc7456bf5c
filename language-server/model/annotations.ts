/**
 * Call annotations (`[x10]`, `[5%]`, `[read]`, `[read x3, 50%]`): what each item says, read
 * the same way by validation (which reports what is wrong) and by the model builder (which
 * keeps what is right), and which call of a connection chain an annotation belongs to.
 */
import type * as ast from '../generated/ast.js';
import { DEFAULTS } from './defaults.js';
import { normalise } from './units.js';
import { didYouMean } from './suggest.js';
import type { CallAnnotation, SourceLocation } from './types.js';

/** What one item of an annotation says, or why it says nothing. */
export type CallItemMeaning =
    | { readonly kind: 'count'; readonly value: number }
    | { readonly kind: 'share'; readonly value: number }
    | { readonly kind: 'access'; readonly value: 'read' | 'write' }
    | { readonly kind: 'invalid'; readonly message: string };

/** The parts of an annotation as written: each kind at most once, the first of a kind. */
export interface WrittenCall {
    readonly count?: number;
    readonly share?: number;
    readonly access?: 'read' | 'write';
}

/** What the item `text` says: `xN` or `Nx` a count, `P%` a share, `read` or `write` an access. */
export function readCallItem(text: string): CallItemMeaning {
    if (text === 'read' || text === 'write') return { kind: 'access', value: text };
    if (text.endsWith('%')) {
        const share = normalise(text, 'ratio');
        return share.ok && share.value > 0 && share.value <= 1
            ? { kind: 'share', value: share.value }
            : invalid(`A share of requests must be above 0% and at most 100%; got ${text}.`);
    }
    const written = /^x(.+)$/.exec(text)?.[1] ?? /^([0-9].*)x$/.exec(text)?.[1];
    if (written !== undefined) {
        const count = normalise(written, 'integer');
        return count.ok && count.value >= 1
            ? { kind: 'count', value: count.value }
            : invalid(`A call count must be a whole number, at least 1; got ${text}.`);
    }
    if (/^[0-9]/.test(text)) {
        return invalid(`'${text}' is neither a call count nor a share: write x${text} for ${text} calls per request, or ${text}% for a share of requests.`);
    }
    return invalid(`'${text}' is not a call annotation: use xN (calls per request), P% (share of requests), read or write.${didYouMean(text, ['read', 'write'])}`);
}

function invalid(message: string): CallItemMeaning {
    return { kind: 'invalid', message };
}

/** The valid parts of `node`, the first of each kind. */
export function readAnnotation(node: ast.CallAnnotation | undefined): WrittenCall {
    let count: number | undefined, share: number | undefined, access: 'read' | 'write' | undefined;
    for (const item of node?.items ?? []) {
        const meaning = readCallItem(item.text);
        if (meaning.kind === 'count') count ??= meaning.value;
        else if (meaning.kind === 'share') share ??= meaning.value;
        else if (meaning.kind === 'access') access ??= meaning.value;
    }
    return { count, share, access };
}

/** The call that `layers` describe, the first layer winning kind by kind, with the defaults under them. */
export function callOf(layers: readonly WrittenCall[], source?: SourceLocation): CallAnnotation {
    const pick = <K extends keyof WrittenCall>(key: K): WrittenCall[K] => layers.find((l) => l[key] !== undefined)?.[key];
    return {
        count: pick('count') ?? DEFAULTS.call.count,
        share: pick('share') ?? DEFAULTS.call.share,
        access: pick('access'),
        source,
    };
}

/**
 * The link (`path[i] -> path[i+1]`) that `annotation` of `connection` belongs to: the one whose
 * target it follows. -1 when it follows the first name, which makes no call.
 */
export function linkOf(connection: ast.Connection, annotation: ast.CallAnnotation): number {
    const at = annotation.$cstNode?.offset ?? 0;
    const before = connection.path.filter((ref) => (ref.$refNode?.offset ?? Infinity) < at).length;
    return before - 2;
}

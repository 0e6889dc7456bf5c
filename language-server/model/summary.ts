/**
 * The v2 facts in a few words, as the diagram, the exports and hover show them: how a call is
 * made (`×10 5% read`) and who takes a replicated component's writes (`leader + 2 followers`).
 */
import { leaderOf } from './kinds.js';
import type { ArchComponent, ArchModel, CallAnnotation } from './types.js';

/** `×10 5% read`: the parts of `call` that differ from a plain call; undefined for a plain call. */
export function callText(call: CallAnnotation): string | undefined {
    const parts = [
        call.count !== 1 ? `×${call.count}` : undefined,
        call.share !== 1 ? `${Math.round(call.share * 1000) / 10}%` : undefined,
        call.access,
    ].filter((part): part is string => part !== undefined);
    return parts.length ? parts.join(' ') : undefined;
}

/**
 * The text each edge is labelled with, by edge id: its declared annotation, else the first
 * annotated flow step over it (a flow may annotate a call that no connection declares).
 */
export function callTexts(model: ArchModel): Map<string, string> {
    const texts = new Map<string, string>();
    for (const edge of model.edges) {
        const text = callText(edge.call);
        if (text) texts.set(edge.id, text);
    }
    for (const flow of model.flows) {
        for (const hop of flow.hops) {
            const id = `${hop.from}->${hop.to}`;
            const text = texts.has(id) ? undefined : callText(hop.call);
            if (text) texts.set(id, text);
        }
    }
    return texts;
}

/**
 * Who takes the writes of a replicated database, store, cache or queue: `leader + 2 followers`,
 * `3 leaders`, or `leaderless` for a database that says so (a store, cache or queue is
 * leaderless unless it says otherwise, which is not worth a word). Undefined for one copy.
 */
export function leaderText(component: ArchComponent): string | undefined {
    const leader = leaderOf(component);
    if (!leader || component.replicas < 2) return undefined;
    const followers = component.replicas - 1;
    switch (leader.mode) {
        case 'single': return `leader + ${followers} follower${followers === 1 ? '' : 's'}`;
        case 'multi': return `${component.replicas} leaders`;
        case 'none': return component.kind === 'database' ? 'leaderless' : undefined;
    }
}

/**
 * What the model relates without a connection: a queue's dead-letter queue, a database's
 * `references` and `joins`, and the lookup service of directory partitioning. Drawn dashed and
 * labelled, so that no component the model relates to another floats alone in the diagram.
 */
import type { ArchModel } from '../model/types.js';
import type { Relation } from './types.js';
import { isStore } from '../model/kinds.js';

/** One relation, from the component that declares it (the lookup service for `via`). */
export interface RelationEdge {
    from: string;
    to: string;
    relation: Relation;
}

/** How each relation reads on its edge. */
export const RELATION_LABELS: Record<Relation, string> = {
    dead_letter: 'dead letters',
    references: 'references',
    joins: 'joins',
    via: 'shard lookup',
};

/** Every relation of `model` between two of its components, once each, in declaration order. */
export function relationsOf(model: ArchModel): RelationEdge[] {
    const out: RelationEdge[] = [];
    const seen = new Set<string>();
    const add = (from: string, to: string | undefined, relation: Relation) => {
        const key = `${relation}:${from}->${to}`;
        if (to === undefined || from === to || !model.components.has(to) || seen.has(key)) return;
        seen.add(key);
        out.push({ from, to, relation });
    };
    for (const c of model.components.values()) {
        if (c.kind === 'queue') add(c.name, c.queue.deadLetter, 'dead_letter');
        if (!isStore(c)) continue;
        for (const target of c.store.references) add(c.name, target, 'references');
        for (const target of c.store.joins) add(c.name, target, 'joins');
        // The lookup runs before the store is reached: the arrow follows the request.
        const via = c.partition?.via;
        if (via && model.components.has(via)) add(via, c.name, 'via');
    }
    return out;
}

/**
 * acid-on-nosql: `acid on` on a store whose `model` is not `relational`: most key-value,
 * document, wide-column and graph stores give transactions on one key or partition at best,
 * so multi-item invariants the design relies on are not kept. No thresholds.
 */
import { at } from './report-helpers.js';
import type { Rule } from './rule.js';
import { isStore } from '../model/kinds.js';

/** The acid-on-nosql rule. */
export const acidOnNosql: Rule = {
    id: 'acid-on-nosql',
    meta: {
        description: 'ACID transactions claimed on a non-relational store.',
        severity: 'warning', fixable: false, category: 'design',
    },
    check({ model, report }) {
        for (const store of model.components.values()) {
            if (!isStore(store)) continue;
            const spec = store.store;
            if (!spec.acid || spec.model === undefined || spec.model === 'relational') continue;
            report({
                message: `${store.name} claims acid on a ${spec.model} store, which keeps transactions within one key or partition at best.`,
                location: at(store, 'acid'), component: store.name,
            });
        }
    },
};

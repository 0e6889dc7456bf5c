/**
 * index-write-heavy: more than `index-write-heavy.maxIndexes` (default 3) `indexes` on a store
 * whose writes exceed `index-write-heavy.writeRatio` (default 0.5) of its traffic (its declared
 * `write_ratio`, else the mix of the traffic that reaches it): every write updates every index.
 */
import { analyse } from '../analysis/model-analysis.js';
import { at, pct } from './report-helpers.js';
import type { Rule } from './rule.js';
import { isStore } from '../model/kinds.js';

/** The index-write-heavy rule. */
export const indexWriteHeavy: Rule = {
    id: 'index-write-heavy',
    meta: {
        description: 'Many secondary indexes on a store that mostly writes.',
        severity: 'info', fixable: false, category: 'design',
        thresholds: {
            maxIndexes: { default: 3, minimum: 0, integer: true, description: 'Most secondary indexes a write-heavy store may have.' },
            writeRatio: { default: 0.5, minimum: 0, maximum: 1, description: 'Share of writes (0..1) above which a store counts as write-heavy.' },
        },
    },
    check({ model, threshold, report }) {
        const maxIndexes = threshold('maxIndexes');
        const maxWrites = threshold('writeRatio');
        const { loads } = analyse(model).traffic;
        for (const store of model.components.values()) {
            if (!isStore(store)) continue;
            const indexes = store.store.indexes;
            if (indexes.length <= maxIndexes) continue;
            const load = loads.get(store.name);
            const writes = store.store.writeRatio ?? (load && load.rps > 0 ? load.writeRps / load.rps : undefined);
            if (writes === undefined || writes <= maxWrites) continue;
            report({
                message: `${store.name} keeps ${indexes.length} indexes while ${pct(writes)} of its requests write, so every write updates ${indexes.length + 1} structures.`,
                location: at(store, 'indexes'), component: store.name,
            });
        }
    },
};

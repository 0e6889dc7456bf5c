/**
 * scatter-gather: `partition round_robin` on a store that is read: rows land on shards in
 * turn, so a read by key cannot know its shard and must ask every shard. Fires when traffic
 * reads the store (or, where no rate reaches it, when the workload reads at all). No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { at, rps } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The scatter-gather rule. */
export const scatterGather: Rule = {
    id: 'scatter-gather',
    meta: {
        description: 'Round robin partitioning on a store read by key: every read asks every shard.',
        severity: 'warning', fixable: false, category: 'design',
    },
    check({ model, report }) {
        const { loads } = analyse(model).traffic;
        for (const component of model.components.values()) {
            const partition = component.partition;
            if (!partition?.schemes.some((s) => s.scheme === 'round_robin')) continue;
            const load = loads.get(component.name);
            // Without any rate (no rps declared) the mix still tells whether the store is read.
            const reads = load && load.rps > 0 ? load.readRps : undefined;
            if (reads === undefined ? model.workload.readRatio === 0 : reads === 0) continue;
            const n = partition.shards;
            const rate = reads === undefined ? 'each read' : `each of its ${rps(reads)} reads at peak`;
            report({
                message: `${component.name} spreads rows round robin over ${n} shards, so ${rate} must ask all ${n}.`,
                location: at(component, 'partition'), component: component.name,
            });
        }
    },
};

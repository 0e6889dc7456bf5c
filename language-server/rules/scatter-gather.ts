/**
 * scatter-gather: `partition round_robin` on a store that is read: rows land on shards in
 * turn, so a read by key cannot know its shard and must ask every shard. Fires when traffic
 * reads the store (or, where no rate reaches it, when the workload reads at all). The shard
 * requests it reports are the traffic analysis's own (one per shard per read), the numbers
 * the capacity rules, the estimate and the simulator use. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { scatterWidth } from '../analysis/partition.js';
import { at, rps } from './report-helpers.js';
import type { Rule } from './rule.js';
import { partitionOf } from '../model/kinds.js';

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
            const partition = partitionOf(component);
            if (!partition?.schemes.some((s) => s.scheme === 'round_robin')) continue;
            const load = loads.get(component.name);
            // Without any rate (no rps declared) the mix still tells whether the store is read.
            const shardReads = load && load.rps > 0 ? load.readRps : undefined;
            if (shardReads === undefined ? model.workload.readRatio === 0 : shardReads === 0) continue;
            const n = scatterWidth(partition);
            const rate = shardReads === undefined ? 'each read must ask all of them'
                : `each of its ${rps(shardReads / n)} reads at peak asks all of them: ${rps(shardReads)} of shard requests`;
            report({
                message: `${component.name} spreads rows round robin over ${n} shards, so ${rate}.`,
                location: at(component, 'partition'), component: component.name,
            });
        }
    },
};

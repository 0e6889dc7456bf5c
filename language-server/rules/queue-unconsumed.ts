/**
 * queue-unconsumed: a queue that no worker consumes (dead letter queues are exempt: they park
 * messages for people), or whose consumers' capacity (replicas × capacity, summed) is below
 * its arrival rate at peak: it grows until it refuses messages. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { edgesFrom } from '../analysis/edge-index.js';
import { at, list, rps } from './report-helpers.js';
import type { Rule } from './rule.js';
import { deadLetterOf } from '../model/kinds.js';

/** The queue-unconsumed rule. */
export const queueUnconsumed: Rule = {
    id: 'queue-unconsumed',
    meta: {
        description: 'A queue that nothing consumes, or that fills faster than its consumers drain it.',
        severity: 'error', fixable: false, category: 'design',
    },
    check({ model, report }) {
        const { loads } = analyse(model).traffic;
        const deadLetters = new Set([...model.components.values()].map(deadLetterOf).filter((n) => n !== undefined));
        for (const queue of model.components.values()) {
            if (queue.kind !== 'queue') continue;
            const arrival = loads.get(queue.name)?.rps ?? 0;
            const consumers = [...new Set(edgesFrom(model, queue.name).filter((e) => e.kind === 'consume').map((e) => e.to))]
                .map((n) => model.components.get(n)!);
            if (!consumers.length) {
                if (deadLetters.has(queue.name)) continue;
                const rate = arrival > 0 ? `, so its ${rps(arrival)} at peak pile up` : '';
                report({ message: `${queue.name} has no consumer${rate}: no worker declares 'consumes ${queue.name}'.`, location: at(queue), component: queue.name });
                continue;
            }
            const drain = consumers.reduce((sum, c) => sum + (c.capacityRps === undefined ? Infinity : c.capacityRps * c.replicas), 0);
            if (arrival > drain) {
                report({
                    message: `${queue.name} receives ${rps(arrival)} at peak but ${list(consumers.map((c) => c.name))} ${consumers.length === 1 ? 'drains' : 'drain'} only ${rps(drain)}, so it grows without bound.`,
                    location: at(queue), component: queue.name,
                });
            }
        }
    },
};

/**
 * polling-overhead: a connection with `polling every X` where X is below
 * `polling-overhead.intervalS` (default 5 seconds): each client asks again and again whether
 * anything changed, mostly to hear no; `sse` or `websocket` would push the change once.
 */
import { duration, plural } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The polling-overhead rule. */
export const pollingOverhead: Rule = {
    id: 'polling-overhead',
    meta: {
        description: 'Short-interval polling where a push protocol would send only changes.',
        severity: 'info', fixable: false, category: 'design',
        thresholds: {
            intervalS: { default: 5, exclusiveMinimum: 0, description: 'Polling interval in seconds below which polling is reported.' },
        },
    },
    check({ model, threshold, report }) {
        const limit = threshold('intervalS');
        for (const edge of model.edges) {
            const interval = edge.pollIntervalS;
            if (edge.protocol !== 'polling' || interval === undefined || interval >= limit) continue;
                        report({
                message: `${edge.from} polls ${edge.to} every ${duration(interval)}, ${plural(1 / interval, 'request')} per second per client even when nothing changed; sse or websocket would push changes.`,
                location: edge.source, component: edge.from,
            });
        }
    },
};

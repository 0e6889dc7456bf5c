/**
 * capacity-latency-mismatch: `capacity × latency` of a replica is how many requests it serves
 * at once. Where that is far from a whole number (or from the declared `concurrency`), the
 * capacity and the latency cannot both hold: capacity is the truth everywhere (lint, the
 * estimate and the simulator), so the simulated service time is stretched to
 * `servers / capacity` (analysis/service.ts). Reports when that moves the mean service time by
 * more than `capacity-latency-mismatch.tolerance` (default 0.1, i.e. 10%).
 */
import { serviceOf } from '../analysis/service.js';
import { at, duration, num } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The capacity-latency-mismatch rule. */
export const capacityLatencyMismatch: Rule = {
    id: 'capacity-latency-mismatch',
    meta: {
        description: 'Capacity × latency is far from a whole number of servers: the simulated latency differs from the declared one.',
        severity: 'info', fixable: false, category: 'design',
        thresholds: {
            tolerance: { default: 0.1, minimum: 0, description: 'How far (as a fraction) the simulated mean service time may move from the declared latency.' },
        },
    },
    check({ model, threshold, report }) {
        const tolerance = threshold('tolerance');
        for (const component of model.components.values()) {
            const { servers, latency, stretch, impliedServers } = serviceOf(component);
            if (impliedServers === undefined || !latency || Math.abs(stretch - 1) <= tolerance) continue;
            const declared = latency.meanS / stretch;
            const why = 'concurrency' in component.properties ? `its concurrency ${servers}` : `${servers} ${servers === 1 ? 'server' : 'servers'}`;
            report({
                message: `${component.name}: capacity ${num(component.capacityRps!)} rps × latency ${duration(declared)} is ${num(impliedServers)} servers per replica, `
                    + `so to serve exactly its capacity it is simulated as ${why} of ${duration(latency.meanS)} each (latency ${stretch > 1 ? '+' : ''}${num((stretch - 1) * 100)}%).`,
                location: at(component, 'latency', 'capacity'), component: component.name,
            });
        }
    },
};

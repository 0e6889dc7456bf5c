/**
 * duplicate-delivery: a service or worker that receives repeated requests — it consumes an
 * at-least-once queue, or a connection to it declares `retries` — and writes, directly or
 * through further non-idempotent tiers, a store with `durability critical` or `acid on`,
 * without `idempotent on`: a redelivery or a retry after a timeout repeats the write (a
 * double charge). Writes are read from the flows that pass the consumer, else from the
 * connections and the writes the store receives. Reported on the consumer, where the fix
 * goes: `idempotent on`. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { edgesFrom } from '../analysis/edge-index.js';
import type { ArchComponent, ArchModel, FlowStep, StoreComponent } from '../model/types.js';
import { isStore } from '../model/kinds.js';
import { at, list, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The duplicate-delivery rule. */
export const duplicateDelivery: Rule = {
    id: 'duplicate-delivery',
    meta: {
        description: 'A consumer of redelivered or retried requests that writes a critical store and is not idempotent.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const [name, causes] of repeatedRequests(model)) {
            const consumer = model.components.get(name);
            if ((consumer?.kind !== 'service' && consumer?.kind !== 'worker') || consumer.idempotent) continue;
            const stores = writtenStores(model, consumer);
            if (!stores.length) continue;
            report({
                message: `${name} ${list(causes)}, and writes ${list(stores.map(describe))} without idempotent on: ` +
                    'a repeated request repeats the write.',
                location: at(consumer, 'idempotent', 'consumes'), component: name,
                fixes: [propertyFix(consumer, 'idempotent', 'idempotent on', `Make ${name} idempotent`)],
            });
        }
    },
};

/** Components that receive repeated requests, with why: at-least-once queues they consume, retrying callers. */
function repeatedRequests(model: ArchModel): Map<string, string[]> {
    const causes = new Map<string, string[]>();
    const add = (name: string, cause: string) => causes.set(name, [...(causes.get(name) ?? []), cause]);
    for (const edge of model.edges) {
        const from = model.components.get(edge.from);
        if (edge.kind === 'consume' && from?.kind === 'queue' && from.queue.delivery === 'at_least_once') {
            add(edge.to, `consumes ${edge.from}, which delivers at least once`);
        } else if (edge.kind === 'call' && (edge.retries ?? 0) > 0) {
            add(edge.to, `is called by ${edge.from} with ${edge.retries === 1 ? '1 retry' : `${edge.retries} retries`}`);
        }
    }
    return causes;
}

/** Whether a store must not repeat or lose a write. */
function critical(component: ArchComponent | undefined): component is StoreComponent {
    return component !== undefined && isStore(component) && (component.store.durability === 'critical' || component.store.acid);
}

function describe(store: StoreComponent): string {
    return `${store.name} (${store.store.durability === 'critical' ? 'durability critical' : 'acid on'})`;
}

/** Whether a tier absorbs duplicates (idempotent) or hands the call off asynchronously (a queue): the walk stops there. */
function stops(component: ArchComponent | undefined): boolean {
    return component === undefined || component.kind === 'queue' || ((component.kind === 'service' || component.kind === 'worker') && component.idempotent);
}

/** The critical stores `consumer` writes: along the flows that pass it, else along its connections. */
function writtenStores(model: ArchModel, consumer: ArchComponent): StoreComponent[] {
    const found = new Map<string, StoreComponent>();
    let inFlows = false;
    const mixedWrites = model.workload.readRatio < 1;
    const walk = (step: FlowStep) => {
        for (const call of step.calls) {
            const component = model.components.get(call.component);
            if (stops(component)) continue;
            const writes = call.access === 'write' || (call.access === undefined && mixedWrites);
            if (critical(component) && writes) found.set(component.name, component);
            walk(call);
        }
    };
    const visit = (step: FlowStep) => {
        if (step.component === consumer.name) {
            inFlows = true;
            walk(step);
        } else step.calls.forEach(visit);
    };
    for (const flow of model.flows) visit(flow.root);
    if (inFlows) return [...found.values()];

    const { loads } = analyse(model).traffic;
    const seen = new Set([consumer.name]);
    const stack = [consumer.name];
    while (stack.length) {
        for (const edge of edgesFrom(model, stack.pop()!)) {
            const component = model.components.get(edge.to);
            if (edge.kind !== 'call' || edge.call.access === 'read' || seen.has(edge.to) || stops(component)) continue;
            seen.add(edge.to);
            const writes = edge.call.access === 'write' || (loads.get(edge.to)?.writeRps ?? 0) > 0;
            if (critical(component) && writes) found.set(component.name, component);
            stack.push(edge.to);
        }
    }
    return [...found.values()];
}

/**
 * queue-no-retry: a queue with `delivery at_least_once` (the default) that declares no
 * `retries`, or with `retries` but no `dead_letter`: a failed message is either dropped
 * silently or retried forever, blocking the messages behind it. A queue that is itself some
 * queue's dead letter queue is exempt. No thresholds.
 */
import { at, plural } from './report-helpers.js';
import type { Rule } from './rule.js';
import { deadLetterOf } from '../model/kinds.js';

/** The queue-no-retry rule. */
export const queueNoRetry: Rule = {
    id: 'queue-no-retry',
    meta: {
        description: 'An at-least-once queue without retries, or with retries and no dead letter queue.',
        severity: 'warning', fixable: false, category: 'design',
    },
    check({ model, report }) {
        const deadLetters = new Set([...model.components.values()].map(deadLetterOf).filter((n) => n !== undefined));
        for (const queue of model.components.values()) {
            if (queue.kind !== 'queue' || deadLetters.has(queue.name)) continue;
            const spec = queue.queue;
            if (spec.delivery === 'at_least_once' && !spec.retriesDeclared) {
                report({
                    message: `${queue.name} delivers at least once but declares no retries, so what happens to a message whose consumer fails is left to chance.`,
                    location: at(queue, 'delivery'), component: queue.name,
                });
            } else if (spec.retriesDeclared && spec.retries > 0 && spec.deadLetter === undefined) {
                report({
                    message: `${queue.name} retries a failed message ${plural(spec.retries, 'time')} and has no dead_letter queue, so a poison message is lost after its last try.`,
                    location: at(queue, 'retries'), component: queue.name,
                });
            }
        }
    },
};

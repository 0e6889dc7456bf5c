/**
 * suppression-without-reason: an `archlint-disable-next-line` comment with no `-- reason`.
 * Reported by the document validator from suppression.ts (it reads comments, not the model),
 * so this rule has no model check. No thresholds.
 */
import type { Rule } from './rule.js';

/** The suppression-without-reason rule. */
export const suppressionWithoutReason: Rule = {
    id: 'suppression-without-reason',
    meta: {
        description: 'A suppression comment that does not say why the finding is accepted.',
        severity: 'warning', fixable: false, category: 'design',
    },
};

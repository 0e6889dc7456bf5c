/** Every rule, language errors first; the one list that check, explain, SARIF and docs read. */
import { LANGUAGE_ERRORS } from './language-errors.js';
import { DESIGN_RULES } from './design-rules.js';
import type { Rule } from './rule.js';

/** All rules in catalog order. */
export const RULES: readonly Rule[] = [...LANGUAGE_ERRORS, ...DESIGN_RULES];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id, if any. */
export function ruleById(id: string): Rule | undefined {
    return BY_ID.get(id);
}

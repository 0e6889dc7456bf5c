/** The design rules of the catalog (rules.md), one module each. */
import type { Rule } from './rule.js';

/** Design rules in catalog order. */
export const DESIGN_RULES: readonly Rule[] = [];

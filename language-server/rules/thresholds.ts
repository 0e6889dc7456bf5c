/** Every rule's configurable thresholds by full name (`rule-id.name`), and how a rule reads them. */
import { DESIGN_RULES } from './design-rules.js';
import type { Rule, ThresholdSpec } from './rule.js';

/** A declared threshold with the rule that owns it. */
export interface DeclaredThreshold extends ThresholdSpec {
    rule: string;
}

/** Declared thresholds by full name, in catalog order. */
export const THRESHOLDS: ReadonlyMap<string, DeclaredThreshold> = new Map(
    DESIGN_RULES.flatMap((rule) => Object.entries(rule.meta.thresholds ?? {})
        .map(([name, spec]): [string, DeclaredThreshold] => [`${rule.id}.${name}`, { ...spec, rule: rule.id }])),
);

/** The `threshold(name)` a rule's context offers: configured value, else the declared default. */
export function thresholdReader(rule: Rule, configured: Readonly<Record<string, number>>): (name: string) => number {
    return (name) => {
        const full = name.includes('.') ? name : `${rule.id}.${name}`;
        const declared = THRESHOLDS.get(full);
        if (!declared) throw new Error(`threshold '${full}' is read but not declared in any rule's meta.thresholds`);
        return configured[full] ?? declared.default;
    };
}

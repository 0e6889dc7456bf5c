/** Runs the design rules over models with a configuration; a crashing rule becomes one finding. */
import type { ArchModel, SourceLocation } from '../model/types.js';
import { DESIGN_RULES } from './design-rules.js';
import type { ArchlintConfig } from './config.js';
import type { Fix, Rule, Severity } from './rule.js';
import { RULES } from './registry.js';

/** One finding, wherever it came from. */
export interface Finding {
    rule: string;
    severity: Severity;
    message: string;
    location: SourceLocation;
    component?: string;
    fixes?: Fix[];
}

/** The effective level of a rule under a configuration. */
export function levelOf(rule: Rule, config: ArchlintConfig) {
    if (rule.id === 'syntax' || rule.id === 'internal-error') return rule.meta.severity;
    return config.rules[rule.id] ?? rule.meta.severity;
}

/** Every rule's threshold defaults, by `"<rule id>.<name>"`. */
export function thresholdDefaults(rules: readonly Rule[] = RULES): Record<string, number> {
    return Object.fromEntries(rules.flatMap((rule) => Object.entries(rule.meta.thresholds ?? {}).map(([name, value]) => [`${rule.id}.${name}`, value])));
}

/** Every design rule's findings on `models`, at its configured severity. */
export function runRules(models: readonly ArchModel[], config: ArchlintConfig, rules: readonly Rule[] = DESIGN_RULES): Finding[] {
    const findings: Finding[] = [];
    const thresholds = { ...thresholdDefaults(), ...config.thresholds };
    for (const rule of rules) {
        const level = levelOf(rule, config);
        if (level === 'off' || !rule.check) continue;
        for (const model of models) {
            try {
                rule.check({
                    model,
                    thresholds,
                    report: (r) => findings.push({ rule: rule.id, severity: level, ...r }),
                });
            } catch (error) {
                findings.push({
                    rule: 'internal-error', severity: 'error', location: model.source,
                    message: `Rule '${rule.id}' crashed on system '${model.name}': ${(error as Error).message}.`,
                });
            }
        }
    }
    return findings;
}

/** Runs the design rules over models with a configuration; a crashing rule becomes one finding. */
import type { ArchModel, SourceLocation } from '../model/types.js';
import { DESIGN_RULES } from './design-rules.js';
import type { ArchlintConfig } from './config.js';
import type { Fix, Rule, Severity } from './rule.js';
import { thresholdReader } from './thresholds.js';

/** One finding, wherever it came from. */
export interface Finding {
    rule: string;
    severity: Severity;
    message: string;
    location: SourceLocation;
    component?: string;
    fixes?: Fix[];
}

/** Rules whose level no configuration changes: a broken file or a crashed rule is always an error. */
export const FIXED_LEVEL: ReadonlySet<string> = new Set(['syntax', 'internal-error']);

/** The effective level of a rule under a configuration. */
export function levelOf(rule: Rule, config: ArchlintConfig) {
    if (FIXED_LEVEL.has(rule.id)) return rule.meta.severity;
    return config.rules[rule.id] ?? rule.meta.severity;
}

/** Every design rule's findings on `models`, at its configured severity. */
export function runRules(models: readonly ArchModel[], config: ArchlintConfig, rules: readonly Rule[] = DESIGN_RULES): Finding[] {
    const findings: Finding[] = [];
    for (const rule of rules) {
        const level = levelOf(rule, config);
        if (level === 'off' || !rule.check) continue;
        const configured = config.rules[rule.id] !== undefined;
        const threshold = thresholdReader(rule, config.thresholds);
        for (const model of models) {
            try {
                rule.check({
                    model,
                    threshold,
                    report: (r) => findings.push({ rule: rule.id, ...r, severity: configured ? level : r.severity ?? level }),
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

/** What a lint rule is: ESLint's shape over the ArchModel. */
import type { ArchModel, Range, SourceLocation } from '../model/types.js';

/** A finding's severity; `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'info';

/** A configured severity. */
export type RuleLevel = Severity | 'off';

/** One text edit of a fix. */
export interface TextEdit { uri: string; range: Range; newText: string }

/** A mechanical fix: the same object feeds LSP code actions and `archlint check --fix`. */
export interface Fix { title: string; edits: TextEdit[] }

/** One finding of a rule. */
export interface Report {
    message: string;
    location: SourceLocation;
    /** The component the finding is about, where there is one. */
    component?: string;
    fixes?: Fix[];
    /**
     * This finding's severity when the rule runs at its default level, for rules whose findings
     * differ in weight (failover-data-loss: an error on a critical store, a warning on an acid
     * one); a level set in the configuration applies to all of them. Default: the rule's.
     */
    severity?: Severity;
}

/** What a rule sees while it checks one system. */
export interface RuleContext {
    model: ArchModel;
    /**
     * A threshold's value: the configured one, else its declared default. `name` is one the rule
     * declares in `meta.thresholds`, or another rule's as `rule-id.name`; any other name throws.
     */
    threshold(name: string): number;
    report(report: Report): void;
}

/** Static facts about a rule. */
export interface RuleMeta {
    /** One line: what it finds. */
    description: string;
    severity: Severity;
    /** Whether some of its reports carry fixes. */
    fixable: boolean;
    /** `language` errors come from parsing, linking and validation; `design` rules read the model. */
    category: 'language' | 'design';
    /** The numbers it reads through `threshold(name)`, configurable as `thresholds["<rule-id>.<name>"]`. */
    thresholds?: Readonly<Record<string, ThresholdSpec>>;
}

/** A configurable number of a rule: its default, what it means and its bounds (the config schema's). */
export interface ThresholdSpec {
    default: number;
    /** One line: what it limits, with its unit. */
    description: string;
    /** Inclusive lower bound, or exclusive where `exclusiveMinimum` is set. */
    minimum?: number;
    exclusiveMinimum?: number;
    maximum?: number;
    integer?: boolean;
}

/** A lint rule: an id, its metadata and a check over one system. */
export interface Rule {
    id: string;
    meta: RuleMeta;
    check?(context: RuleContext): void;
}

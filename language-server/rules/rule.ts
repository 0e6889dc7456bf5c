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
}

/** What a rule sees while it checks one system. */
export interface RuleContext {
    model: ArchModel;
    /** Every rule's thresholds by `"<rule id>.<name>"`: the configured value, else the rule's default. */
    thresholds: Readonly<Record<string, number>>;
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
    /** Numbers the configuration may set as `"<rule id>.<name>"`, with their defaults. */
    thresholds?: Readonly<Record<string, number>>;
}

/** A lint rule: an id, its metadata and a check over one system. */
export interface Rule {
    id: string;
    meta: RuleMeta;
    check?(context: RuleContext): void;
}

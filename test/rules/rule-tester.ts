/**
 * typescript-eslint's RuleTester shape for Arch rules: one `{ valid, invalid }` table per rule.
 * Each case is linted through the editor's validator with every other design rule off (as a
 * project configuration can), so a table exercises its rule alone. A case must be free of
 * language errors (a typo must not make a valid case pass vacuously); an invalid case names
 * each finding's component and range, and the text after each fix the first finding offers.
 * Message wording is never compared.
 */
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { createArchServices } from '../../language-server/arch-module.js';
import { buildText } from '../../language-server/workspace.js';
import { DESIGN_RULES } from '../../language-server/rules/design-rules.js';
import { LANGUAGE_ERRORS } from '../../language-server/rules/language-errors.js';
import { ruleById } from '../../language-server/rules/registry.js';
import { applyEdits } from '../../language-server/rules/fixes.js';
import type { DiagnosticData } from '../../language-server/lsp/arch-document-validator.js';
import type { RuleLevel } from '../../language-server/rules/rule.js';
import { span } from './helpers.js';

/** A model the rule must stay quiet about. */
export interface ValidCase {
    name: string;
    code: string;
    /** Thresholds from the configuration (`archlint.config.json` "thresholds"). */
    thresholds?: Readonly<Record<string, number>>;
}

/** One expected finding: its component (none for findings about text) and the text it underlines. */
export interface ExpectedFinding {
    component?: string;
    /** The underlined text, found in the case's code... */
    on: string;
    /** ...at this 0-based occurrence (default: the first). */
    occurrence?: number;
}

/** A model the rule must report, exactly as listed. */
export interface InvalidCase extends ValidCase {
    errors: readonly ExpectedFinding[];
    /** The code after each fix the first finding offers, in order; required when it offers any. */
    output?: string | readonly string[];
}

/** A rule's table. */
export interface RuleTable {
    valid: readonly ValidCase[];
    invalid: readonly InvalidCase[];
}

const services = createArchServices(EmptyFileSystem).Arch;
const LANGUAGE = new Set(LANGUAGE_ERRORS.map((r) => r.id));
let documents = 0;

/**
 * The findings of design rule `id` on `code` with every other design rule off, and `levels`
 * as the configuration's rule levels; throws on language errors.
 */
export async function lint(
    id: string, code: string, thresholds: Readonly<Record<string, number>> = {}, levels: Readonly<Record<string, RuleLevel>> = {},
): Promise<Diagnostic[]> {
    const rules = { ...Object.fromEntries(DESIGN_RULES.filter((r) => r.id !== id).map((r) => [r.id, 'off' as const])), ...levels };
    services.archlint.Config.setExplicit({ rules, thresholds: { ...thresholds } });
    try {
        const { diagnostics } = await buildText(services, code, `file:///rule-tester/${documents++}.arch`);
        const errors = diagnostics.filter((d) => LANGUAGE.has(String(d.code)));
        if (errors.length) throw new Error(`the case has language errors: ${errors.map((d) => `${d.code} at ${position(d)}`).join(', ')}`);
        return diagnostics.filter((d) => d.code === id);
    } finally {
        services.archlint.Config.setExplicit(undefined);
    }
}

/** A range as `line:column-endLine:endColumn`, 1-based like the CLI's stylish output. */
function position({ range: { start, end } }: Pick<Diagnostic, 'range'>): string {
    return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

const shown = (d: Diagnostic) => ({ component: (d.data as DiagnosticData | undefined)?.component, at: position(d) });
const expected = (code: string, e: ExpectedFinding) => ({ component: e.component, at: position({ range: span(code, e.on, e.occurrence) }) });
const byPosition = (a: { at: string }, b: { at: string }) => {
    const key = (s: string) => s.split(/[:-]/).map(Number);
    const [x, y] = [key(a.at), key(b.at)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3];
};

/** Defines the tests of rule `id`'s table. */
function run(id: string, table: RuleTable): void {
    const rule = ruleById(id);
    describe(id, () => {
        it('is a registered design rule with a table of both kinds', () => {
            expect(rule?.meta.category).toBe('design');
            expect(table.valid.length).toBeGreaterThan(0);
            expect(table.invalid.length).toBeGreaterThan(0);
        });

        it.each(table.valid.map((c) => [c.name, c] as const))('valid: %s', async (_name, c) => {
            expect((await lint(id, c.code, c.thresholds)).map(shown)).toEqual([]);
        });

        it.each(table.invalid.map((c) => [c.name, c] as const))('invalid: %s', async (_name, c) => {
            expect(c.errors.length).toBeGreaterThan(0);
            const found = await lint(id, c.code, c.thresholds);
            expect(found.map(shown).sort(byPosition)).toEqual(c.errors.map((e) => expected(c.code, e)).sort(byPosition));
            const first = [...found].sort((a, b) => byPosition(shown(a), shown(b)))[0];
            const fixes = (first.data as DiagnosticData | undefined)?.fixes ?? [];
            const outputs = c.output === undefined ? [] : typeof c.output === 'string' ? [c.output] : c.output;
            expect(fixes.length, 'the fixes the first finding offers, against the outputs the case gives').toBe(outputs.length);
            expect(fixes.length === 0 || rule?.meta.fixable, 'a rule that offers fixes says so in its meta').toBe(true);
            for (const [i, fix] of fixes.entries()) {
                const after = applyEdits(c.code, fix.edits).text;
                expect(after).toBe(outputs[i]);
                const component = shown(first).component;
                expect((await lint(id, after, c.thresholds)).map(shown).filter((f) => f.component === component)).toEqual([]);
            }
        });
    });
}

/** Runs rule tables: `ruleTester.run('spof', { valid: [...], invalid: [...] })`. */
export const ruleTester = { run };

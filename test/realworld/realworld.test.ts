/**
 * The real-world evaluation (issue 11, test/realworld/README.md): eleven published designs, each
 * as published and fixed, linted as `archlint check` lints them (default configuration). Every
 * file must be free of language errors. A reported warning or error matches an expected finding
 * of the same file with the same rule and component, each expected finding at most once; recall
 * is matched / expected, precision matched / reported over published and fixed models. Both are
 * printed with the per-model misses and false positives, and the test fails below recall 85% or
 * precision 90%. expected.json and the models are never edited to fit the linter.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { buildFiles, createNodeArchServices } from '../../language-server/workspace.js';
import { LANGUAGE_ERRORS } from '../../language-server/rules/language-errors.js';
import type { DiagnosticData } from '../../language-server/lsp/arch-document-validator.js';

const DIR = 'test/realworld';
const RECALL = 0.85;
const PRECISION = 0.9;

interface Expected { rule: string; component: string; why: string }
interface Reported { rule: string; component?: string; line: number; message: string }

const expectedByFile = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected[]>;
const files = readdirSync(DIR).filter((f) => f.endsWith('.arch')).sort();
const LANGUAGE = new Set(LANGUAGE_ERRORS.map((r) => r.id));

/** Per file: what was reported (warnings and errors), matched and missed. */
interface Scored { file: string; reported: Reported[]; matched: number; missed: Expected[]; falsePositives: Reported[] }

function score(file: string, diagnostics: readonly Diagnostic[]): Scored {
    const reported = diagnostics
        .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
        .map((d): Reported => ({ rule: String(d.code), component: (d.data as DiagnosticData | undefined)?.component, line: d.range.start.line + 1, message: d.message }));
    const missed = [...(expectedByFile[file] ?? [])];
    const falsePositives: Reported[] = [];
    for (const finding of reported) {
        const i = missed.findIndex((e) => e.rule === finding.rule && e.component === finding.component);
        if (i >= 0) missed.splice(i, 1);
        else falsePositives.push(finding);
    }
    return { file, reported, matched: reported.length - falsePositives.length, missed, falsePositives };
}

describe('real-world designs (test/realworld)', () => {
    it('lists expected findings for exactly the models in the folder, fixed models expecting none', () => {
        expect(Object.keys(expectedByFile).sort()).toEqual(files);
        expect(files.filter((f) => f.endsWith('.fixed.arch')).length).toBeGreaterThanOrEqual(6);
        for (const file of files.filter((f) => f.endsWith('.fixed.arch'))) expect(expectedByFile[file]).toEqual([]);
    });

    it(`are linted with recall ≥ ${RECALL * 100}% and precision ≥ ${PRECISION * 100}%`, async () => {
        const built = await buildFiles(createNodeArchServices({ root: DIR }), files.map((f) => join(DIR, f)));
        const scored: Scored[] = [];
        for (const [i, { diagnostics }] of built.entries()) {
            const languageErrors = diagnostics.filter((d) => LANGUAGE.has(String(d.code)));
            expect(languageErrors.map((d) => `${files[i]}:${d.range.start.line + 1} ${d.code} ${d.message}`)).toEqual([]);
            scored.push(score(files[i], diagnostics));
        }
        const expected = Object.values(expectedByFile).flat().length;
        const matched = scored.reduce((n, s) => n + s.matched, 0);
        const reported = scored.reduce((n, s) => n + s.reported.length, 0);
        const recall = matched / expected;
        const precision = reported ? matched / reported : 1;
        const lines = [`real-world designs: recall ${matched}/${expected} = ${(recall * 100).toFixed(1)}%, precision ${matched}/${reported} = ${(precision * 100).toFixed(1)}%`];
        for (const s of scored) {
            for (const m of s.missed) lines.push(`  ${s.file}: missed ${m.rule} ${m.component}`);
            for (const f of s.falsePositives) lines.push(`  ${s.file}:${f.line}: false positive ${f.rule} ${f.component ?? ''}: ${f.message}`);
        }
        console.log(lines.join('\n'));
        expect(recall, lines.join('\n')).toBeGreaterThanOrEqual(RECALL);
        expect(precision, lines.join('\n')).toBeGreaterThanOrEqual(PRECISION);
    });
});

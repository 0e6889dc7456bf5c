/** SARIF 2.1.0 for code scanning: one run, every rule's metadata, 1-based regions. */
import type * as Sarif from 'sarif';
import { RULES } from '../../language-server/rules/registry.js';
import { REPOSITORY_URL, ruleDoc, rulePageUrl } from '../../language-server/rules/docs.js';
import type { Severity } from '../../language-server/rules/rule.js';
import type { FileReport } from '../report.js';

const LEVELS: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** Formats the report as a SARIF log. */
export function formatSarif(files: readonly FileReport[], version: string): string {
    const index = new Map(RULES.map((r, i) => [r.id, i]));
    const log: Sarif.Log = {
        version: '2.1.0',
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        runs: [{
            tool: {
                driver: {
                    name: 'archlint',
                    version,
                    informationUri: REPOSITORY_URL,
                    rules: RULES.map((rule) => ({
                        id: rule.id,
                        shortDescription: { text: rule.meta.description },
                        helpUri: rulePageUrl(rule.id),
                        ...(ruleDoc(rule.id) ? { help: { text: rule.meta.description, markdown: ruleDoc(rule.id) } } : {}),
                        defaultConfiguration: { level: LEVELS[rule.meta.severity] },
                        properties: { category: rule.meta.category },
                    })),
                },
            },
            originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(process.cwd())}/` } },
            results: files.flatMap((file) => file.diagnostics.map((d): Sarif.Result => ({
                ruleId: d.rule,
                ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
                level: LEVELS[d.severity],
                message: { text: d.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
                        region: {
                            startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
                            endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
                        },
                    },
                }],
                ...(d.component ? { properties: { component: d.component } } : {}),
                ...(d.fixes?.length ? {
                    fixes: d.fixes.map((fix) => ({
                        description: { text: fix.title },
                        artifactChanges: [{
                            artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
                            replacements: fix.edits.map((e) => ({
                                deletedRegion: {
                                    startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1,
                                    endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1,
                                },
                                insertedContent: { text: e.newText },
                            })),
                        }],
                    })),
                } : {}),
            }))),
        }],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}

function pathToUri(path: string): string {
    return `file://${encodeURI(path.split('\\').join('/'))}`;
}

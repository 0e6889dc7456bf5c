/**
 * Gives every diagnostic a rule id (syntax, unknown-reference, ...), a doc link and the
 * configured severity, appends the design rules' findings on the document's systems, and
 * honours `// archlint-disable-next-line` suppressions (reporting those without a reason).
 */
import { Cancellation, DefaultDocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type ParseResult, type ValidationAcceptor, type ValidationCheck, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic, Position, Range } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { ruleDocUri } from '../rules/docs.js';
import { levelOf, runRules, type Finding } from '../rules/run-rules.js';
import { ruleById } from '../rules/registry.js';
import { isSuppressed, parseSuppressions } from '../rules/suppression.js';
import { placeBlockInsertions } from '../rules/report-helpers.js';
import { lineStarts } from '../model/source.js';
import type { ArchCoreServices } from '../arch-core-module.js';
import type { Severity } from '../rules/rule.js';
import type { ArchlintConfig } from '../rules/config.js';
import { walkAst } from '../workspace/ast-walk.js';

const SUPPRESSION_WITHOUT_REASON = 'suppression-without-reason';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information,
};

/** Data attached to each diagnostic, for code actions and the CLI. */
export interface DiagnosticData {
    component?: string;
    fixes?: Finding['fixes'];
}

/** Langium's document validator with rule ids, configured severities and the design rules. */
export class ArchDocumentValidator extends DefaultDocumentValidator {
    constructor(private readonly archServices: ArchCoreServices) {
        super(archServices);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const config = this.archServices.archlint.Config.configFor(document.uri);
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const id = ruleIdOf(diagnostic);
            const rule = ruleById(id);
            const level = rule ? levelOf(rule, config) : 'error';
            if (level === 'off') continue;
            if (id === 'unknown-reference') diagnostic.message = linkingMessage(diagnostic.message);
            const data = isLangiumData(diagnostic.data) ? undefined : diagnostic.data;
            // A design finding already carries its severity (runRules applied the configuration, finding by finding).
            const severity = rule?.meta.category === 'design' && diagnostic.severity !== undefined ? diagnostic.severity : LSP_SEVERITY[level];
            result.push({ ...diagnostic, code: id, source: 'archlint', severity, codeDescription: { href: ruleDocUri(id) }, data });
        }
        return this.applySuppressions(document, withoutGuesses(result), config);
    }

    /** Drops suppressed findings and reports suppressions that give no reason. */
    private applySuppressions(document: LangiumDocument, diagnostics: Diagnostic[], config: ArchlintConfig): Diagnostic[] {
        const suppressions = parseSuppressions(document.textDocument.getText());
        if (!suppressions.length) return diagnostics;
        const kept = diagnostics.filter((d) => !isSuppressed(suppressions, String(d.code), d.range.start.line));
        const rule = ruleById(SUPPRESSION_WITHOUT_REASON);
        const level = rule ? levelOf(rule, config) : 'off';
        if (level === 'off') return kept;
        for (const suppression of suppressions.filter((s) => s.reason === undefined)) {
            kept.push({
                range: suppression.range, code: SUPPRESSION_WITHOUT_REASON, source: 'archlint', severity: LSP_SEVERITY[level],
                codeDescription: { href: ruleDocUri(SUPPRESSION_WITHOUT_REASON) },
                message: `This suppression of ${suppression.rules.join(', ') || 'nothing'} gives no reason: add '-- why the finding is accepted'.`,
            });
        }
        return kept;
    }

    /** One syntax error per line: chevrotain's recovery reports the same mistake again at each rule it unwinds. */
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const parsing: Diagnostic[] = [];
        super.processParsingErrors(parseResult, parsing, options);
        const lines = new Set(diagnostics.map((d) => d.range.start.line));
        for (const diagnostic of parsing) {
            if (lines.has(diagnostic.range.start.line)) continue;
            lines.add(diagnostic.range.start.line);
            diagnostics.push(diagnostic);
        }
    }

    /** Langium's per-node checks, over one walk of the tree (ast-walk.ts) with each type's checks looked up once. */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, accept: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const checksOf = new Map<string, ValidationCheck[]>();
        await walkAst(rootNode, cancelToken, (node) => {
            let checks = checksOf.get(node.$type);
            if (!checks) checksOf.set(node.$type, checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray());
            return checks.length ? runChecks(checks, node, accept, cancelToken) : undefined;
        });
    }

    protected override async validateAstAfter(rootNode: AstNode, options: ValidationOptions, accept: ValidationAcceptor, cancelToken?: CancellationToken): Promise<void> {
        await super.validateAstAfter(rootNode, options, accept, cancelToken);
        if (!ast.isDocument(rootNode)) return;
        const document = rootNode.$document;
        if (!document) return;
        const uri = document.uri;
        const config = this.archServices.archlint.Config.configFor(uri);
        const text = document.textDocument.getText();
        // The model build and the rules run in one piece each: a newer edit may cancel before either.
        const token = cancelToken ?? Cancellation.CancellationToken.None;
        await interruptAndCheck(token);
        const models = this.archServices.archlint.Models.modelsOf(document);
        await interruptAndCheck(token);
        const uriString = uri.toString();
        // Line starts once per document, not once per finding (thousands on a large model).
        let starts: number[] | undefined;
        for (const finding of runRules(models, config)) {
            if (finding.location.uri !== uriString) continue;
            const fixes = finding.fixes?.map((fix) => ({ ...fix, edits: placeBlockInsertions(fix.edits, uriString, text, starts ??= lineStarts(text)) }));
            const data: DiagnosticData = { component: finding.component, fixes };
            accept(finding.severity, finding.message, { node: rootNode, range: finding.location.range, code: finding.rule, data });
        }
    }
}

/**
 * Drops the design findings that point at text with a language error on it (an invalid value,
 * a misspelt word): that text is read as its default, so the finding would judge a guess and
 * one mistake would show as several. Findings elsewhere, on the same component too, stay.
 */
function withoutGuesses(diagnostics: Diagnostic[]): Diagnostic[] {
    const errors = diagnostics.filter((d) => ruleById(String(d.code))?.meta.category === 'language').map((d) => d.range);
    if (!errors.length) return diagnostics;
    return diagnostics.filter((d) => ruleById(String(d.code))?.meta.category !== 'design' || !errors.some((e) => overlaps(e, d.range)));
}

/** Whether two ranges share some text (touching ends do not). */
function overlaps(a: Range, b: Range): boolean {
    const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
    return before(a.start, b.end) && before(b.start, a.end);
}

async function runChecks(checks: readonly ValidationCheck[], node: AstNode, accept: ValidationAcceptor, cancelToken: CancellationToken): Promise<void> {
    for (const check of checks) await check(node, accept, cancelToken);
}

/** Langium marks its own parser and linker diagnostics with `data.code`. */
function isLangiumData(data: unknown): boolean {
    return typeof data === 'object' && data !== null && 'code' in data;
}

function ruleIdOf(diagnostic: Diagnostic): string {
    const code = (diagnostic.data as { code?: string } | undefined)?.code ?? diagnostic.code;
    if (typeof code === 'string' && (code.startsWith('lexing-') || code.startsWith('parsing-'))) return 'syntax';
    if (code === 'linking-error') return 'unknown-reference';
    if (typeof code === 'string' && ruleById(code)) return code;
    return 'internal-error';
}

/** Langium says "Could not resolve reference to Named named 'x'."; say it for people. */
function linkingMessage(message: string): string {
    const name = /named '([^']*)'/.exec(message)?.[1];
    return name === undefined ? message : `Unknown component or zone '${name}': no declaration in this system, this file or its imports.`;
}

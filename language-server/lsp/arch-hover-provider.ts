/**
 * Hover: every keyword and enum word explained from the property table, a component's
 * summary and current findings on its name or any reference to it, a number's normalised value.
 */
import { AstUtils, CstUtils, GrammarAST, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { HoverProvider, LangiumServices } from 'langium/lsp';
import type { Diagnostic, Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { ANNOTATION_DOCS, COMPONENT_KINDS, KEYWORD_DOCS, OBJECTIVE_DOCS, OPTION_DOCS, PROPERTIES, PROTOCOLS } from '../model/properties.js';
import { readCallItem } from '../model/annotations.js';
import { normalise } from '../model/units.js';
import { buildComponentModel } from '../model/build-model.js';
import type { DiagnosticData } from './arch-document-validator.js';
import { valueTypeAt, wordPropertyOf } from './property-context.js';
import { describeComponent, describeValue } from './describe.js';

/** Arch's hover provider. */
export class ArchHoverProvider implements HoverProvider {
    constructor(private readonly services: LangiumServices) {}

    getHoverContent(document: LangiumDocument, params: HoverParams): MaybePromise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf || leaf.hidden) return undefined;
        const text = this.contentFor(leaf, document);
        return text ? { contents: { kind: 'markdown', value: text }, range: leaf.range } : undefined;
    }

    private contentFor(leaf: CstNode, document: LangiumDocument): string | undefined {
        const node = leaf.astNode;
        const [target] = this.services.references.References.findDeclarations(leaf);
        if ((ast.isComponent(target) || ast.isZone(target)) && (leaf !== target.$cstNode || ast.isComponent(node) || ast.isZone(node))) {
            return this.summary(target, document);
        }
        const word = leaf.text;
        const property = wordPropertyOf(node);
        if (property && ast.isQuantity(node) && node.text === word) return wordDoc(word, PROPERTIES[property]?.words?.[word]);
        if (ast.isQuantity(node) && leaf.grammarSource && GrammarAST.isRuleCall(leaf.grammarSource)) {
            const type = valueTypeAt(node);
            const value = type && normalise(leaf.text, type);
            return type && value?.ok ? describeValue(leaf.text, value.value, type) : undefined;
        }
        if (ast.isProtocol(node) && node.name === word) return wordDoc(word, PROTOCOLS[word]);
        if (ast.isCallItem(node)) return callItemDoc(word);
        if (ast.isFlowObjective(node) && node.name === word) return wordDoc(word, OBJECTIVE_DOCS[word]);
        // A property's name: a keyword of its own rule, or a name of the property table (`failover`).
        const spec = PROPERTIES[word];
        if (spec && ast.isProperty(node) && node.name === word && (GrammarAST.isKeyword(leaf.grammarSource) || ast.isSimpleProperty(node))) {
            const words = spec.words ? `\n\nValues: ${Object.keys(spec.words).map((w) => `\`${w}\``).join(', ')}.` : '';
            return `**${word}** (property of ${spec.contexts.join(', ')})\n\n${spec.doc}${words}`;
        }
        if (!GrammarAST.isKeyword(leaf.grammarSource)) return undefined;
        if (word in COMPONENT_KINDS && ast.isComponent(node)) return `**${word}** (component)\n\n${COMPONENT_KINDS[word as keyof typeof COMPONENT_KINDS]}`;
        const doc = OPTION_DOCS[word] ?? KEYWORD_DOCS[word];
        return doc ? `**${word}**\n\n${doc}` : undefined;
    }

    private summary(target: ast.Component | ast.Zone, document: LangiumDocument): string {
        if (ast.isZone(target)) {
            const components = [...AstUtils.streamAllContents(target)].filter(ast.isComponent).map((c) => `\`${c.name}\``);
            return `**${target.name}** (zone)${target.title ? ` — ${target.title}` : ''}\n\nFailure domain holding ${components.join(', ') || 'no components'}.`;
        }
        const component = buildComponentModel(target);
        const findings = findingsFor(target, AstUtils.getDocument(target) === document ? document.diagnostics ?? [] : AstUtils.getDocument(target).diagnostics ?? []);
        return describeComponent(target, component, findings);
    }
}

/** What an annotation item says: `x10` is ten calls per request, `5%` a share, `read` a read. */
function callItemDoc(word: string): string | undefined {
    const meaning = readCallItem(word);
    switch (meaning.kind) {
        case 'count': return `**${word}**: ${meaning.value} call${meaning.value === 1 ? '' : 's'} per request\n\n${ANNOTATION_DOCS.count}`;
        case 'share': return `**${word}**: ${Math.round(meaning.value * 1000) / 10}% of requests\n\n${ANNOTATION_DOCS.share}`;
        case 'access': return wordDoc(word, ANNOTATION_DOCS[meaning.value]);
        case 'invalid': return undefined;
    }
}

function wordDoc(word: string, doc: string | undefined): string | undefined {
    return doc ? `**${word}**\n\n${doc}` : undefined;
}

/** The diagnostics about a component: those that name it, or whose range lies in its declaration. */
function findingsFor(component: ast.Component, diagnostics: Diagnostic[]): Diagnostic[] {
    const range = component.$cstNode?.range;
    return diagnostics.filter((d) => (d.data as DiagnosticData | undefined)?.component === component.name
        || (range && d.range.start.line >= range.start.line && d.range.end.line <= range.end.line
            && (d.range.start.line > range.start.line || d.range.start.character >= range.start.character)));
}

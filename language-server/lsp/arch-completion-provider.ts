/**
 * Completion by context, from the one property table: the properties this kind accepts,
 * the words a property accepts, protocols, units after a number, references filtered by
 * the kind they must point at, and snippets for a system and each component kind.
 */
import { AstUtils, GrammarAST, type AstNodeDescription, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { ANNOTATION_DOCS, COMPONENT_KINDS, OBJECTIVE_DOCS, PROPERTIES, PROTOCOLS, allowedIn } from '../model/properties.js';
import { SUFFIXES } from '../model/units.js';
import { structuredPropertyNames } from '../parser/arch-token-builder.js';
import type { ComponentKind } from '../model/types.js';
import { propertyContextOf, valueTypeAt, wordPropertyOf } from './property-context.js';
import { COMPONENT_SNIPPETS, SYSTEM_SNIPPET } from './snippets.js';

const markdown = (value: string) => ({ kind: MarkupKind.Markdown, value });

/** Arch's completion provider. */
export class ArchCompletionProvider extends DefaultCompletionProvider {
    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        if (rule === 'Word') {
            // One pass per position: the ID alternative stands for the whole word rule.
            if (GrammarAST.isRuleCall(next.feature)) this.completeWords(context, acceptor);
            return;
        }
        const terminal = GrammarAST.isRuleCall(next.feature) ? next.feature.rule.ref?.name : undefined;
        if (rule === 'CallItem') {
            this.completeCallItem(context, next.feature, terminal, acceptor);
            return;
        }
        if (rule === 'FlowObjective' && GrammarAST.isKeyword(next.feature)) {
            const word = next.feature.value;
            acceptor(context, { label: word, kind: CompletionItemKind.Keyword, detail: 'objective', documentation: markdown(OBJECTIVE_DOCS[word] ?? ''), sortText: `0${word}` });
            return;
        }
        if (rule === 'Quantity' && terminal === 'NUMBER') {
            this.completeUnits(context, acceptor);
            return;
        }
        if ((rule === 'Quantity' || rule === 'Protocol') && terminal === 'INLINE_ID') {
            this.completeWords(context, acceptor);
            return;
        }
        if (rule === 'SimpleProperty' && terminal === 'PROPERTY_NAME') {
            // Names of the table without a grammar rule of their own; those with one come as keywords.
            const structured = structuredPropertyNames(this.grammar);
            for (const name of Object.keys(PROPERTIES)) if (!structured.has(name)) this.completeProperty(context, name, acceptor);
            return;
        }
        if (GrammarAST.isKeyword(next.feature)) return this.completeKeyword(context, next.feature, rule, acceptor);
        return super.completionFor(context, next, acceptor);
    }

    /** Offers property `name` where the block around the cursor accepts it and does not have it yet. */
    private completeProperty(context: CompletionContext, name: string, acceptor: CompletionAcceptor): void {
        const where = propertyContextOf(context.node);
        if (!where || !allowedIn(name, where) || (name !== 'fail' && alreadyGiven(context, name))) return;
        acceptor(context, { label: name, kind: CompletionItemKind.Property, detail: 'property', documentation: markdown(PROPERTIES[name].doc), sortText: `0${name}` });
    }

    private completeKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, rule: string | undefined, acceptor: CompletionAcceptor): MaybePromise<void> {
        const word = keyword.value;
        if (PROPERTIES[word] && rule?.endsWith('Property')) return this.completeProperty(context, word, acceptor);
        if (rule === 'Quantity') {
            const quantity = context.node && AstUtils.getContainerOfType(context.node, ast.isQuantity);
            const type = quantity && valueTypeAt(quantity);
            if ((word === 'rps' && type === 'rate') || (word === 'items' && type === 'items')) acceptor(context, { label: word, kind: CompletionItemKind.Unit });
            return;
        }
        if (word in COMPONENT_KINDS) {
            const kind = word as ComponentKind;
            acceptor(context, { label: kind, kind: CompletionItemKind.Keyword, detail: 'component', documentation: markdown(COMPONENT_KINDS[kind]), sortText: `1${kind}` });
            acceptor(context, {
                label: `${kind} …`, filterText: kind, kind: CompletionItemKind.Snippet, detail: `new ${kind}`,
                insertText: COMPONENT_SNIPPETS[kind], insertTextFormat: InsertTextFormat.Snippet, documentation: markdown(COMPONENT_KINDS[kind]), sortText: `2${kind}`,
            });
            return;
        }
        if (word === 'system') {
            acceptor(context, {
                label: 'system …', filterText: 'system', kind: CompletionItemKind.Snippet, detail: 'new system with a workload, a client and a service',
                insertText: SYSTEM_SNIPPET, insertTextFormat: InsertTextFormat.Snippet,
            });
        }
        return super.completionFor(context, { feature: keyword }, acceptor);
    }

    /** Inside `[...]`: `read` and `write`, and a call count and a share to fill in (offered once, for the name alternative). */
    private completeCallItem(context: CompletionContext, feature: GrammarAST.AbstractElement, terminal: string | undefined, acceptor: CompletionAcceptor): void {
        if (GrammarAST.isKeyword(feature) && (feature.value === 'read' || feature.value === 'write')) {
            acceptor(context, { label: feature.value, kind: CompletionItemKind.Keyword, detail: 'annotation', documentation: markdown(ANNOTATION_DOCS[feature.value]) });
        } else if (terminal === 'INLINE_ID') {
            const snippet = (label: string, insertText: string, doc: string) => acceptor(context, {
                label, kind: CompletionItemKind.Snippet, detail: 'annotation', insertText, insertTextFormat: InsertTextFormat.Snippet, documentation: markdown(doc),
            });
            snippet('xN', 'x${1:10}', ANNOTATION_DOCS.count);
            snippet('P%', '${1:5}%', ANNOTATION_DOCS.share);
        }
    }

    /** Enum values of the property being written, or protocols after `:` on a connection. */
    private completeWords(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const property = wordPropertyOf(context.node);
        const words = property ? PROPERTIES[property]?.words : ast.isConnection(context.node) || ast.isProtocol(context.node) ? PROTOCOLS : undefined;
        for (const [word, doc] of Object.entries(words ?? {})) {
            acceptor(context, { label: word, kind: CompletionItemKind.EnumMember, documentation: markdown(doc) });
        }
    }

    /** `4` offers `4ms`, `4s`, ... by the property's value type. */
    private completeUnits(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const text = context.textDocument.getText();
        const before = /[0-9]+(\.[0-9]+)?[a-zA-Z%]*$/.exec(text.slice(0, context.offset));
        const quantity = context.node && AstUtils.getContainerOfType(context.node, ast.isQuantity);
        const type = quantity && valueTypeAt(quantity);
        if (!before || !type) return;
        const digits = /^[0-9.]+/.exec(before[0])![0];
        const range = { start: context.textDocument.positionAt(context.offset - before[0].length), end: context.position };
        for (const suffix of SUFFIXES[type]) {
            acceptor(context, { label: `${digits}${suffix}`, kind: CompletionItemKind.Unit, textEdit: { range, newText: `${digits}${suffix}` } });
        }
    }

    /** References offer only what they may point at: `consumes` queues, `zones` zones, paths components. */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const expected = expectedTarget(refInfo);
        return super.getReferenceCandidates(refInfo, context).filter((d) => {
            if (expected === undefined) return true;
            if (expected === 'zone') return d.type === 'Zone';
            if (d.type !== 'Component') return false;
            return expected === 'component' || (d.node as ast.Component | undefined)?.kind === expected;
        });
    }
}

/** Whether the block around the cursor already has `name`, written before the cursor's token. */
function alreadyGiven(context: CompletionContext, name: string): boolean {
    const owner = context.node && AstUtils.getContainerOfType(context.node, (n): n is ast.Component | ast.Workload | ast.Scenario =>
        ast.isComponent(n) || ast.isWorkload(n) || ast.isScenario(n));
    return owner?.properties.some((p) => p.name === name && (p.$cstNode?.end ?? Infinity) <= context.tokenOffset) ?? false;
}

/** What a reference must point at: a component kind, any component, a zone, or anything. */
function expectedTarget(refInfo: ReferenceInfo): ComponentKind | 'component' | 'zone' | undefined {
    const container = refInfo.container;
    if (ast.isReferenceProperty(container) || ast.isReferenceListProperty(container)) {
        return PROPERTIES[container.name]?.references;
    }
    if (ast.isConnection(container) || ast.isFlowChain(container) || ast.isPartitionOption(container)) return 'component';
    return undefined;
}

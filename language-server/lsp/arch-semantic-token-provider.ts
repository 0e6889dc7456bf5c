/** Semantic highlighting: declarations and references by what they name, property names, enum words, numbers. */
import { DocumentState, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { readCallItem } from '../model/annotations.js';

/** The token type of a reference's target. */
function typeOfTarget(target: ast.Named | undefined): string {
    return ast.isZone(target) ? SemanticTokenTypes.namespace : SemanticTokenTypes.class;
}

/** Arch's semantic token provider. */
export class ArchSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private running: Promise<unknown> = Promise.resolve();

    // Langium's provider keeps the request it works on (document, token builder, range) in fields
    // across awaits: two requests at once, as Monaco sends a range and the whole file while one
    // types, mixed their tokens into tokens past the end of a line. One request at a time.
    override semanticHighlight(...args: Parameters<AbstractSemanticTokenProvider['semanticHighlight']>): ReturnType<AbstractSemanticTokenProvider['semanticHighlight']> {
        return this.oneAtATime(() => super.semanticHighlight(...args));
    }

    override semanticHighlightRange(...args: Parameters<AbstractSemanticTokenProvider['semanticHighlightRange']>): ReturnType<AbstractSemanticTokenProvider['semanticHighlightRange']> {
        return this.oneAtATime(() => super.semanticHighlightRange(...args));
    }

    override semanticHighlightDelta(...args: Parameters<AbstractSemanticTokenProvider['semanticHighlightDelta']>): ReturnType<AbstractSemanticTokenProvider['semanticHighlightDelta']> {
        return this.oneAtATime(() => super.semanticHighlightDelta(...args));
    }

    private oneAtATime<T>(request: () => Promise<T>): Promise<T> {
        const result = this.running.then(request, request);
        this.running = result.catch(() => undefined);
        return result;
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' {
        // Langium yields every 10 ms while it highlights, and an edit that arrives meanwhile resets
        // the document and unlinks its references (reading one then logs a warning). Such a reply is
        // dropped (semantic-tokens.ts), so stop reading the tree.
        if (this.currentDocument && this.currentDocument.state < DocumentState.Linked) return 'prune';
        const declaration = [SemanticTokenModifiers.declaration];
        if (ast.isSystem(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: declaration });
        else if (ast.isZone(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        else if (ast.isComponent(node)) {
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.keyword });
            acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: declaration });
        } else if (ast.isFlow(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
        else if (ast.isScenario(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.event, modifier: declaration });
        else if (ast.isConnection(node)) node.path.forEach((ref, index) => acceptor({ node, property: 'path', index, type: typeOfTarget(ref.ref) }));
        else if (ast.isFlowChain(node)) acceptor({ node, property: 'target', type: typeOfTarget(node.target?.ref) });
        else if (ast.isQuantity(node)) acceptor({ node, property: 'text', type: /^[0-9]/.test(node.text) ? SemanticTokenTypes.number : SemanticTokenTypes.enumMember });
        else if (ast.isProtocol(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember });
        else if (ast.isCallItem(node)) {
            const meaning = readCallItem(node.text).kind;
            acceptor({ node, property: 'text', type: meaning === 'access' ? SemanticTokenTypes.keyword : SemanticTokenTypes.number });
        }
        else if (ast.isPartitionScheme(node) && node.key) acceptor({ node, property: 'key', type: SemanticTokenTypes.parameter });
        else if (ast.isProperty(node)) this.highlightPropertyOf(node, acceptor);
    }

    private highlightPropertyOf(node: ast.Property, acceptor: SemanticTokenAcceptor): void {
        acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
        if (ast.isReferenceProperty(node) || ast.isFailProperty(node)) acceptor({ node, property: 'target', type: typeOfTarget(node.target?.ref) });
        else if (ast.isReferenceListProperty(node)) node.targets.forEach((ref, index) => acceptor({ node, property: 'targets', index, type: typeOfTarget(ref.ref) }));
        else if (ast.isWordListProperty(node)) node.values.forEach((_, index) => acceptor({ node, property: 'values', index, type: SemanticTokenTypes.parameter }));
    }
}

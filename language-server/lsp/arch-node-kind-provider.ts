/** Symbol and completion kinds: systems are modules, zones namespaces, components classes, flows functions. */
import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

const SYMBOLS: Record<string, SymbolKind> = {
    System: SymbolKind.Module, Zone: SymbolKind.Namespace, Component: SymbolKind.Class, Flow: SymbolKind.Function, Scenario: SymbolKind.Event,
};
const COMPLETIONS: Record<string, CompletionItemKind> = {
    System: CompletionItemKind.Module, Zone: CompletionItemKind.Module, Component: CompletionItemKind.Class,
};

/** Arch's node kinds for outlines, workspace symbols and completion. */
export class ArchNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOLS[typeOf(node)] ?? SymbolKind.Field;
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETIONS[typeOf(node)] ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}

/// <reference lib="dom" />
/**
 * The Monaco editor of the playground, with every editor feature (those Monaco's LSP client
 * brings): the Arch language (colours from VS Code's TextMate grammar, brackets and comments
 * from its language configuration, semantic colours from the language server), Monaco's own
 * worker bundled beside the page, and a light theme.
 */
import * as monaco from 'monaco-editor/editor';
// Before any use of the API: the client brings the editor's features, whose services must be
// registered before Monaco creates its service collection.
import { MonacoLspClient, createTransportToWorker } from 'monaco-lsp-client';
import grammar from '../../extension/syntaxes/arch.tmLanguage.json';
import configuration from '../../extension/language-configuration.json';
import { monarchFromTextMate } from './monarch.js';

/** The language id of Arch models. */
export const ARCH = 'arch';

declare global {
    interface Window { MonacoEnvironment?: monaco.Environment }
}

/** Monaco's worker (diffs, links, word completion) is a file of the built folder. */
window.MonacoEnvironment = { getWorker: () => new Worker('editor.worker.js') };

monaco.languages.register({ id: ARCH, extensions: ['.arch'], aliases: ['Arch'] });
monaco.languages.setMonarchTokensProvider(ARCH, monarchFromTextMate(grammar));
monaco.languages.setLanguageConfiguration(ARCH, {
    comments: { lineComment: configuration.comments.lineComment, blockComment: configuration.comments.blockComment as [string, string] },
    brackets: configuration.brackets as [string, string][],
    autoClosingPairs: configuration.autoClosingPairs,
    surroundingPairs: configuration.surroundingPairs.map(([open, close]) => ({ open, close })),
    folding: { markers: { start: new RegExp(configuration.folding.markers.start), end: new RegExp(configuration.folding.markers.end) } },
    wordPattern: new RegExp(configuration.wordPattern),
});

// Semantic token types the server sends (language-server/lsp/arch-semantic-token-provider.ts), coloured as VS Code's light theme does.
monaco.editor.defineTheme('archlint-light', {
    base: 'vs', inherit: true, colors: {},
    rules: [
        { token: 'type', foreground: '267f99' }, { token: 'class', foreground: '267f99' }, { token: 'namespace', foreground: '267f99' },
        { token: 'function', foreground: '795e26' }, { token: 'event', foreground: '795e26' },
        { token: 'enumMember', foreground: '0070c1' }, { token: 'number', foreground: '098658' },
        { token: 'property', foreground: '001080' }, { token: 'variable', foreground: '001080' },
    ],
});

/** Creates the editor in `element` on `model`. */
export function createEditor(element: HTMLElement, model: monaco.editor.ITextModel): monaco.editor.IStandaloneCodeEditor {
    return monaco.editor.create(element, {
        model, theme: 'archlint-light', automaticLayout: true, minimap: { enabled: false }, fontSize: 13, tabSize: 2,
        scrollBeyondLastLine: false, fixedOverflowWidgets: true, 'semanticHighlighting.enabled': true, glyphMargin: false,
    });
}

export { monaco, MonacoLspClient, createTransportToWorker };

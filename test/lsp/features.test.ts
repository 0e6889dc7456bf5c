import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionList, DocumentSymbol, Hover, Location, LocationLink, SemanticTokens, TextEdit, WorkspaceEdit, FoldingRange, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';
import { workspace } from '../cli/run-cli.js';

const MAIN = [
    'import "./lib/shared.arch"',
    'system Shop {',
    '  workload { rps 1k keys 1M zipf 1.0 }',
    '  client web { protocol https }',
    '  zone eu {',
    '    loadbalancer lb { algorithm least_connections replicas 2 health_check every 5s timeout 1s unhealthy_after 3 }',
    '    service api { replicas 3 capacity 2k rps latency 5ms }',
    '  }',
    '  queue events',
    '  worker mailer { replicas 2 consumes events }',
    '  web -> lb -> api -> orders',
    '  api -> events',
    '}',
    '',
].join('\n');
const SHARED = 'database orders { replicas 2 capacity 5k rps latency 3ms }\n';

/** The position of the first `needle` in `text`, `offset` characters into it. */
function at(text: string, needle: string, offset = 0) {
    const index = text.indexOf(needle) + offset;
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('language features over stdio', () => {
    let client: LspClient;
    let root: string;
    let mainUri: string;
    let sharedUri: string;
    beforeAll(async () => {
        root = workspace({ 'main.arch': MAIN, 'lib/shared.arch': SHARED });
        mainUri = pathToFileURL(join(root, 'main.arch')).href;
        sharedUri = pathToFileURL(join(root, 'lib', 'shared.arch')).href;
        client = await LspClient.start(pathToFileURL(root).href);
        await client.open(mainUri, MAIN);
    });
    afterAll(async () => {
        await client.stop();
    });

    const complete = async (text: string, needle: string, offset: number) => {
        const uri = `file:///completion/${Math.random().toString(36).slice(2)}.arch`;
        await client.open(uri, text);
        const result = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(text, needle, offset) });
        return result.items.map((i) => i.label);
    };

    it('completes the balancing algorithms after `algorithm`', async () => {
        const labels = await complete('system S { loadbalancer l { algorithm  } }', 'algorithm ', 10);
        expect(labels).toEqual(expect.arrayContaining(['round_robin', 'weighted_round_robin', 'least_connections', 'least_response_time', 'least_bandwidth', 'ip_hash', 'random']));
        expect(labels).not.toContain('async');
    });

    it('completes only the properties of the kind, and not those already given', async () => {
        const labels = await complete('system S { cache c { capacity 5 items  } }', 'items ', 6);
        expect(labels).toEqual(expect.arrayContaining(['eviction', 'placement', 'write', 'ttl', 'replicas']));
        expect(labels).not.toContain('algorithm');
        expect(labels).not.toContain('capacity');
    });

    it('completes references by the kind they need: consumes offers queues', async () => {
        const labels = await complete('system S { service a queue q1 queue q2 worker w { consumes  } }', 'consumes ', 9);
        expect(labels.sort()).toEqual(['q1', 'q2']);
    });

    it('completes units after a number and protocols after a colon', async () => {
        expect(await complete('system S { service a { latency 4 } }', 'latency 4', 9)).toEqual(['4us', '4ms', '4s', '4m', '4h', '4d']);
        expect(await complete('system S { service a service b a -> b :  }', ': ', 2)).toEqual(expect.arrayContaining(['https', 'grpc', 'websocket', 'async']));
    });

    it('offers snippets for a new system and each kind', async () => {
        const uri = 'file:///completion/snippets.arch';
        await client.open(uri, 'system S {  }');
        const result = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 11 } });
        const snippet = result.items.find((i) => i.label === 'database …');
        expect(snippet?.insertTextFormat).toBe(2);
        expect(snippet?.textEdit && 'newText' in snippet.textEdit ? snippet.textEdit.newText : snippet?.insertText).toContain('partition hash(');
    });

    it('explains keywords, enum words and numbers on hover', async () => {
        const hover = async (needle: string, offset = 0) =>
            (await client.request<Hover>('textDocument/hover', { textDocument: { uri: mainUri }, position: at(MAIN, needle, offset) }))?.contents;
        expect(JSON.stringify(await hover('least_connections'))).toContain('fewest open requests');
        expect(JSON.stringify(await hover('health_check'))).toContain('unhealthy_after');
        expect(JSON.stringify(await hover('2k rps'))).toContain('2,000 requests/s');
        expect(JSON.stringify(await hover('5ms'))).toContain('0.005 s');
    });

    it('summarises a referenced component, across an import', async () => {
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: mainUri }, position: at(MAIN, 'orders', 1) });
        const text = JSON.stringify(hover.contents);
        expect(text).toContain('**orders** (database)');
        expect(text).toContain('5,000 rps per replica');
    });

    it('goes to a definition in an imported file', async () => {
        const [link] = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: mainUri }, position: at(MAIN, 'orders', 2) });
        expect(link.targetUri).toBe(sharedUri);
        expect(link.targetSelectionRange.start).toEqual({ line: 0, character: 9 });
    });

    it('finds references, including the declaration', async () => {
        const refs = await client.request<Location[]>('textDocument/references', {
            textDocument: { uri: mainUri }, position: at(MAIN, 'api', 1), context: { includeDeclaration: true },
        });
        expect(refs.map((r) => r.range.start.line).sort((a, b) => a - b)).toEqual([6, 10, 11]);
    });

    it('renames across files', async () => {
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: mainUri }, position: at(MAIN, 'orders', 1), newName: 'purchases' });
        expect(Object.keys(edit.changes ?? {}).sort()).toEqual([mainUri, sharedUri].sort());
        expect(edit.changes![sharedUri]).toEqual([{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 15 } }, newText: 'purchases' }]);
    });

    it('lists document symbols as system > zones > components', async () => {
        const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: mainUri } });
        const shop = symbols.find((s) => s.name === 'Shop')!;
        expect(shop.kind).toBe(2);
        const eu = shop.children!.find((s) => s.name === 'eu')!;
        expect(eu.kind).toBe(3);
        expect(eu.children!.map((c) => c.name)).toEqual(['lb', 'api']);
        expect(shop.children!.map((c) => c.name)).toEqual(expect.arrayContaining(['web', 'eu', 'events', 'mailer']));
    });

    it('finds workspace symbols', async () => {
        const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'orde' });
        expect(symbols.map((s) => s.name)).toContain('orders');
    });

    it('folds blocks', async () => {
        const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: mainUri } });
        expect(ranges).toEqual(expect.arrayContaining([expect.objectContaining({ startLine: 1 }), expect.objectContaining({ startLine: 4 })]));
    });

    it('returns semantic tokens typed by what they highlight', async () => {
        const legend = client.capabilities.semanticTokensProvider!.legend;
        const { data } = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: mainUri } });
        expect(data.length % 5).toBe(0);
        // Each token is (line delta, start delta on the same line, length, type index, modifier bits).
        const lines = MAIN.split('\n');
        const tokens = new Map<string, { text: string; type: string; modifiers: string[] }>();
        for (let i = 0, line = 0, character = 0; i < data.length; i += 5) {
            const [dLine, dStart, length, type, bits] = data.slice(i, i + 5);
            character = dLine === 0 ? character + dStart : dStart;
            line += dLine;
            const modifiers = legend.tokenModifiers.filter((_, m) => bits & (1 << m));
            tokens.set(`${line}:${character}`, { text: lines[line].slice(character, character + length), type: legend.tokenTypes[type], modifiers });
        }
        const token = (needle: string, offset = 0) => {
            const { line, character } = at(MAIN, needle, offset);
            return tokens.get(`${line}:${character}`);
        };
        expect(token('Shop')).toEqual({ text: 'Shop', type: 'type', modifiers: ['declaration'] });
        expect(token('eu {')).toEqual({ text: 'eu', type: 'namespace', modifiers: ['declaration'] });
        expect(token('loadbalancer')).toEqual({ text: 'loadbalancer', type: 'keyword', modifiers: [] });
        expect(token('lb {')).toEqual({ text: 'lb', type: 'class', modifiers: ['declaration'] });
        expect(token('algorithm')).toEqual({ text: 'algorithm', type: 'property', modifiers: [] });
        expect(token('least_connections')).toEqual({ text: 'least_connections', type: 'enumMember', modifiers: [] });
        expect(token('2k rps')).toEqual({ text: '2k', type: 'number', modifiers: [] });
        expect(token('https')).toEqual({ text: 'https', type: 'enumMember', modifiers: [] });
        expect(token('events\n', 0)).toEqual({ text: 'events', type: 'class', modifiers: ['declaration'] });
        expect(token('consumes events', 9)).toEqual({ text: 'events', type: 'class', modifiers: [] });
        expect(token('-> orders', 3)).toEqual({ text: 'orders', type: 'class', modifiers: [] });
    });

    it('formats idempotently and keeps comments', async () => {
        const uri = 'file:///format/messy.arch';
        const messy = 'system  S{\nservice a{replicas 2}   // keep me\n  a->a:grpc\n}\n';
        await client.open(uri, messy);
        const options = { tabSize: 2, insertSpaces: true };
        const [edit] = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
        expect(edit.newText).toBe('system S {\n  service a { replicas 2 }   // keep me\n  a -> a : grpc\n}\n');
        await client.change(uri, edit.newText);
        expect(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options })).toEqual([]);
    });
});

describe('inlay hints over stdio', () => {
    it('shows the utilisation at peak beside each capacity', async () => {
        const client = await LspClient.start();
        try {
            const uri = 'file:///hints/a.arch';
            const text = 'system S {\n  workload { rps 1k peak 3x }\n  client c\n  service api { replicas 2 capacity 2k rps latency 5ms }\n  c -> api\n}\n';
            await client.open(uri, text);
            const hints = await client.request<{ label: string; position: { line: number; character: number } }[]>('textDocument/inlayHint', {
                textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } },
            });
            // 1k rps x 3 peak over 2 x 2k rps of capacity.
            expect(hints).toEqual([expect.objectContaining({ label: '75% at peak', position: { line: 3, character: 42 } })]);
        } finally {
            await client.stop();
        }
    });
});

/** Arch v2 in the editor, over stdio: completion, hover, semantic tokens and formatting of annotations, objectives and leaders. */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Hover, SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';
import { workspace } from '../cli/run-cli.js';

const MAIN = [
    'system Feed {',
    '  workload { rps 1k }',
    '  client app',
    '  service api { idempotent on }',
    '  service fan_out',
    '  service timelines',
    '  database users { replicas 3 sync 1 failover 30s reads followers }',
    '  fan_out -> timelines [x10 read]',
    '  api -> users [5%]',
    '  flow post 10% write p99 300ms availability 99.9% : app -> api -> fan_out',
    '  scenario s { fail users leader at 10s }',
    '}',
    '',
].join('\n');

/** The position of the first `needle` in `text`, `offset` characters into it. */
function at(text: string, needle: string, offset = 0) {
    const index = text.indexOf(needle) + offset;
    if (index < offset) throw new Error(`'${needle}' not in the text`);
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('v2 language features over stdio', () => {
    let client: LspClient;
    let mainUri: string;
    beforeAll(async () => {
        const root = workspace({ 'main.arch': MAIN });
        mainUri = pathToFileURL(join(root, 'main.arch')).href;
        client = await LspClient.start(pathToFileURL(root).href);
        await client.open(mainUri, MAIN);
    });
    afterAll(async () => {
        await client.stop();
    });

    const complete = async (text: string, needle: string, offset: number): Promise<CompletionItem[]> => {
        const uri = `file:///completion/${Math.random().toString(36).slice(2)}.arch`;
        await client.open(uri, text);
        return (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(text, needle, offset) })).items;
    };
    const hover = async (needle: string, offset = 0) =>
        JSON.stringify((await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: mainUri }, position: at(MAIN, needle, offset) }))?.contents ?? null);

    it('completes the leader properties on a database, not on a service', async () => {
        const onDatabase = (await complete('system S { database d {  } }', 'd {', 4)).map((i) => i.label);
        expect(onDatabase).toEqual(expect.arrayContaining(['leader', 'failover', 'replication_lag', 'reads', 'write_capacity', 'immutable', 'keys']));
        const onService = (await complete('system S { service s {  } }', 's {', 4)).map((i) => i.label);
        expect(onService).toContain('idempotent');
        expect(onService).not.toContain('leader');
        expect(onService).not.toContain('coalesce');
    });

    it('completes the words of leader and reads', async () => {
        expect((await complete('system S { database d { leader  } }', 'leader ', 7)).map((i) => i.label)).toEqual(expect.arrayContaining(['single', 'multi', 'none']));
        expect((await complete('system S { database d { reads  } }', 'reads ', 6)).map((i) => i.label)).toEqual(expect.arrayContaining(['any', 'leader', 'followers']));
    });

    it('completes annotation items inside brackets, with docs', async () => {
        const items = await complete('system S { service a service b a -> b [] }', '[]', 1);
        const byLabel = new Map(items.map((i) => [i.label, i]));
        expect([...byLabel.keys()]).toEqual(expect.arrayContaining(['read', 'write', 'xN', 'P%']));
        expect(byLabel.get('xN')!.insertText).toBe('x${1:10}');
        expect(JSON.stringify(byLabel.get('read')!.documentation)).toContain('caches can serve it');
    });

    it('completes objectives in a flow header, with docs', async () => {
        const items = await complete('system S {\n  service a\n  flow f 10% write  : a\n}', 'write ', 6);
        const byLabel = new Map(items.map((i) => [i.label, i]));
        expect([...byLabel.keys()]).toEqual(expect.arrayContaining(['p50', 'p99', 'p999', 'availability']));
        expect(JSON.stringify(byLabel.get('availability')!.documentation)).toContain('share of the flow');
    });

    it('explains annotations, objectives, leaders and sync K on hover', async () => {
        expect(await hover('x10')).toContain('10 calls per request');
        expect(await hover('read]')).toContain('reads whatever the flow');
        expect(await hover('5%]')).toContain('5% of requests');
        expect(await hover('p99')).toContain('99% of the flow');
        expect(await hover('availability')).toContain('share of the flow');
        expect(await hover('99.9%')).toContain('0.999');
        expect(await hover('failover')).toContain('promotion is manual');
        expect(await hover('reads followers', 6)).toContain('followers only');
        expect(await hover('leader at')).toContain('only the leader of X fails');
        expect(await hover('users {')).toContain('leader + 2 followers');
    });

    it('types annotation items: counts and shares as numbers, read and write as keywords', async () => {
        const legend = client.capabilities.semanticTokensProvider!.legend;
        const { data } = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: mainUri } });
        const lines = MAIN.split('\n');
        const tokens = new Map<string, { text: string; type: string }>();
        for (let i = 0, line = 0, character = 0; i < data.length; i += 5) {
            const [dLine, dStart, length, type] = data.slice(i, i + 5);
            character = dLine === 0 ? character + dStart : dStart;
            line += dLine;
            tokens.set(`${line}:${character}`, { text: lines[line].slice(character, character + length), type: legend.tokenTypes[type] });
        }
        const token = (needle: string, offset = 0) => {
            const { line, character } = at(MAIN, needle, offset);
            return tokens.get(`${line}:${character}`);
        };
        expect(token('x10')).toEqual({ text: 'x10', type: 'number' });
        expect(token('read]')).toEqual({ text: 'read', type: 'keyword' });
        expect(token('5%]')).toEqual({ text: '5%', type: 'number' });
        expect(token('300ms')).toEqual({ text: '300ms', type: 'number' });
        expect(token('failover')).toEqual({ text: 'failover', type: 'property' });
        expect(token('followers')).toEqual({ text: 'followers', type: 'enumMember' });
    });

    it('formats annotations and objectives, idempotently', async () => {
        const uri = 'file:///format/v2.arch';
        const messy = 'system S {\nservice a\n service b\na->b[ x10,read ]\n  flow f 5%  write p99   300ms:a->b[5%]\n}\n';
        await client.open(uri, messy);
        const options = { tabSize: 2, insertSpaces: true };
        const [edit] = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
        expect(edit.newText).toBe('system S {\n  service a\n  service b\n  a -> b [x10, read]\n  flow f 5% write p99 300ms : a -> b [5%]\n}\n');
        await client.change(uri, edit.newText);
        expect(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options })).toEqual([]);
    });
});

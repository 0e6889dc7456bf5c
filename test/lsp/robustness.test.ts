/** Issue 10 over stdio: nothing freezes the server, requests right after didOpen are answered, edits are validated. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, type Hover, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';
import { tempDir } from '../support/temp-dir.js';

/** A temporary folder holding `files`, and its file URI. */
function folder(files: Record<string, string>): { root: string; uri: (path: string) => string } {
    const root = tempDir('lsp-');
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return { root, uri: (path) => pathToFileURL(join(root, path)).toString() };
}

const DEEP = `system Deep {\n client c\n ${'zone z { '.repeat(300)}service a${' }'.repeat(300)}\n c -> a\n}\n`;
const OK = 'system S {\n  client c\n  service api { replicas 2 }\n  c -> api\n}\n';

describe('a workspace with a 300-deep file', () => {
    const ws = folder({ 'deep.arch': DEEP, 'ok.arch': OK, 'lib/shared.arch': 'queue logs\n' });
    let client: LspClient;
    beforeAll(async () => {
        client = await LspClient.start(pathToFileURL(ws.root).toString());
    });
    afterAll(async () => {
        expect(await client.stop()).toBe(0);
    });

    it('gives that file one error and keeps serving every other document', async () => {
        const deep = await client.open(ws.uri('deep.arch'), DEEP);
        expect(deep.map((d) => d.code)).toEqual(['syntax']);
        expect(deep[0].message).toMatch(/deeper than 64 levels/);
        expect(await client.open(ws.uri('ok.arch'), OK)).toEqual([]);
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri('ok.arch') }, position: { line: 2, character: 12 } });
        expect(JSON.stringify(hover?.contents)).toContain('api');
    });

    it('answers a request sent right after didOpen, before the document is built', async () => {
        const uris = Array.from({ length: 20 }, (_, i) => ws.uri(`fresh${i}.arch`));
        const answers = await Promise.all(uris.map(async (uri) => {
            await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'arch', version: 1, text: OK } });
            return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
        }));
        for (const hover of answers) expect(JSON.stringify(hover?.contents)).toContain('api');
    });

    it('links diagnostics to the rule page in the repository', async () => {
        const diagnostics = await client.open(ws.uri('spof.arch'), 'system S {\n  client c\n  service a\n  c -> a\n}\n');
        expect(diagnostics.find((d) => d.code === 'spof')?.codeDescription?.href).toBe('https://github.com/archlint/archlint/blob/main/language-server/rules/spof.md');
    });
});

describe('rename and range formatting', () => {
    let client: LspClient;
    beforeAll(async () => {
        client = await LspClient.start();
    });
    afterAll(async () => {
        expect(await client.stop()).toBe(0);
    });

    it.each(['service', 'write', '9abc', 'bad name', 'a-b', ''])('refuses to rename to %j', async (newName) => {
        const uri = `file:///rename/${encodeURIComponent(newName) || 'empty'}.arch`;
        await client.open(uri, OK);
        await expect(client.request('textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 12 }, newName })).rejects.toThrow(/keyword|not a name/);
    });

    it('renames to a valid name everywhere', async () => {
        const uri = 'file:///rename/ok.arch';
        await client.open(uri, OK);
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 12 }, newName: 'gateway' });
        expect(edit.changes?.[uri].map((e) => e.range.start.line).sort()).toEqual([2, 3]);
    });

    it('range formatting changes only the lines of the range', async () => {
        const uri = 'file:///format/range.arch';
        await client.open(uri, 'system S {\nclient   c\nservice a{replicas 2}\n  c->a\n}\n');
        const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
            textDocument: { uri }, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, options: { tabSize: 2, insertSpaces: true },
        });
        expect(edits).toEqual([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 21 } }, newText: '  service a { replicas 2 }' }]);
    });
});

describe('imports in the editor', () => {
    it('reads imported files from disk, outside any open folder, and keeps them in the workspace', async () => {
        const ws = folder({ 'app/main.arch': 'import "./lib/shared.arch"\nimport "../outside.arch"\nsystem S {\n  client c\n  worker w { replicas 2 consumes logs }\n  c -> logs\n}\n', 'app/lib/shared.arch': 'queue logs { replicas 2 }\n', 'outside.arch': 'queue other\n' });
        const client = await LspClient.start(pathToFileURL(join(ws.root, 'app')).toString());
        try {
            const diagnostics = await client.open(ws.uri('app/main.arch'), 'import "./lib/shared.arch"\nimport "../outside.arch"\nsystem S {\n  client c\n  worker w { replicas 2 consumes logs }\n  c -> logs\n}\n');
            const errors = diagnostics.filter((d) => d.severity === 1);
            expect(errors.map((d) => [d.code, d.range.start.line])).toEqual([['unknown-reference', 1]]);
            expect(errors[0].message).toMatch(/^Cannot import '\.\.\/outside\.arch': '\.\.\/outside\.arch' is outside the workspace \(.*\); imports stay inside it unless allowed/);
        } finally {
            await client.stop();
        }
        const loose = await LspClient.start();
        try {
            const diagnostics = await loose.open(ws.uri('app/main.arch'), 'import "./lib/shared.arch"\nsystem S {\n  client c\n  worker w { replicas 2 consumes logs }\n  c -> logs\n}\n');
            expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
        } finally {
            await loose.stop();
        }
    });

    it('may leave the workspace with the setting', async () => {
        const ws = folder({ 'app/main.arch': '', 'outside.arch': 'queue other { replicas 2 }\n' });
        const client = await LspClient.start(pathToFileURL(join(ws.root, 'app')).toString(), { archlint: { imports: { allowOutsideWorkspace: true } } });
        try {
            const text = 'import "../outside.arch"\nsystem S {\n  client c\n  worker w { replicas 2 consumes other }\n  c -> other\n}\n';
            const first = await client.open(ws.uri('app/main.arch'), text);
            // The setting may arrive just after the first build; wait for the revalidation it causes.
            const diagnostics = first.some((d) => d.severity === 1) ? await client.nextDiagnostics(ws.uri('app/main.arch')) : first;
            expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
        } finally {
            await client.stop();
        }
    });
});

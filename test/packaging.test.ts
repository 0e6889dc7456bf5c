/**
 * The .vsix ships the extension, the language server it starts and their workers, and not the
 * CLI's bundle or code cache; the packaged server bundle answers over stdio.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LspClient } from './lsp/lsp-client.js';

const SERVER = fileURLToPath(new URL('../dist/server.cjs', import.meta.url));

describe('the VS Code package', () => {
    it('holds the extension, the server, the workers and the webviews, and nothing of the CLI', () => {
        const listed = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' });
        expect(listed.status).toBe(0);
        const dist = listed.stdout.split('\n').filter((file) => file.startsWith('dist/')).sort();
        expect(dist).toEqual([
            'dist/elk.bundled.cjs', 'dist/extension.cjs', 'dist/server.cjs', 'dist/simulation-worker.cjs',
            'dist/webview/diagram-view.js', 'dist/webview/simulation-view.js',
        ]);
    }, 120_000);

    it('has a server bundle that answers over stdio and validates', async () => {
        const client = await LspClient.start(null, undefined, [SERVER, '--stdio']);
        try {
            const diagnostics = await client.open('file:///packaged/a.arch', 'system S {\n  service a\n  a -> ghost\n}\n');
            expect(diagnostics.map((d) => d.code)).toContain('unknown-reference');
        } finally {
            await client.stop();
        }
    });
});

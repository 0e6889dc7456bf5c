import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client.js';
import { workspace } from '../cli/run-cli.js';

const TEXT = 'system S {\n  service a { hit_ratio 0.5 }\n}\n';
const severityOf = (diagnostics: { code?: unknown; severity?: number }[]) => diagnostics.find((d) => d.code === 'unknown-property')?.severity;

describe('editor settings over stdio', () => {
    it('reads archlint.rules at start and follows changes', async () => {
        const client = await LspClient.start(null, { archlint: { rules: { 'unknown-property': 'warning' } } });
        try {
            const uri = 'file:///settings/a.arch';
            await client.open(uri, TEXT);
            // The settings may arrive just after the first build; wait for the revalidation they cause.
            const diagnostics = severityOf(client.latestDiagnostics(uri)) === 2 ? client.latestDiagnostics(uri) : await client.nextDiagnostics(uri);
            expect(severityOf(diagnostics)).toBe(2);
            const next = client.nextDiagnostics(uri);
            await client.changeSettings({ archlint: { rules: { 'unknown-property': 'off' } } });
            expect(severityOf(await next)).toBeUndefined();
        } finally {
            await client.stop();
        }
    });

    it('lets archlint.config.json win over the settings', async () => {
        const root = workspace({ 'archlint.config.json': JSON.stringify({ rules: { 'unknown-property': 'info' } }), 'a.arch': TEXT });
        const client = await LspClient.start(pathToFileURL(root).href, { archlint: { rules: { 'unknown-property': 'off' } } });
        try {
            const uri = pathToFileURL(join(root, 'a.arch')).href;
            const first = await client.open(uri, TEXT);
            const diagnostics = severityOf(first) === 3 ? first : await client.nextDiagnostics(uri);
            expect(severityOf(diagnostics)).toBe(3);
        } finally {
            await client.stop();
        }
    });
});

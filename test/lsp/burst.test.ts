import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

/** A small model whose one unknown reference names the edit that wrote it. */
const text = (edit: number) => `system S {\n  service a { hit_ratio 0.5 }\n  a -> ghost_${edit}\n}\n`;
const editOf = (d: Diagnostic) => /'ghost_(\d+)'/.exec(d.message)?.[1];

/** Waits for diagnostics of `uri` that satisfy `done` (each wait has the client's own timeout). */
async function diagnosticsUntil(client: LspClient, uri: string, done: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    let latest = client.latestDiagnostics(uri);
    while (!done(latest)) latest = await client.nextDiagnostics(uri);
    return latest;
}

describe('bursts of edits over stdio', () => {
    it('validates the last version of a burst, not every version in between', async () => {
        const client = await LspClient.start();
        try {
            const uri = 'file:///burst/a.arch';
            await client.open(uri, text(0));
            const edits = 200;
            const written: Promise<void>[] = [];
            for (let edit = 1; edit <= edits; edit++) written.push(client.edit(uri, text(edit)));
            await Promise.all(written);
            await diagnosticsUntil(client, uri, (d) => d.some((x) => editOf(x) === String(edits)));
            // Each of these small versions validates in a few milliseconds: a server that built
            // every edit in turn published nearly all of them.
            const validated = new Set(client.published.filter((p) => p.uri === uri).flatMap((p) => p.diagnostics.map(editOf)));
            validated.delete('0');
            expect(validated.size).toBeLessThan(edits / 10);
        } finally {
            await client.stop();
        }
    });

    it('publishes each diagnostic once when settings change between edits', async () => {
        const client = await LspClient.start(null, { archlint: { rules: {} } });
        try {
            const uri = 'file:///burst/b.arch';
            await client.open(uri, text(0));
            const rounds = 20;
            for (let edit = 1; edit <= rounds; edit++) {
                void client.edit(uri, text(edit));
                void client.changeSettings({ archlint: { rules: { 'unknown-property': edit % 2 ? 'warning' : 'info' } } });
            }
            const last = await diagnosticsUntil(client, uri, (d) => d.some((x) => editOf(x) === String(rounds)) && d.some((x) => x.code === 'unknown-property' && x.severity === 3));
            expect(last.filter((d) => d.code === 'unknown-property')).toHaveLength(1);
            for (const { diagnostics } of client.published) {
                const keys = diagnostics.map((d) => JSON.stringify([d.code, d.range, d.message]));
                expect(new Set(keys).size).toBe(keys.length);
            }
        } finally {
            await client.stop();
        }
    });
});

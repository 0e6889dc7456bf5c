/** Editor latency: LSP didChange -> publishDiagnostics on a 1k-line file, over stdio. */
import { LspClient } from '../test/lsp/lsp-client.js';
import { generateSystem } from './generate.js';
import { measure, type BenchRow } from './common.js';

/** Median time from an edit to its diagnostics, each edit a new component name. */
export async function bench(): Promise<BenchRow[]> {
    const client = await LspClient.start();
    try {
        const base = generateSystem('Edited', 115);
        const lines = base.split('\n').length;
        const uri = 'file:///bench/edited.arch';
        await client.open(uri, base);
        let edit = 0;
        const result = await measure(() => client.change(uri, base.replace('service_0 "Component 0"', `service_0 "Component ${++edit}"`)), { warmup: 5, runs: 31 });
        return [{ name: `keystroke to diagnostics, ${lines}-line file (LSP over stdio)`, ...result, bar: '≤ 50 ms (quality.md)' }];
    } finally {
        await client.stop();
    }
}

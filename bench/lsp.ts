/**
 * Editor figures over stdio: keystroke -> diagnostics latency on a 1k-line file, and the
 * server's memory on a 10k-line workspace before and after a long run of edits.
 */
import { readFileSync } from 'node:fs';
import { LspClient } from '../test/lsp/lsp-client.js';
import { generateSystem, generateWorkspace } from './generate.js';
import { measure, type BenchRow } from './common.js';

/** Resident memory of a process in MB (Linux). */
function rssMb(pid: number | undefined): number {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Median time from an edit to its diagnostics, and memory over many edits. */
export async function bench(): Promise<BenchRow[]> {
    const client = await LspClient.start();
    try {
        const base = generateSystem('Edited', 115);
        const lines = base.split('\n').length;
        const uri = 'file:///bench/edited.arch';
        await client.open(uri, base);
        let edit = 0;
        const nextEdit = () => client.change(uri, base.replace('service_0 "Component 0"', `service_0 "Component ${++edit}"`));
        const latency = await measure(nextEdit, { warmup: 5, runs: 31 });

        const files = generateWorkspace(10_000);
        for (const [i, file] of files.entries()) await client.open(`file:///bench/ws/${i}-${file.name}`, file.text);
        const before = rssMb(client.process.pid);
        const edits = 2000;
        for (let i = 0; i < edits; i++) await nextEdit();
        const after = rssMb(client.process.pid);
        // V8 returns memory when the process idles, as it does between a person's keystrokes.
        await new Promise((resolve) => setTimeout(resolve, 15_000));
        const idle = rssMb(client.process.pid);
        return [
            { name: `keystroke to diagnostics, ${lines}-line file (LSP over stdio)`, ...latency, bar: '≤ 50 ms (quality.md)' },
            {
                name: `server memory with a 10k-line workspace open, then after ${edits} more edits`, medianMs: NaN, runs: 1,
                bar: '≤ 200 MB RSS and flat (quality.md)', note: `RSS ${before.toFixed(0)} MB -> ${after.toFixed(0)} MB right after the burst, ${idle.toFixed(0)} MB after 15 s idle`,
            },
        ];
    } finally {
        await client.stop();
    }
}

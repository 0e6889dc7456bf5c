/**
 * Editor figures over stdio: keystroke -> diagnostics latency on a 1k-line file, the first
 * reply and the last version's diagnostics after a burst of full-text edits of that file, and
 * the server's memory on a 10k-line workspace before and after a long run of edits, one by one
 * and then in a burst, with its peak.
 */
import { readFileSync } from 'node:fs';
import { LspClient } from '../test/lsp/lsp-client.js';
import { generateSystem, generateWorkspace } from './generate.js';
import { measure, type BenchRow } from './common.js';

/** Resident memory of a process in MB (Linux), now or at its peak (`VmHWM`). */
function rssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * Writes `edits` versions of `uri` back to back, then asks for its symbols: the time from the
 * last write to the reply, and to the diagnostics of the last version (each version's text
 * refers to a component named after its edit, so its unknown-reference error tells it apart).
 */
async function editBurst(client: LspClient, uri: string, text: (edit: number) => string, edits: number): Promise<{ edits: number; replyMs: number; diagnosticsMs: number }> {
    const written: Promise<void>[] = [];
    for (let edit = 1; edit <= edits; edit++) written.push(client.edit(uri, text(edit)));
    const reply = client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await Promise.all(written);
    const start = performance.now();
    await reply;
    const replyMs = performance.now() - start;
    const isLast = () => client.latestDiagnostics(uri).some((d) => d.message.includes(`'ghost_${edits}'`));
    while (!isLast()) await client.nextDiagnostics(uri);
    return { edits, replyMs, diagnosticsMs: performance.now() - start };
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
        const burst = await editBurst(client, uri, (n) => base.replace('users -> lb0', `users -> ghost_${n}`), 500);

        const files = generateWorkspace(10_000);
        for (const [i, file] of files.entries()) await client.open(`file:///bench/ws/${i}-${file.name}`, file.text);
        const before = rssMb(client.process.pid);
        const edits = 2000;
        for (let i = 0; i < edits; i++) await nextEdit();
        const after = rssMb(client.process.pid);
        const secondBurst = await editBurst(client, uri, (n) => base.replace('users -> lb0', `users -> ghost_${n}`), edits);
        const afterBurst = rssMb(client.process.pid);
        const peak = rssMb(client.process.pid, 'VmHWM');
        // V8 returns memory when the process idles, as it does between a person's keystrokes.
        await new Promise((resolve) => setTimeout(resolve, 15_000));
        const idle = rssMb(client.process.pid);
        return [
            { name: `keystroke to diagnostics, ${lines}-line file (LSP over stdio)`, medianMs: latency.medianMs, runs: latency.runs, bar: '≤ 50 ms (quality.md)' },
            {
                name: `first reply after a burst of ${burst.edits} full-text edits of that file (after the last edit is written)`, medianMs: burst.replyMs, runs: 1,
                bar: '≤ 2x one validation (quality.md)', note: `${(burst.replyMs / latency.medianMs).toFixed(1)}x one validation; the last version's diagnostics ${burst.diagnosticsMs.toFixed(0)} ms (${(burst.diagnosticsMs / latency.medianMs).toFixed(1)}x)`,
            },
            {
                name: `server memory with a 10k-line workspace open, then after ${edits} edits one by one and a burst of ${edits}`, medianMs: NaN, runs: 1,
                bar: '≤ 200 MB RSS and flat (quality.md)',
                note: `RSS ${before.toFixed(0)} MB -> ${after.toFixed(0)} MB after the edits one by one -> ${afterBurst.toFixed(0)} MB after the burst (its last diagnostics in ${secondBurst.diagnosticsMs.toFixed(0)} ms), peak ${peak.toFixed(0)} MB, ${idle.toFixed(0)} MB after 15 s idle`,
            },
        ];
    } finally {
        await client.stop();
    }
}

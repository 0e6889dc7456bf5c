/**
 * Issue 10's fuzz over every entry point: generated nested, garbled and huge inputs through
 * `check` (and `--fix`), `simulate`, `render` and the language server's requests. None may throw,
 * print a stack or "internal error", hang (every run ends within the test's time), or change a
 * file other than the one `--fix` was asked to fix.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/run-command.js';
import { runCheck } from '../../cli/commands/check.js';
import { runSimulate } from '../../cli/commands/simulate.js';
import { runRender } from '../../cli/commands/render.js';
import type { CommandIO } from '../../cli/io.js';
import { LspClient } from '../lsp/lsp-client.js';
import { tempDir } from '../support/temp-dir.js';

const SAMPLE = readFileSync(new URL('../../samples/chat.arch', import.meta.url), 'utf8');

/** Zones, flow groups or flow steps nested `depth` deep. */
const nested = fc.tuple(fc.constantFrom('zones', 'forks', 'steps'), fc.integer({ min: 1, max: 400 })).map(([kind, depth]) => {
    if (kind === 'zones') return `system S {\n client c\n ${Array.from({ length: depth }, (_, i) => `zone z${i} { `).join('')}service a${' }'.repeat(depth)}\n c -> a\n}\n`;
    if (kind === 'forks') return `system S {\n client c service a service b\n flow f : c -> ${'{ a -> '.repeat(depth)}b${' }'.repeat(depth)}\n}\n`;
    const names = Array.from({ length: depth }, (_, i) => `s${i}`);
    return `system S {\n client c ${names.map((n) => `service ${n}`).join(' ')}\n flow f : c -> ${names.join(' -> ')}\n}\n`;
});

/** A real model with characters deleted, duplicated or replaced (control characters, braces and line breaks among them). */
const garbled = fc.array(fc.tuple(fc.nat(SAMPLE.length), fc.constantFrom('delete', 'duplicate', 'replace'), fc.constantFrom('{', '}', '\r', '\n', '\u001b', '\u0000', '\uFEFF', '"', ' ', 'x', '9', '->', ':')), { maxLength: 8 })
    .map((edits) => edits.reduce((text, [at, op, piece]) => {
        const i = at % Math.max(1, text.length);
        if (op === 'delete') return text.slice(0, i) + text.slice(i + 12);
        if (op === 'duplicate') return text.slice(0, i) + text.slice(i, i + 40) + text.slice(i);
        return text.slice(0, i) + piece + text.slice(i + 1);
    }, SAMPLE));

/** Line endings of any kind. */
const lineEndings = fc.tuple(garbled, fc.constantFrom('\r\n', '\r', '\n')).map(([text, eol]) => text.replace(/\r\n|\r|\n/g, eol));

/** A model of about `megabytes` MB: 1 is read (slowly), 3 is over the limit and refused with one error. */
const big = (megabytes: number) => `system Big {\n  client c\n${Array.from({ length: Math.ceil((megabytes * 1024 * 1024) / 50) }, (_, i) => `  service s${i} { replicas 2 capacity 1k rps }\n`).join('')}  c -> s0\n}\n`;
const huge = fc.constant(null).map(() => big(3));

const anyInput = fc.oneof({ weight: 3, arbitrary: nested }, { weight: 4, arbitrary: garbled }, { weight: 2, arbitrary: lineEndings }, { weight: 1, arbitrary: huge });

/** An IO that records what a command prints. */
function recorder(): CommandIO & { out: string; err: string } {
    const io = { out: '', err: '', isTTY: false, color: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
    return io;
}

/** Every file of a folder with the hash of its content. */
function snapshot(dir: string): Record<string, string> {
    return Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

function expectClean(code: number, err: string): void {
    expect([0, 1, 2]).toContain(code);
    expect(err).not.toMatch(/internal error|\n\s+at |Maximum call stack/);
    if (code === 2) expect(err.trimEnd().split('\n')).toHaveLength(1);
}

describe('every command survives generated input', () => {
    it('check, check --fix, simulate and render: an exit code, one line at most on failure, and no file changed but the one fixed', async () => {
        const dir = tempDir('fuzz-');
        writeFileSync(join(dir, 'bystander.arch'), SAMPLE);
        await fc.assert(fc.asyncProperty(anyInput, async (text) => {
            const file = join(dir, 'input.arch');
            writeFileSync(file, text);
            const before = snapshot(dir);
            const runs: Array<[string, (io: CommandIO) => Promise<0 | 1 | 2>]> = [
                ['check', (io) => runCheck([file], { format: 'stylish', failOn: 'error', fix: false, quiet: false }, io, '0')],
                ['simulate', (io) => runSimulate(file, { format: 'json', analytic: true }, io)],
                // A short run: a garbled digit can multiply the load a hundredfold, and this test is about robustness, not throughput.
                ['simulate', (io) => runSimulate(file, { format: 'json', duration: '100ms' }, io)],
                ['render', (io) => runRender(file, { direction: 'right', theme: 'light', json: true }, io)],
            ];
            for (const [command, action] of runs) {
                const io = recorder();
                expectClean(await runCommand(command, action, io), io.err);
                expect(snapshot(dir)).toEqual(before);
            }
            const io = recorder();
            expectClean(await runCommand('check', (o) => runCheck([file], { format: 'json', failOn: 'error', fix: true, quiet: false }, o, '0'), io), io.err);
            const after = snapshot(dir);
            expect({ ...after, 'input.arch': before['input.arch'] }).toEqual(before);
        }), { numRuns: 12 });
    }, 300_000);

    it('a 1 MB model is checked, and the server answers on it', async () => {
        const dir = tempDir('fuzz-big-');
        const file = join(dir, 'big.arch');
        writeFileSync(file, big(1));
        const io = recorder();
        expect(await runCommand('check', (o) => runCheck([file], { format: 'json', failOn: 'error', fix: false, quiet: false }, o, '0'), io)).toBe(0);
        expect(JSON.parse(io.out).files[0].diagnostics.filter((d: { rule: string }) => d.rule !== 'unreachable')).toEqual([]);
    }, 120_000);
});

describe('the language server survives generated input', () => {
    let client: LspClient;
    beforeAll(async () => {
        client = await LspClient.start();
    });
    afterAll(async () => {
        expect(await client.stop()).toBe(0);
    });

    it('answers every request on every document, and keeps serving', async () => {
        let n = 0;
        await fc.assert(fc.asyncProperty(anyInput, fc.nat(), async (text, seed) => {
            const uri = `file:///fuzz/doc${n++}.arch`;
            await client.open(uri, text);
            const lines = text.split(/\r\n|\r|\n/);
            const line = seed % lines.length;
            const position = { line, character: (seed >> 4) % Math.max(1, lines[line].length + 1) };
            const textDocument = { uri };
            const requests: Array<[string, unknown]> = [
                ['textDocument/hover', { textDocument, position }],
                ['textDocument/completion', { textDocument, position }],
                ['textDocument/documentSymbol', { textDocument }],
                ['textDocument/definition', { textDocument, position }],
                ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
                ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
                ['textDocument/rangeFormatting', { textDocument, range: { start: position, end: position }, options: { tabSize: 2, insertSpaces: true } }],
                ['textDocument/semanticTokens/full', { textDocument }],
                ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: client.latestDiagnostics(uri) } }],
                ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }],
                ['textDocument/codeLens', { textDocument }],
                ['archlint/scenarios', { textDocument }],
                ['archlint/diagram', { textDocument, direction: 'right', theme: 'light' }],
                ['archlint/simulate', { textDocument, durationS: 1, runId: uri }],
            ];
            for (const [method, params] of requests) await client.request(method, params);
        }), { numRuns: 20 });
        expect(await client.open('file:///fuzz/after.arch', 'system S { client c service a { replicas 2 } c -> a }')).toEqual([]);
    }, 300_000);
});

describe('a workspace folder of generated files loads', () => {
    it('the server starts on a folder of hostile files and serves a clean one', async () => {
        const dir = tempDir('fuzz-ws-');
        fc.sample(anyInput, { numRuns: 8, seed: 42 }).forEach((text, i) => writeFileSync(join(dir, `f${i}.arch`), text));
        const server = await LspClient.start(pathToFileURL(dir).toString());
        try {
            const uri = pathToFileURL(join(dir, 'clean.arch')).toString();
            expect(await server.open(uri, 'system S { client c service a { replicas 2 } c -> a }')).toEqual([]);
        } finally {
            expect(await server.stop()).toBe(0);
        }
    }, 120_000);
});

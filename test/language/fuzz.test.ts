import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { parse } from '../helpers.js';
import { RULES } from '../../language-server/rules/registry.js';
import { toElkGraph } from '../../language-server/diagram/elk-graph.js';
import type { ArchModel } from '../../language-server/model/types.js';

const KNOWN = new Set(RULES.map((r) => r.id).filter((id) => id !== 'internal-error'));

/** What every diagnostic on any text must be: a known rule id (never internal-error), on a range inside the text. */
function expectWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
    const lines = text.split(/\r\n|\r|\n/);
    for (const { code, range: { start, end } } of diagnostics) {
        expect(KNOWN.has(String(code)), `rule id ${code}`).toBe(true);
        expect(start.line < end.line || (start.line === end.line && start.character <= end.character), 'the range starts before it ends').toBe(true);
        expect(end.line, 'the range ends on a line of the text').toBeLessThan(lines.length);
        expect(end.character, 'the range ends within its line').toBeLessThanOrEqual(lines[end.line].length);
    }
}

const WORDS = [
    'system', 'zone', 'workload', 'flow', 'scenario', 'import', 'client', 'service', 'cache', 'database', 'queue',
    'loadbalancer', 'replicas', 'capacity', 'latency', 'partition', 'hash(k)', 'shards', 'consistent', 'vnodes',
    'health_check', 'every', 'fail', 'at', 'for', 'a', 'b', 'c', '->', ':', '{', '}', '[', ']', ',', '(', ')',
    '"t"', '3', '20k', '4ms', '95%', '3x', '1e15', 'rps', 'items', 'async', 'read', 'write', '//', '/*', '*/', '\n',
];

/** Text shaped like the grammar: keywords, names, numbers and punctuation in random order. */
const grammarShaped = fc.array(fc.constantFrom(...WORDS), { maxLength: 80 }).map((words) => words.join(' '));

/** A valid model with characters deleted, duplicated or replaced. */
const BASE = 'system S { workload { rps 20k peak 3x keys 1M zipf 1.1 } service a { replicas 2 capacity 1k rps latency 2ms } database d { partition hash(k) shards 4 consistent vnodes 8 } a -> d : grpc flow f 50% read : a -> d scenario s { fail a at 1s for 2s } }';
const garbled = fc.array(fc.tuple(fc.nat(BASE.length), fc.constantFrom('delete', 'duplicate', 'replace'), fc.string({ minLength: 1, maxLength: 1 })), { maxLength: 6 })
    .map((edits) => edits.reduce((text, [at, op, ch]) => {
        const i = at % Math.max(1, text.length);
        if (op === 'delete') return text.slice(0, i) + text.slice(i + 1);
        if (op === 'duplicate') return text.slice(0, i) + text.slice(i, i + 5) + text.slice(i);
        return text.slice(0, i) + ch + text.slice(i + 1);
    }, BASE));

/** What the model of any text must be: every component and zone named, and a diagram graph built from it. */
function expectWellNamedModels(models: readonly ArchModel[]): void {
    for (const model of models) {
        const names = [...model.components.keys(), ...model.zones.keys(), ...model.rootZones, ...[...model.components.values()].flatMap((c) => c.zones)];
        for (const name of names) expect(typeof name === 'string' && name.length > 0, `name ${String(name)}`).toBe(true);
        expect(() => toElkGraph(model, { direction: 'right' })).not.toThrow();
    }
}

describe('arbitrary text never makes parse, link or validate throw or hang', () => {
    it('grammar-shaped text', async () => {
        await fc.assert(fc.asyncProperty(grammarShaped, async (text) => {
            expectWellFormed(text, (await parse(text)).diagnostics);
        }), { numRuns: 300 });
    });

    it('garbled valid models', async () => {
        await fc.assert(fc.asyncProperty(garbled, async (text) => {
            expectWellFormed(text, (await parse(text)).diagnostics);
        }), { numRuns: 300 });
    });

    it('the model of any text names every component and zone, and draws', async () => {
        await fc.assert(fc.asyncProperty(fc.oneof(grammarShaped, garbled), async (text) => {
            expectWellNamedModels((await parse(text)).models);
        }), { numRuns: 400 });
        expectWellNamedModels((await parse('system S { zone { service a } zone } b { service c } }')).models);
    });

    it('any unicode text', async () => {
        await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
            expectWellFormed(text, (await parse(text)).diagnostics);
        }), { numRuns: 200 });
    });

    it('deep nesting, self-loops, cyclic flows and absurd numbers', async () => {
        const deep = `system S { ${Array.from({ length: 200 }, (_, i) => `zone z${i} { `).join('')}service a${' }'.repeat(200)} }`;
        const cyclic = 'system S { workload { rps 1e15 keys 1e300 zipf 9 } service a { replicas 1e6 capacity 1e15 rps } service b a -> a a -> b -> a flow f : a -> b -> a -> b }';
        for (const text of [deep, cyclic]) {
            expectWellFormed(text, (await parse(text)).diagnostics);
        }
    });
});

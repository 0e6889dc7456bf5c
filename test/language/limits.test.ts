/** Issue 10, part 2: any depth or size gives results or one clear error; a byte order mark moves no column. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../helpers.js';
import { buildFiles, createNodeArchServices } from '../../language-server/workspace.js';
import { MAX_FILE_BYTES, MAX_NESTING } from '../../language-server/limits.js';
import { tempDir } from '../support/temp-dir.js';

const zones = (depth: number) => `system S {\n client c\n ${Array.from({ length: depth }, (_, i) => `zone z${i} { `).join('')}service a${' }'.repeat(depth)}\n c -> a\n}`;
const forks = (depth: number) => `system S {\n client c service a service b\n flow f : c -> ${'{ a -> '.repeat(depth)}b${' }'.repeat(depth)}\n}`;
const chain = (steps: number) => `system S {\n client c\n ${Array.from({ length: steps }, (_, i) => `service s${i}`).join(' ')}\n flow f : c -> ${Array.from({ length: steps }, (_, i) => `s${i}`).join(' -> ')}\n}`;

describe('nesting', () => {
    it.each([['zones', zones], ['flow groups', forks], ['flow steps', chain]])('300 nested %s give one error naming the limit', async (_what, text) => {
        const { diagnostics, models } = await parse(text(300));
        expect(diagnostics.map((d) => d.code)).toEqual(['syntax']);
        expect(diagnostics[0].message).toContain(`deeper than ${MAX_NESTING} levels`);
        expect(models).toEqual([]);
    });

    it('nesting up to the limit gives the model', async () => {
        const { diagnostics, models } = await parse(zones(MAX_NESTING - 2));
        expect(diagnostics.filter((d) => d.code === 'syntax')).toEqual([]);
        expect(models[0].zones.size).toBe(MAX_NESTING - 2);
        const flows = await parse(chain(MAX_NESTING - 2));
        expect(flows.diagnostics.filter((d) => d.code === 'syntax')).toEqual([]);
        expect(flows.models[0].flows[0].hops).toHaveLength(MAX_NESTING - 2);
    });

    it('a long connection chain is flat, not nested', async () => {
        const names = Array.from({ length: 500 }, (_, i) => `s${i}`);
        const { diagnostics } = await parse(`system S { ${names.map((n) => `service ${n}`).join(' ')}\n ${names.join(' -> ')} }`);
        expect(diagnostics.filter((d) => d.code === 'syntax')).toEqual([]);
    });
});

describe('size', () => {
    it('a text over the size limit gives one error naming the limit, at the start', async () => {
        const text = `system S {\n${'  service a\n'.repeat(Math.ceil(MAX_FILE_BYTES / 12) + 10)}}`;
        const { diagnostics } = await parse(text);
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatchObject({ code: 'syntax', range: { start: { line: 0, character: 0 } } });
        expect(diagnostics[0].message).toMatch(/reads files up to 2\.0 MB/);
    });
});

describe('byte order mark', () => {
    it('does not shift the columns of line 1', async () => {
        const dir = tempDir('bom-');
        writeFileSync(join(dir, 'bom.arch'), '\uFEFFsystem S { servce a }\n');
        const [built] = await buildFiles(createNodeArchServices({ root: dir }), [join(dir, 'bom.arch')]);
        expect(built.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['syntax', 0, 11]]);
    });
});

/** `archlint render`: SVG, PNG and JSON output, badges from diagnostics, and its exit-2 cases. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRender, type RenderOptions } from '../../cli/commands/render.js';
import { runCommand } from '../../cli/run-command.js';
import type { DiagramLayout } from '../../language-server/diagram/types.js';
import { tempDir } from '../support/temp-dir.js';

const SAMPLE = new URL('../../samples/url-shortener.arch', import.meta.url).pathname;
const dir = tempDir('render-');

async function render(file: string, options: Partial<RenderOptions> = {}) {
    const out = { stdout: '', stderr: '' };
    const io = { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), isTTY: false, color: false };
    const code = await runCommand('render', (o) => runRender(file, { theme: 'light', ...options }, o), io);
    return { code, ...out };
}

describe('archlint render', () => {
    it('writes an SVG with every component, imported ones included', async () => {
        const output = join(dir, 'tiny.svg');
        const { code, stderr } = await render(SAMPLE, { output });
        expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
        const svg = readFileSync(output, 'utf8');
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        for (const name of ['browser', 'edge_a', 'api_a', 'edge_b', 'api_b', 'url_cache', 'urls', 'clicks', 'clicks_dlq', 'stats', 'telemetry']) {
            expect(svg).toContain(`data-component="${name}"`);
        }
        expect(svg).toContain('class="archlint-diagram theme-light"');
    });

    it('writes a PNG', async () => {
        const output = join(dir, 'tiny.png');
        expect((await render(SAMPLE, { output, theme: 'dark' })).code).toBe(0);
        const png = readFileSync(output);
        expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
        expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // width at 2x
    });

    it('prints the laid-out graph as JSON', async () => {
        const { code, stdout } = await render(SAMPLE, { json: true, direction: 'down' });
        expect(code).toBe(0);
        const layout = JSON.parse(stdout) as DiagramLayout;
        expect(layout).toMatchObject({ system: 'TinyURL', direction: 'down', engine: 'elk' });
        expect(layout.nodes.find((n) => n.name === 'urls')).toMatchObject({ kind: 'database', shards: 32, replicas: 3 });
    });

    it('badges the components that errors and warnings name, and picks a system by name', async () => {
        const file = join(dir, 'two.arch');
        writeFileSync(file, 'system S {\n  service api { latency 3 rps }\n  database db\n  api -> db\n}\nsystem T { service x }\n');
        const { code, stdout } = await render(file, { system: 'S' });
        expect(code).toBe(0);
        expect(stdout).toMatch(/data-component="api"[^]*?<g class="al-finding error" data-severity="error"><title>error \[bad-unit\]/);
        const other = await render(file, { system: 'T' });
        expect(other.stdout).toContain('data-component="x"');
        expect(other.stdout).not.toContain('data-component="api"');
    });

    it('overlays a simulation run: utilisation, cache hit rate and shard load', async () => {
        const { code, stdout } = await render(SAMPLE, { overlay: 'simulation' });
        expect(code).toBe(0);
        expect(stdout).toMatch(/data-component="api_a"[^]*?util \d+%[^]*?class="al-utilisation"/);
        expect(stdout).toMatch(/data-component="url_cache"[^]*?hit \d+%/);
        expect(stdout).toMatch(/data-component="urls"[^]*?data-shards="32"/);
    });

    it('exits 2 with one line on an unknown system or an unreadable file', async () => {
        const unknown = await render(SAMPLE, { system: 'Nope' });
        expect(unknown).toMatchObject({ code: 2, stdout: '' });
        expect(unknown.stderr).toMatch(/^archlint render: no system 'Nope' in .* \(it has: TinyURL\)\n$/);
        const missing = await render(join(dir, 'missing.arch'));
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/^archlint render: cannot read .*missing\.arch: no such file\n$/);
    });

    it('draws a legend under the picture unless asked not to', async () => {
        const withLegend = await render(SAMPLE);
        expect(withLegend.stdout).toContain('<g class="al-legend">');
        expect((await render(SAMPLE, { legend: false })).stdout).not.toContain('<g class="al-legend">');
    });

    it('keeps a PNG small whatever the titles say (issue 10: a 100k-character title once took 6 GB)', async () => {
        const file = join(dir, 'huge.arch');
        writeFileSync(file, `system Huge "${'W'.repeat(100_000)}" {\n  service api "${'M'.repeat(100_000)}"\n}\n`);
        const output = join(dir, 'huge.png');
        expect((await render(file, { output })).code).toBe(0);
        const png = readFileSync(output);
        const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
        expect(width * height).toBeLessThan(4_000_000);
    });

    it('takes --direction auto|right|down, --detail and --no-legend on the command line', () => {
        const bin = new URL('../../bin/archlint.js', import.meta.url).pathname;
        const out = execFileSync(process.execPath, [bin, 'render', SAMPLE, '--json', '--direction', 'auto', '--detail', 'compact', '--no-legend'], { encoding: 'utf8' });
        expect(JSON.parse(out)).toMatchObject({ system: 'TinyURL', detail: 'compact' });
        const svg = execFileSync(process.execPath, [bin, 'render', SAMPLE, '--direction', 'down', '--no-legend'], { encoding: 'utf8' });
        expect(svg).toContain('data-direction="down"');
        expect(svg).not.toContain('<g class="al-legend">');
    });

    it('writes a PNG from the built CLI, which starts from its code cache', () => {
        const bin = new URL('../../bin/archlint.js', import.meta.url).pathname;
        const output = join(dir, 'cached.png');
        const run = spawnSync(process.execPath, [bin, 'render', SAMPLE, '-o', output], { encoding: 'utf8', env: { ...process.env, ARCHLINT_DEBUG_CODE_CACHE: '1' } });
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: 'code cache: used\n' });
        expect(readFileSync(output).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    });
});

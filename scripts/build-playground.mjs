// Builds the browser playground into one static folder (default dist/playground/, or the folder
// given): the page with Monaco, the language server, ELK and the simulator in Web Workers, the
// VS Code extension's diagram and simulation views in frames, and every .arch file under
// samples/ at build time. Nothing is fetched from elsewhere at run time.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = process.argv[2] ?? 'dist/playground';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Every .arch file under samples/, by path relative to it ('/'-separated). */
function samples(dir = 'samples') {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return samples(path);
        return entry.name.endsWith('.arch') ? [[relative('samples', path).split(sep).join('/'), readFileSync(path, 'utf8')]] : [];
    });
}

/** `archlint:samples`: the samples as a module, read when the playground is built. */
const samplesModule = {
    name: 'archlint-samples',
    setup(b) {
        b.onResolve({ filter: /^archlint:samples$/ }, () => ({ path: 'samples', namespace: 'archlint-samples' }));
        b.onLoad({ filter: /.*/, namespace: 'archlint-samples' }, () => ({
            contents: `export default ${JSON.stringify(Object.fromEntries(samples().sort(([a], [b]) => a.localeCompare(b))))};`, loader: 'js', watchDirs: ['samples'],
        }));
    },
};

const browser = {
    bundle: true, minify: true, logLevel: 'warning', platform: 'browser', target: 'es2022', format: 'iife', plugins: [samplesModule],
    alias: {
        // jsonc-parser's main build is UMD, whose inner require() calls esbuild cannot follow.
        'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
        // Monaco's LSP client ships inside monaco-editor, outside its package exports.
        'monaco-lsp-client': './node_modules/monaco-editor/esm/external/monaco-lsp-client/out/index.js',
    },
};

await Promise.all([
    build({ ...browser, format: 'esm', entryPoints: { playground: 'playground/src/main.ts' }, outdir: out, loader: { '.ttf': 'file' }, assetNames: '[name]-[hash]' }),
    build({ ...browser, entryPoints: { boot: 'playground/src/boot.ts' }, outdir: out }),
    build({ ...browser, entryPoints: { 'editor.worker': 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js' }, outdir: out }),
    build({ ...browser, entryPoints: { 'language-server': 'playground/workers/language-server.ts' }, outdir: out }),
    build({ ...browser, entryPoints: { 'elk-worker': 'playground/workers/elk.ts' }, outdir: out }),
    build({ ...browser, entryPoints: { 'simulation-worker': 'playground/workers/simulation.ts' }, outdir: out }),
    build({ ...browser, entryPoints: ['extension/webview/diagram-view.ts', 'extension/webview/simulation-view.ts'], outdir: out }),
]);

// The frames' pages come from the extension's page code (TypeScript, run here through a bundle).
const api = await build({ ...browser, entryPoints: ['playground/src/frame-api.ts'], write: false });
const pagesFile = join(out, 'frames.tmp.mjs');
await build({ ...browser, platform: 'node', format: 'esm', minify: false, entryPoints: ['playground/frames.ts'], outfile: pagesFile });
const { framePages } = await import(pathToFileURL(pagesFile).href);
rmSync(pagesFile);
for (const [name, html] of Object.entries(framePages(api.outputFiles[0].text))) writeFileSync(join(out, name), html);
writeFileSync(join(out, 'index.html'), readFileSync('playground/index.html'));

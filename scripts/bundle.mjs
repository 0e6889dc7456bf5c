// Bundles the extension, the language server and the webview scripts with esbuild.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';

// jsonc-parser's main build is UMD, whose inner require() calls esbuild cannot follow: take its ES build.
const common = { bundle: true, minify: true, sourcemap: false, logLevel: 'warning', alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' } };

await build({ ...common, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.cjs', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] });
// The server learns where rule docs live from the client, so import.meta.url is not needed.
await build({ ...common, entryPoints: ['language-server/start.ts'], outfile: 'dist/server.cjs', platform: 'node', format: 'cjs', target: 'node20', define: { 'import.meta.url': 'undefined' } });

// The simulator's worker thread, found beside the bundled server.
await build({ ...common, entryPoints: ['language-server/simulation/worker.ts'], outfile: 'dist/simulation-worker.cjs', platform: 'node', format: 'cjs', target: 'node20', define: { 'import.meta.url': 'undefined' } });

// The CLI as one CommonJS file (loading ~200 modules one by one costs more than the work on a
// small file) that bin/archlint.js runs with a V8 code cache, which Node 20 offers for scripts
// only. Each command's modules start when the command runs (cli/main.ts imports them lazily),
// so `check` never starts the simulator, the diagram, the exporters or the language server.
rmSync('dist/cli.cjs.cache', { force: true });
await build({
    ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.cjs', platform: 'node', format: 'cjs', target: 'node20',
    // The modules find package.json, ELK and the workers beside them through import.meta.url.
    define: { 'import.meta.url': '__archlintModuleUrl' },
    banner: { js: 'var __archlintModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
// The code cache keeps the functions a check compiles: made by checking the samples once.
const warmRun = spawnSync(process.execPath, ['bin/archlint.js', 'check', 'samples', '--format', 'json'], { stdio: 'ignore', env: { ...process.env, ARCHLINT_WRITE_CODE_CACHE: '1' } });
if (warmRun.status !== 0 && warmRun.status !== 1) throw new Error(`archlint check samples exited with ${warmRun.status ?? warmRun.signal} while making the code cache`);

// Webview scripts run in the browser; each is optional until its feature lands.
const webviews = ['extension/webview/diagram-view.ts', 'extension/webview/simulation-view.ts'].filter((f) => existsSync(f));
for (const entry of webviews) {
    await build({ ...common, entryPoints: [entry], outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022' });
}

// The layout worker loads ELK by path; the .vsix ships without node_modules.
// .cjs: the package is an ES module package, and ELK's build is CommonJS.
copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'dist/elk.bundled.cjs');

// Bundles the extension, the language server and the webview scripts with esbuild.
import { build } from 'esbuild';
import { copyFileSync, existsSync } from 'node:fs';

// jsonc-parser's main build is UMD, whose inner require() calls esbuild cannot follow: take its ES build.
const common = { bundle: true, minify: true, sourcemap: false, logLevel: 'warning', alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' } };

await build({ ...common, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.cjs', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] });
// The server learns where rule docs live from the client, so import.meta.url is not needed.
await build({ ...common, entryPoints: ['language-server/start.ts'], outfile: 'dist/server.cjs', platform: 'node', format: 'cjs', target: 'node20', define: { 'import.meta.url': 'undefined' } });

// The simulator's worker thread, found beside the bundled server.
await build({ ...common, entryPoints: ['language-server/simulation/worker.ts'], outfile: 'dist/simulation-worker.cjs', platform: 'node', format: 'cjs', target: 'node20', define: { 'import.meta.url': 'undefined' } });

// The CLI as one ES module: loading ~200 modules one by one costs more than the work on a small file.
await build({
    ...common, minify: false, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.mjs', platform: 'node', format: 'esm', target: 'node20',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// Webview scripts run in the browser; each is optional until its feature lands.
const webviews = ['extension/webview/diagram-view.ts', 'extension/webview/simulation-view.ts'].filter((f) => existsSync(f));
for (const entry of webviews) {
    await build({ ...common, entryPoints: [entry], outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022' });
}

// The layout worker loads ELK by path; the .vsix ships without node_modules.
// .cjs: the package is an ES module package, and ELK's build is CommonJS.
copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'dist/elk.bundled.cjs');

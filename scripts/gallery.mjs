// `npm run gallery`: redraws docs/gallery/<name>.svg for every model in samples/gallery and
// rewrites the generated numbers in docs/gallery.md, by running the gallery test in
// update mode (the test and the page share one generator, so they cannot drift apart).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const run = spawnSync(process.execPath, [vitest, 'run', 'test/gallery/gallery.test.ts'], { stdio: 'inherit', env: { ...process.env, GALLERY_UPDATE: '1' } });
process.exit(run.status ?? 1);

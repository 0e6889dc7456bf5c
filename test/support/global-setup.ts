/**
 * Runs once before any test file: rebuilds what the spawning tests run when a source is newer
 * (again before each watch-mode rerun), and unpacks the bundled Chromium, so that two browser
 * test files starting together do not both unpack it into the same temp folder.
 */
import type { TestProject } from 'vitest/node';
import { chromiumLaunchOptions } from './chromium.mjs';
import { freshenBuild } from './fresh-build.js';

function freshen(): void {
    const redone = freshenBuild();
    if (redone.length) console.log(`[global-setup] sources changed since the last build; rebuilt: ${redone.join(', ')}`);
}

export default async function setup(project: TestProject): Promise<void> {
    freshen();
    project.onTestsRerun(freshen);
    await chromiumLaunchOptions();
}

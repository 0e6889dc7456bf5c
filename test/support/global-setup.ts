/**
 * Unpacks the bundled Chromium once, before any test file runs: two browser test files
 * starting together must not both unpack it into the same temp folder.
 */
import { chromiumLaunchOptions } from './chromium.mjs';

export default async function setup(): Promise<void> {
    await chromiumLaunchOptions();
}

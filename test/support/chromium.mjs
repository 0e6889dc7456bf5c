/**
 * The one Chromium every browser test uses: the build that `npm ci` brings inside
 * @sparticuz/chromium (unpacked to the temp folder on first use), so tests never depend on what
 * a machine happens to have. ARCHLINT_CHROMIUM=/path/to/chromium names a system build instead.
 */
import sparticuz from '@sparticuz/chromium';

/** Flags that keep Chromium off this closed network; the rest come from the bundled build. */
const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The bundled build's flags, minus those that would weaken what the tests check (CSP, origins). */
const WEAKENING = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

/** Path and flags for `playwright-core`'s `chromium.launch`. */
export async function chromiumLaunchOptions() {
    const named = process.env.ARCHLINT_CHROMIUM;
    if (named) return { executablePath: named, args: QUIET_FLAGS, headless: true };
    const executablePath = await sparticuz.executablePath();
    const args = [...new Set([...sparticuz.args.filter((a) => !WEAKENING.has(a)), ...QUIET_FLAGS])];
    return { executablePath, args, headless: true };
}

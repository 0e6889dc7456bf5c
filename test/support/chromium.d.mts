/** Path and flags for `playwright-core`'s `chromium.launch`. */
export function chromiumLaunchOptions(): Promise<{ executablePath: string; args: string[]; headless: boolean }>;

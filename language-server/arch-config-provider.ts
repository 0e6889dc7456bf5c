/** The configuration that applies to a document: an explicit one, or the nearest config file. */
import { dirname } from 'node:path';
import { URI } from 'langium';
import { EMPTY_CONFIG, findConfigFile, loadConfig, type ArchlintConfig } from './rules/config.js';

/** Finds and caches configurations by directory. */
export class ArchConfigProvider {
    private explicit: ArchlintConfig | undefined;
    private readonly byDirectory = new Map<string, ArchlintConfig>();
    /** Called with a broken configuration file's error instead of failing validation. */
    onError: (error: Error) => void = () => undefined;

    /** Uses `config` for every document (the CLI's `--config`, or editor settings). */
    setExplicit(config: ArchlintConfig | undefined): void {
        this.explicit = config;
    }

    /** Forgets cached files (after a config file changed). */
    reset(): void {
        this.byDirectory.clear();
    }

    /** The configuration for the document at `uri`. */
    configFor(uri: URI): ArchlintConfig {
        if (this.explicit) return this.explicit;
        if (uri.scheme !== 'file') return EMPTY_CONFIG;
        const directory = dirname(uri.fsPath);
        let config = this.byDirectory.get(directory);
        if (!config) {
            const file = findConfigFile(directory);
            try {
                config = file ? loadConfig(file) : EMPTY_CONFIG;
            } catch (error) {
                this.onError(error as Error);
                config = EMPTY_CONFIG;
            }
            this.byDirectory.set(directory, config);
        }
        return config;
    }
}

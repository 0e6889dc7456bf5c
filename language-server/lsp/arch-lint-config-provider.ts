/**
 * The configuration that applies to a document: an explicit one (the CLI's --config), or the
 * nearest config file over the editor's `archlint.rules` setting (the file wins, so the editor
 * agrees with CI).
 */
import { UriUtils, type URI } from 'langium';
import { ConfigError, EMPTY_CONFIG, findConfigFile, loadConfig, parseConfig, type ArchlintConfig, type ConfigFiles } from '../rules/config.js';

/** Finds and caches configurations by directory. */
export class ArchLintConfigProvider {
    private explicit: ArchlintConfig | undefined;
    private editor: ArchlintConfig = EMPTY_CONFIG;
    private readonly byDirectory = new Map<string, ArchlintConfig>();
    /** Called with a broken configuration file's error instead of failing validation. */
    onError: (error: Error) => void = () => undefined;

    /** `files` is the file system the configuration files are looked up on. */
    constructor(private readonly files: ConfigFiles) {}

    /** Uses `config` for every document (the CLI's `--config`, or editor settings). */
    setExplicit(config: ArchlintConfig | undefined): void {
        this.explicit = config;
    }

    /** Uses the editor's `archlint.rules` setting beneath config files; a bad setting is reported and ignored. */
    setEditorRules(rules: unknown): void {
        try {
            this.editor = parseConfig({ rules: rules ?? {} }, 'setting archlint.rules');
        } catch (error) {
            if (error instanceof ConfigError) this.onError(error);
            this.editor = EMPTY_CONFIG;
        }
        this.reset();
    }

    /** Forgets cached files (after a config file changed). */
    reset(): void {
        this.byDirectory.clear();
    }

    /** The configuration for the document at `uri`. */
    configFor(uri: URI): ArchlintConfig {
        if (this.explicit) return this.explicit;
        if (uri.scheme !== 'file') return this.editor;
        const directory = UriUtils.dirname(uri);
        let config = this.byDirectory.get(directory.toString());
        if (!config) {
            const file = findConfigFile(directory, this.files);
            try {
                config = file ? loadConfig(file, this.files) : EMPTY_CONFIG;
            } catch (error) {
                this.onError(error as Error);
                config = EMPTY_CONFIG;
            }
            config = { rules: { ...this.editor.rules, ...config.rules }, thresholds: { ...this.editor.thresholds, ...config.thresholds } };
            this.byDirectory.set(directory.toString(), config);
        }
        return config;
    }
}

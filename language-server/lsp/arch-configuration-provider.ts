/** Editor settings live under `archlint.*` (not the language id `arch`), like the CLI's name. */
import { DefaultConfigurationProvider } from 'langium';

/** Langium's configuration provider with Archlint's settings section. */
export class ArchConfigurationProvider extends DefaultConfigurationProvider {
    protected override toSectionName(): string {
        return 'archlint';
    }
}

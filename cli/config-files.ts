/** Configuration files on disk, for the commands: the core finds and reads them through a file system. */
import { resolve } from 'node:path';
import { URI } from 'langium';
import { findConfigFile, loadConfig, type ArchlintConfig } from '../language-server/rules/config.js';
import { ArchNodeFileSystemProvider } from '../language-server/workspace/source-files.js';

const disk = new ArchNodeFileSystemProvider();

/** The configuration file at `path` (as a --config option names it; errors name it so). */
export function loadConfigFile(path: string): ArchlintConfig {
    return loadConfig(URI.file(resolve(path)), disk, path);
}

/** The nearest configuration file at or above the folder `directory`, if any. */
export function findConfigFileAbove(directory: string): string | undefined {
    return findConfigFile(URI.file(resolve(directory)), disk)?.fsPath;
}

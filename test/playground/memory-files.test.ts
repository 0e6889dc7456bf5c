/** The language server without a disk (the playground's): the bundled samples as its file system, imports among them resolving as on disk. */
import { readFileSync } from 'node:fs';
import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createArchServices } from '../../language-server/arch-module.js';
import { MemoryFileSystemProvider, memoryFileSystem } from '../../language-server/workspace/memory-files.js';
import { buildText } from '../../language-server/workspace.js';

const sample = (path: string) => readFileSync(`samples/${path}`, 'utf8');
const uri = (path: string) => URI.parse(`inmemory:///samples/${path}`);
const FILES = [[uri('shared/observability.arch'), sample('shared/observability.arch')], [uri('chat.arch'), sample('chat.arch')]] as const;

describe('an in-memory file system of samples', () => {
    it('reads its files, lists its folders, and refuses what it does not hold', async () => {
        const files = new MemoryFileSystemProvider(FILES);
        expect(await files.readFile(uri('chat.arch'))).toBe(sample('chat.arch'));
        expect(files.existsSync(uri('shared'))).toBe(true);
        expect(files.statSync(uri('shared'))).toMatchObject({ isDirectory: true, isFile: false });
        expect((await files.readDirectory(uri(''))).map((n) => [n.uri.path, n.isFile]).sort()).toEqual([['/samples/chat.arch', true], ['/samples/shared', false]]);
        expect(files.existsSync(uri('missing.arch'))).toBe(false);
        await expect(files.readFile(uri('missing.arch'))).rejects.toThrow('no such file');
        expect(() => files.readFileSync(uri('shared'))).toThrow('it is a folder');
    });

    it('resolves a sample\'s import as on disk, and reports one it does not hold on the import', async () => {
        const { Arch } = createArchServices(memoryFileSystem(FILES));
        const url = await buildText(Arch, sample('url-shortener.arch'), uri('url-shortener.arch').toString());
        expect(url.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
        const broken = await buildText(Arch, 'import "./shared/missing.arch"\nsystem S { service a }', uri('broken.arch').toString());
        expect(broken.diagnostics.map((d) => [d.code, d.range.start.line])).toContainEqual(['unknown-reference', 0]);
    });
});

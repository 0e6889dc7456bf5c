/**
 * The server gives memory back between edits (idle-collection.ts): its step runs once after a
 * build and a quiet spell, never while edits keep coming, and it really shrinks V8's heap.
 */
import { EmptyFileSystem, URI } from 'langium';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { createArchCoreServices } from '../../language-server/arch-core-module.js';
import { IDLE_MS, fullCollection, memoryReturner, whenIdle } from '../../language-server/lsp/idle-collection.js';

/** Builds (and validates) a one-component document `n` in a fresh workspace, `count` times. */
function workspace() {
    const { shared } = createArchCoreServices(EmptyFileSystem);
    let n = 0;
    const build = async () => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(`service api${n}`, URI.file(`/idle/${n++}.arch`));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
    };
    return { builder: shared.workspace.DocumentBuilder, build };
}

describe('memory given back when idle', () => {
    afterEach(() => vi.useRealTimers());

    it('runs once, IDLE_MS after the last of several builds', async () => {
        vi.useFakeTimers();
        const { builder, build } = workspace();
        const step = vi.fn();
        whenIdle(builder, step);
        for (let i = 0; i < 3; i++) {
            await build();
            vi.advanceTimersByTime(IDLE_MS - 1);
        }
        expect(step).not.toHaveBeenCalled();
        vi.advanceTimersByTime(1);
        expect(step).toHaveBeenCalledTimes(1);
        vi.advanceTimersByTime(10 * IDLE_MS);
        expect(step).toHaveBeenCalledTimes(1);
    });

    it('an update before the quiet spell ends puts the step off', async () => {
        vi.useFakeTimers();
        const { builder, build } = workspace();
        const step = vi.fn();
        whenIdle(builder, step);
        await build();
        vi.advanceTimersByTime(IDLE_MS / 2);
        const updating = builder.update([], []);
        await vi.advanceTimersByTimeAsync(IDLE_MS);
        expect(step).not.toHaveBeenCalled();
        await updating;
    });

    it('collects only once the committed heap has grown by the slack, and then shrinks it', () => {
        const collect = vi.fn(fullCollection());
        const slack = 32 * 1024 * 1024;
        const giveBack = memoryReturner(collect, slack);
        giveBack();
        expect(collect).not.toHaveBeenCalled();
        // About 100 MB of short-lived objects that survive long enough to reach the old generation.
        let garbage: { index: number; text: string }[] | undefined = Array.from({ length: 1_500_000 }, (_, index) => ({ index, text: `item ${index}` }));
        const grown = getHeapStatistics().total_heap_size;
        expect(garbage.length).toBe(1_500_000);
        garbage = undefined;
        giveBack();
        expect(collect).toHaveBeenCalledTimes(3);
        expect(grown - getHeapStatistics().total_heap_size).toBeGreaterThan(slack);
    });
});

/**
 * Gives memory back to the system when the server has been idle for a while after a build.
 * V8 frees old-generation pages only in full collections, which it starts when the heap nears
 * a limit it keeps raising while edits come in, and it shrinks what it keeps committed only
 * after consecutive collections find the heap small. An editor's server then idles at its
 * high-water mark: 240 MB after 2,000 edits of a 10k-line workspace whose live data is 42 MB,
 * still 240 MB 15 s later. One collection freed the objects but kept 132 MB of heap committed;
 * three in a row gave all but 81 MB back (RSS 144 MB). They cost about a tenth of a second, so
 * they run only after IDLE_MS without an edit, and only when the heap has grown by SLACK_BYTES
 * since the last time. Node-only: the browser playground has no such control.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DocumentState, type DocumentBuilder } from 'langium';

/** How long after a build's validation the server waits for the next edit before it collects. */
export const IDLE_MS = 3000;
/** Growth of the committed heap since the last collection that is worth collecting for. */
const SLACK_BYTES = 64 * 1024 * 1024;
/** Consecutive full collections after which V8 has shrunk its committed heap (measured above). */
const COLLECTIONS = 3;

/** V8's full collection, as `--expose-gc` offers it to a context made after the flag is set. */
export function fullCollection(): () => void {
    setFlagsFromString('--expose-gc');
    try {
        return runInNewContext('gc') as () => void;
    } finally {
        setFlagsFromString('--no-expose-gc');
    }
}

/**
 * Returns a step that collects COLLECTIONS times when the committed heap has grown by
 * `slackBytes` since its last run. V8's collection is fetched on first need (it makes a
 * context): a server whose heap never grows never pays for it.
 */
export function memoryReturner(collect?: () => void, slackBytes = SLACK_BYTES): () => void {
    let committedAfter = getHeapStatistics().total_heap_size;
    return () => {
        if (getHeapStatistics().total_heap_size - committedAfter < slackBytes) return;
        collect ??= fullCollection();
        for (let i = 0; i < COLLECTIONS; i++) collect();
        committedAfter = getHeapStatistics().total_heap_size;
    };
}

/** Runs `step` once the builder has validated and then seen no update for `idleMs`. */
export function whenIdle(builder: DocumentBuilder, step: () => void = memoryReturner(), idleMs = IDLE_MS): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => clearTimeout(timer);
    builder.onUpdate(cancel);
    builder.onBuildPhase(DocumentState.Validated, () => {
        cancel();
        timer = setTimeout(step, idleMs);
        // A pending step never keeps the process alive.
        timer.unref();
    });
}

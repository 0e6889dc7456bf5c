/**
 * Telling a burst of edits from typing. The connection reads one message per macrotask, and a
 * build that starts between two edits of a burst parses a version that the next edit cancels
 * (a parse cannot be interrupted): 500 edits pasted or replayed quickly cost hundreds of
 * parses before the last version's. A build of a cancellable update therefore first lets the
 * messages already received run, and while edits keep arriving closer together than
 * BURST_GAP_MS, waits until they stop. A lone edit, or typing, builds at once.
 */
import { OperationCancelled, delayNextTick } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** Edits closer together than this are one burst (keystrokes are tens of milliseconds apart). */
export const BURST_GAP_MS = 15;

/** The times of the latest updates, and the wait before a build that they call for. */
export class EditBurst {
    private last = -Infinity;
    private gap = Infinity;

    /** Notes an update (an edit, a changed file) at this moment. */
    noteUpdate(): void {
        const now = performance.now();
        this.gap = now - this.last;
        this.last = now;
    }

    /** Resolves when a build may start; throws OperationCancelled when a newer update cancelled it meanwhile. */
    async settle(cancelToken: CancellationToken): Promise<void> {
        await delayNextTick();
        for (;;) {
            if (cancelToken.isCancellationRequested) throw OperationCancelled;
            const quiet = performance.now() - this.last;
            if (this.gap >= BURST_GAP_MS || quiet >= BURST_GAP_MS) return;
            await new Promise((resolve) => setTimeout(resolve, BURST_GAP_MS - quiet));
        }
    }
}

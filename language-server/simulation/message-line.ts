/**
 * Messages waiting in a queue, stored compactly (key, enqueue time, route node, attempts,
 * flags: ~23 bytes) instead of as live requests, so a queue that backs up for a whole run
 * costs little memory. A message becomes a request again when a consumer pulls it.
 */

/** Messages one queue holds at most (~90 MB); beyond it the run stops with the memory limit. */
export const MAX_QUEUED = 4_000_000;

/** A growable FIFO ring of waiting messages. */
export class MessageLine {
    key = new Float64Array(16);
    since = new Float64Array(16);
    node = new Int32Array(16);
    attempts = new Uint8Array(16);
    flags = new Uint16Array(16);
    /** Index of the front message. */
    head = 0;
    /** Messages waiting. */
    length = 0;

    /** Adds a message at the back. */
    push(key: number, since: number, node: number, attempts: number, flags: number): void {
        if (this.length === this.key.length) this.grow();
        const i = (this.head + this.length++) & (this.key.length - 1);
        this.key[i] = key;
        this.since[i] = since;
        this.node[i] = node;
        this.attempts[i] = Math.min(255, attempts);
        this.flags[i] = flags;
    }

    /** Drops the front message (call only when not empty). */
    shift(): void {
        this.head = (this.head + 1) & (this.key.length - 1);
        this.length--;
    }

    private grow(): void {
        const size = this.key.length * 2, mask = this.key.length - 1;
        const copy = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(from: T, to: T): T => {
            for (let i = 0; i < this.length; i++) to[i] = from[(this.head + i) & mask];
            return to;
        };
        this.key = copy(this.key, new Float64Array(size));
        this.since = copy(this.since, new Float64Array(size));
        this.node = copy(this.node, new Int32Array(size));
        this.attempts = copy(this.attempts, new Uint8Array(size));
        this.flags = copy(this.flags, new Uint16Array(size));
        this.head = 0;
    }
}

/** Deterministic integer hashing shared by the partition model and the simulator. */

/** A 32-bit avalanche mix (murmur3's finaliser) of a non-negative integer key. */
export function mix32(key: number): number {
    let h = (key >>> 0) ^ Math.floor(key / 4294967296);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
}

/** A key's position on the unit interval [0, 1), from its hash. */
export function unitHash(key: number): number {
    return mix32(key) / 4294967296;
}

/**
 * What the model assumes where the text says nothing (language.md, "Defaults"), in one place:
 * the model builder applies them, and docs and tests read them from here.
 */

/** Every default of the model, by the construct it belongs to. */
export const DEFAULTS = {
    replicas: 1,
    /** A CDN without `hit_ratio` serves nothing at the edge. */
    cdnHitRatio: 0,
    loadBalancer: { algorithm: 'round_robin', mode: 'active_active' },
    /** A `health_check` that leaves an option out: probe every 10s, wait 2s, take out after 3 failures. */
    healthCheck: { intervalS: 10, timeoutS: 2, unhealthyAfter: 3 },
    cache: { placement: 'distributed', write: 'write_around', eviction: 'lru', invalidation: 'on_write' },
    store: { consistency: 'strong', durability: 'normal' },
    queue: { delivery: 'at_least_once', retries: 0 },
    /** A replicated database has a single leader (the one change of meaning from v1); other kinds none. */
    leader: { database: 'single', other: 'none' },
    /** Reads go to the leader under strong consistency, else to any replica (a cache or queue states none: any). */
    reads: { strong: 'leader', other: 'any' },
    replicationLagS: 0.1,
    /** A call without an annotation: one call, made by every request. */
    call: { count: 1, share: 1 },
    /** `shards` is required (an error when missing); one shard keeps the model whole meanwhile. */
    partition: { shards: 1, vnodes: 1 },
    workload: { peak: 1, zipf: 0, readRatio: 1 },
    /** A failure or spike without `at` starts at once; without `for` it lasts to the end. */
    scenarioEvent: { atS: 0, forS: Infinity },
} as const;

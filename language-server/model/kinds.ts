/**
 * The questions about a component that cut across kinds, asked in one place: does it cache
 * (a cache, or a proxy with cache settings), is it a store, how is it partitioned, which
 * queues does it consume. Everything else narrows on `kind` where it is used.
 */
import type { ArchComponent, CacheSpec, KeySpace, LeaderSpec, PartitionSpec, StoreComponent } from './types.js';

/** Whether `component` is a database or an object store. */
export function isStore(component: ArchComponent): component is StoreComponent {
    return component.kind === 'database' || component.kind === 'store';
}

/** The cache settings of a cache, or of a proxy that caches; undefined for every other component. */
export function cacheSpecOf(component: ArchComponent): CacheSpec | undefined {
    return component.kind === 'cache' || component.kind === 'proxy' ? component.cache : undefined;
}

/** How long a cached entry lives (`ttl`) on a cache, proxy or CDN; undefined elsewhere or when not given. */
export function ttlOf(component: ArchComponent): number | undefined {
    return component.kind === 'cache' || component.kind === 'proxy' || component.kind === 'cdn' ? component.ttlS : undefined;
}

/** The partitioning of a partitioned store; undefined for everything else. */
export function partitionOf(component: ArchComponent): PartitionSpec | undefined {
    return isStore(component) ? component.partition : undefined;
}

/** The queues a service or worker consumes ([] for other kinds). */
export function consumedQueues(component: ArchComponent): readonly string[] {
    return component.kind === 'service' || component.kind === 'worker' ? component.consumes : [];
}

/** The dead letter queue of a queue that names one. */
export function deadLetterOf(component: ArchComponent): string | undefined {
    return component.kind === 'queue' ? component.queue.deadLetter : undefined;
}

/** The leader of a database, store, cache or queue; undefined for the kinds that have none. */
export function leaderOf(component: ArchComponent): LeaderSpec | undefined {
    return isStore(component) || component.kind === 'cache' || component.kind === 'queue' ? component.leader : undefined;
}

/** The own key space of a database, store, cache or queue, when it states one. */
export function keysOf(component: ArchComponent): KeySpace | undefined {
    return isStore(component) || component.kind === 'cache' || component.kind === 'queue' ? component.keys : undefined;
}

/** Whether concurrent misses of one key wait for one load (`coalesce on`, or a proxy's `collapsed_forwarding on`). */
export function coalesces(component: ArchComponent): boolean {
    return component.kind === 'cache' || component.kind === 'proxy' || component.kind === 'cdn' ? component.coalesce : false;
}

/** Followers that acknowledge no write (async): the copies a failover or a read may find behind. */
export function asyncFollowers(component: ArchComponent): number {
    return Math.max(0, component.replicas - 1 - component.syncFollowers);
}

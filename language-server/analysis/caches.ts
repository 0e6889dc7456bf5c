/**
 * Caches as the traffic analysis sees them: which components cache, the tier an app_server
 * cache lives in (and the balancer in front of that tier), the hit rate each one achieves,
 * and the stores it stands in front of. Hit rates come from cache-model.ts, as in the simulator.
 */
import type { ArchComponent, ArchModel, LoadBalancerComponent, LoadBalancerSpec } from '../model/types.js';
import { hitModel, type HitModel } from './cache-model.js';
import { edgesTo } from './edge-index.js';
import { keySpaceOf } from './key-spaces.js';
import { cacheSpecOf, ttlOf } from '../model/kinds.js';

export { frontedStores } from './key-spaces.js';

/** Whether a component answers reads from a cache: a cache, a CDN, or a proxy with cache settings. */
export function isCaching(component: ArchComponent): boolean {
    return component.kind === 'cdn' || cacheSpecOf(component) !== undefined;
}

/** The application tier an app_server cache lives in, and the balancer that feeds that tier. */
export interface CacheTier {
    /** Replicas holding a copy of the cache (the tier's replicas for app_server placement). */
    replicas: number;
    /** The tier using the cache (its callers), when there is one. */
    tier?: ArchComponent;
    /** The load balancer in front of that tier, when there is one. */
    balancer?: LoadBalancerComponent;
}

/** The tier of `cache`: for app_server placement, the caller with most replicas and its balancer. */
export function cacheTier(model: ArchModel, cache: ArchComponent): CacheTier {
    if (cacheSpecOf(cache)?.placement !== 'app_server') return { replicas: cache.replicas };
    const callers = callersOf(model, cache.name).filter((c) => c.kind !== 'client' && c.kind !== 'loadbalancer');
    const tier = callers.sort((a, b) => b.replicas - a.replicas)[0];
    if (!tier) return { replicas: cache.replicas };
    const balancer = callersOf(model, tier.name).find((c): c is LoadBalancerComponent => c.kind === 'loadbalancer');
    return { replicas: Math.max(tier.replicas, cache.replicas), tier, balancer };
}

/** The fitted hit model of a caching component at `rps` offered reads (CDNs: their hit ratio). */
export function cacheHitModel(
    model: ArchModel, cache: ArchComponent, rps?: number, balancer?: LoadBalancerSpec['algorithm'],
): HitModel {
    const spec = cacheSpecOf(cache);
    if (!spec) {
        const ratio = cache.kind === 'cdn' ? cache.hitRatio : 0;
        // A CDN serves its popular objects from the edge: the hottest keys always hit there.
        return { hitRate: ratio, itemHit: () => (ratio > 0 ? 1 : 0) };
    }
    const tier = cacheTier(model, cache);
    const space = keySpaceOf(model, cache);
    return hitModel({
        policy: spec.eviction,
        capacityItems: spec.capacityItems,
        keys: space?.keys ?? model.workload.keys,
        zipf: space?.zipf ?? model.workload.zipf,
        ttlS: ttlOf(cache),
        rps,
        replicas: tier.replicas,
        placement: spec.placement,
        balancer: balancer ?? tier.balancer?.loadBalancer.algorithm,
        readRatio: readShareThrough(model, cache.name),
        write: spec.write,
        invalidation: spec.invalidation,
    });
}

/**
 * Share of reads in the traffic through `name`: from the flows' calls into it (each call's
 * `[read]`/`[write]`, else its flow's kind), else the workload's read ratio.
 */
function readShareThrough(model: ArchModel, name: string): number {
    let reads = 0, total = 0;
    for (const flow of model.flows) {
        for (const hop of flow.hops) {
            if (hop.to !== name) continue;
            total += flow.rps;
            reads += hop.access === 'write' ? 0 : hop.access === 'read' ? flow.rps : flow.rps * model.workload.readRatio;
        }
    }
    return total > 0 ? reads / total : model.workload.readRatio;
}

/** Components with a call edge to `name`. */
export function callersOf(model: ArchModel, name: string): ArchComponent[] {
    return edgesTo(model, name)
        .filter((e) => e.kind === 'call')
        .map((e) => model.components.get(e.from))
        .filter((c): c is ArchComponent => c !== undefined);
}

/** A component's properties as the hover card lists them: short labels, values with units. */
import type { ArchComponent, ComponentKind, LatencyModel } from '../model/types.js';
import type { Detail } from './types.js';
import { cacheSpecOf, coalesces, isStore, keysOf, leaderOf, partitionOf, ttlOf } from '../model/kinds.js';
import { compactNumber, percent } from './text.js';

/** How each kind is named to a person. */
export const KIND_LABELS: Record<ComponentKind, string> = {
    client: 'Client', cdn: 'CDN', loadbalancer: 'Load balancer', proxy: 'Proxy', service: 'Service',
    worker: 'Worker', cache: 'Cache', database: 'Database', queue: 'Queue', store: 'Object store',
};

/** A duration in seconds as `4 ms`, `30 s`, `24 h` (days only from two days on). */
export function duration(seconds: number): string {
    const fmt = (value: number, unit: string) => `${Number(value.toFixed(value >= 10 ? 0 : 1))} ${unit}`;
    if (seconds >= 172_800) return fmt(seconds / 86_400, 'd');
    if (seconds >= 3600) return fmt(seconds / 3600, 'h');
    if (seconds >= 60) return fmt(seconds / 60, 'min');
    if (seconds >= 1) return fmt(seconds, 's');
    if (seconds >= 1e-3) return fmt(seconds * 1e3, 'ms');
    return fmt(seconds * 1e6, 'µs');
}

function latency(model: LatencyModel): string {
    return model.kind === 'lognormal'
        ? `p50 ${duration(model.p50S)} · p99 ${duration(model.p99S)}`
        : `${duration(model.meanS)} ${model.kind === 'const' ? 'constant' : 'mean'}`;
}

const words = (value: string) => value.replace(/_/g, ' ');

/** Who takes the writes of a replicated component that holds data, and where its reads go (v2). */
function replicationDetails(c: ArchComponent, add: (label: string, value: string | undefined | false) => void): void {
    const leader = leaderOf(c);
    if (!leader || c.replicas < 2) return;
    const followers = c.replicas - 1;
    add('leader', leader.mode === 'single' ? `single, ${leader.failoverS === undefined ? 'manual failover' : `failover in ${duration(leader.failoverS)}`}` : leader.mode);
    add('sync followers', c.syncFollowers > 0 && `${c.syncFollowers} of ${followers}`);
    if (leader.mode !== 'single') return;
    add('reads', leader.reads === 'any' ? 'any replica' : leader.reads);
    add('replication lag', c.syncFollowers < followers && duration(leader.replicationLagS));
}

/** The hover-card lines of one component, most telling first. */
export function detailsOf(c: ArchComponent): Detail[] {
    const out: Detail[] = [];
    const add = (label: string, value: string | undefined | false) => { if (value) out.push({ label, value }); };
    const partition = partitionOf(c);
    const ttlS = ttlOf(c);
    add('kind', KIND_LABELS[c.kind]);
    add('replicas', `${c.replicas}${c.replication ? ` (${c.replication} replication)` : ''}`);
    replicationDetails(c, add);
    add('capacity', c.capacityRps !== undefined && `${compactNumber(c.capacityRps)} rps per ${partition ? 'shard' : 'replica'}`);
    add('latency', c.latency && latency(c.latency));
    add('zones', c.zones.length > 0 && c.zones.join(', '));
    if (c.kind === 'client') {
        add('rps', c.rps !== undefined && `${compactNumber(c.rps)} rps`);
        add('protocol', c.protocol);
    }
    if (c.kind === 'cdn') add('hit ratio', percent(c.hitRatio));
    add('ttl', ttlS !== undefined && duration(ttlS));
    if (c.kind === 'loadbalancer') {
        const lb = c.loadBalancer;
        add('algorithm', words(lb.algorithm));
        add('mode', words(lb.mode));
        add('health check', lb.healthCheck && `every ${duration(lb.healthCheck.intervalS)}, timeout ${duration(lb.healthCheck.timeoutS)}, ${lb.healthCheck.unhealthyAfter} misses`);
    }
    const cache = cacheSpecOf(c);
    if (cache) {
        add('placement', words(cache.placement));
        add('write policy', words(cache.write));
        add('eviction', cache.eviction.toUpperCase());
        add('cache size', cache.capacityItems !== undefined && `${compactNumber(cache.capacityItems)} items`);
    }
    if (isStore(c)) {
        add('model', c.store.model && words(c.store.model));
        add('consistency', c.store.consistency);
        add('durability', c.store.durability);
        add('write capacity', c.store.writeCapacityRps !== undefined && `${compactNumber(c.store.writeCapacityRps)} rps per ${partition ? 'shard' : 'replica'}`);
        add('immutable', c.store.immutable && 'yes: items never change');
    }
    const keys = keysOf(c);
    add('keys', keys && `${compactNumber(keys.keys)}${keys.zipf > 0 ? `, zipf ${keys.zipf}` : ', uniform'}`);
    add('coalesces misses', coalesces(c) && 'yes');
    if (partition) {
        const schemes = partition.schemes.map((s) => (s.key ? `${s.scheme}(${s.key})` : s.scheme)).join(' then ');
        add('partition', `${schemes} × ${partition.shards}${partition.consistent ? `, consistent ring, ${partition.vnodes} vnodes` : ''}${partition.via ? ` via ${partition.via}` : ''}`);
        add('key', partition.keyTrait);
    }
    if (c.kind === 'queue') {
        add('delivery', words(c.queue.delivery));
        add('retries', c.queue.retriesDeclared && String(c.queue.retries));
        add('dead letter', c.queue.deadLetter);
        add('max depth', c.queue.maxDepth !== undefined && compactNumber(c.queue.maxDepth));
    }
    if (c.kind === 'service' || c.kind === 'worker') {
        add('consumes', c.consumes.length > 0 && c.consumes.join(', '));
        add('stateful', c.stateful && 'yes');
        add('idempotent', c.idempotent && 'yes');
    }
    add('imported', c.imported && 'declared in another file');
    return out;
}

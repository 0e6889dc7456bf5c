/** A component's properties as the hover card lists them: short labels, values with units. */
import type { ArchComponent, ComponentKind, LatencyModel } from '../model/types.js';
import type { Detail } from './types.js';
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

/** The hover-card lines of one component, most telling first. */
export function detailsOf(c: ArchComponent): Detail[] {
    const out: Detail[] = [];
    const add = (label: string, value: string | undefined | false) => { if (value) out.push({ label, value }); };
    add('kind', KIND_LABELS[c.kind]);
    add('replicas', `${c.replicas}${c.replication ? ` (${c.replication} replication)` : ''}`);
    add('capacity', c.capacityRps !== undefined && `${compactNumber(c.capacityRps)} rps per ${c.partition ? 'shard' : 'replica'}`);
    add('latency', c.latency && latency(c.latency));
    add('zones', c.zones.length > 0 && c.zones.join(', '));
    add('rps', c.rps !== undefined && `${compactNumber(c.rps)} rps`);
    add('protocol', c.protocol);
    add('hit ratio', c.hitRatio !== undefined && percent(c.hitRatio));
    add('ttl', c.ttlS !== undefined && duration(c.ttlS));
    if (c.loadBalancer) {
        const lb = c.loadBalancer;
        add('algorithm', words(lb.algorithm));
        add('mode', words(lb.mode));
        add('health check', lb.healthCheck && `every ${duration(lb.healthCheck.intervalS)}, timeout ${duration(lb.healthCheck.timeoutS)}, ${lb.healthCheck.unhealthyAfter} misses`);
    }
    if (c.cache) {
        add('placement', words(c.cache.placement));
        add('write policy', words(c.cache.write));
        add('eviction', c.cache.eviction.toUpperCase());
        add('cache size', c.cache.capacityItems !== undefined && `${compactNumber(c.cache.capacityItems)} items`);
        add('cache ttl', c.cache.ttlS !== undefined && c.ttlS === undefined && duration(c.cache.ttlS));
    }
    if (c.store) {
        add('model', c.store.model && words(c.store.model));
        add('consistency', c.store.consistency);
        add('durability', c.store.durability);
    }
    if (c.partition) {
        const p = c.partition;
        const schemes = p.schemes.map((s) => (s.key ? `${s.scheme}(${s.key})` : s.scheme)).join(' then ');
        add('partition', `${schemes} × ${p.shards}${p.consistent ? `, consistent ring, ${p.vnodes} vnodes` : ''}${p.via ? ` via ${p.via}` : ''}`);
        add('key', p.keyTrait);
    }
    if (c.queue) {
        add('delivery', words(c.queue.delivery));
        add('retries', c.queue.retriesDeclared && String(c.queue.retries));
        add('dead letter', c.queue.deadLetter);
        add('max depth', c.queue.maxDepth !== undefined && compactNumber(c.queue.maxDepth));
    }
    add('consumes', c.consumes.length > 0 && c.consumes.join(', '));
    add('stateful', c.stateful && 'yes');
    add('imported', c.imported && 'declared in another file');
    return out;
}

/**
 * One component of the AST as the model's component of its kind: units normalised, the
 * defaults of defaults.ts applied, only the fields its kind has. Total: it never throws on a
 * broken AST; validation reports what it leaves out.
 */
import * as ast from '../generated/ast.js';
import { valueTypeOf } from './properties.js';
import { locationOf } from './source.js';
import { modelledKind } from './suggest.js';
import { DEFAULTS } from './defaults.js';
import { PropertyReader, quantity } from './property-reader.js';
import type {
    ArchComponent, CacheSpec, ComponentBase, HealthCheck, KeySpace, LatencyModel, LeaderSpec, LoadBalancerSpec, PartitionSpec, QueueSpec, StoreSpec,
} from './types.js';

/** Properties that make a proxy a cache (besides a capacity in items). */
const CACHE_PROPERTIES = new Set(['placement', 'write', 'eviction', 'invalidation', 'size', 'item']);

/** Standard normal quantiles of the percentiles a latency may give. */
const Z_SCORES = { p50: 0, p90: 1.2815515655, p95: 1.6448536270, p99: 2.3263478740, p999: 3.0902323062 } as const;

/** The model of `node`, declared inside the zones of `zonePath`; `imported` when another document declares it. */
export function buildComponent(node: ast.Component, zonePath: readonly string[], imported: boolean): ArchComponent {
    const kind = modelledKind(node);
    const props = new PropertyReader(node.properties, kind);
    const capacityNode = props.node('capacity', ast.isSimpleProperty);
    const capacityIsItems = capacityNode !== undefined && valueTypeOf('capacity', kind, capacityNode.value?.unit) === 'items';
    // `capacity 0` is an invalid-value error; the model treats it as undeclared, never as zero.
    const declaredRps = capacityNode && !capacityIsItems ? quantity(capacityNode.value, 'rate') : undefined;
    const capacityRps = declaredRps !== undefined && declaredRps > 0 ? declaredRps : undefined;
    const latency = buildLatency(props.node('latency', ast.isLatencyProperty));
    const concurrency = props.number('concurrency')
        ?? (capacityRps === undefined ? Infinity : Math.max(1, Math.ceil(capacityRps * (latency?.meanS ?? 0) - 1e-9)));
    // A zone list with a name that does not resolve (an error) is not half used: the nesting decides.
    const zonesResolve = props.node('zones', ast.isReferenceListProperty)?.targets.every((t) => t.ref) ?? true;
    const zonesDeclared = zonesResolve ? props.references('zones') : [];
    const replicasNode = props.node('replicas', ast.isReplicasProperty);
    const replicas = Math.max(DEFAULTS.replicas, quantity(replicasNode?.value, 'integer') ?? DEFAULTS.replicas);

    const base: Omit<ComponentBase, 'kind'> = {
        name: node.name, title: node.title ?? props.node('title', ast.isTitleProperty)?.value,
        zonePath, zones: zonesDeclared.length ? zonesDeclared : zonePath.slice(-1),
        replicas,
        replication: replicasNode?.replication,
        syncFollowers: syncFollowers(replicasNode, replicas),
        capacityRps,
        latency: latency ?? (capacityRps ? { kind: 'exponential', meanS: concurrency / capacityRps } : undefined),
        concurrency,
        imported,
        source: locationOf(node, 'name'),
        properties: props.locations(),
    };
    const itemsCapacity = capacityIsItems ? quantity(capacityNode?.value, 'items') : undefined;
    switch (kind) {
        case 'client':
            return { ...base, kind, rps: props.number('rps'), protocol: props.word('protocol') };
        case 'cdn':
            return { ...base, kind, hitRatio: props.number('hit_ratio') ?? DEFAULTS.cdnHitRatio, ttlS: props.number('ttl'), coalesce: props.on('coalesce') };
        case 'loadbalancer':
            return { ...base, kind, loadBalancer: buildLoadBalancer(props) };
        case 'proxy': {
            const caches = capacityIsItems || props.all.some((p) => CACHE_PROPERTIES.has(p.name));
            return {
                ...base, kind, collapsedForwarding: props.on('collapsed_forwarding'),
                coalesce: props.on('coalesce') || props.on('collapsed_forwarding'), ttlS: props.number('ttl'),
                cache: caches ? buildCache(props, itemsCapacity) : undefined,
            };
        }
        case 'service': case 'worker': {
            const consumed = props.reference('consumes');
            return { ...base, kind, consumes: consumed === undefined ? [] : [consumed], stateful: props.on('stateful'), idempotent: props.on('idempotent') };
        }
        case 'cache':
            return {
                ...base, kind, ttlS: props.number('ttl'), cache: buildCache(props, itemsCapacity), coalesce: props.on('coalesce'),
                leader: buildLeader(props, DEFAULTS.leader.other), keys: componentKeys(props),
            };
        case 'database': case 'store': {
            const partition = props.node('partition', ast.isPartitionProperty);
            const store = buildStore(props);
            return {
                ...base, kind, store, partition: partition && buildPartition(partition, props),
                leader: buildLeader(props, kind === 'database' ? DEFAULTS.leader.database : DEFAULTS.leader.other, store.consistency),
                keys: componentKeys(props),
            };
        }
        case 'queue':
            return { ...base, kind, queue: buildQueue(props), leader: buildLeader(props, DEFAULTS.leader.other), keys: componentKeys(props) };
    }
}

/** Followers that acknowledge each write: K of `sync K` (when 1 ≤ K < replicas; validation reports others), every follower for `sync`, none for `async`. */
function syncFollowers(node: ast.ReplicasProperty | undefined, replicas: number): number {
    if (node?.replication !== 'sync') return 0;
    const k = quantity(node.syncFollowers, 'integer');
    return k !== undefined && k >= 1 && k < replicas ? k : replicas - 1;
}

/** The leader of a database, store, cache or queue; failover and reads are a single leader's (validation reports them elsewhere). */
function buildLeader(props: PropertyReader, defaultMode: LeaderSpec['mode'], consistency?: StoreSpec['consistency']): LeaderSpec {
    const mode = props.word('leader') ?? defaultMode;
    const single = mode === 'single';
    const defaultReads = consistency === 'strong' ? DEFAULTS.reads.strong : DEFAULTS.reads.other;
    return {
        mode,
        failoverS: single ? props.number('failover') : undefined,
        replicationLagS: props.number('replication_lag') ?? DEFAULTS.replicationLagS,
        reads: single ? props.word('reads') ?? defaultReads : 'any',
    };
}

/** The component's own `keys N zipf s`, when written. */
function componentKeys(props: PropertyReader): KeySpace | undefined {
    const { keys, zipf } = readKeys(props.node('keys', ast.isKeysProperty));
    return keys !== undefined && keys >= 1 ? { keys, zipf } : undefined;
}

/** A `keys N zipf s` as written: the workload's and a component's read alike. */
export function readKeys(node: ast.KeysProperty | undefined): { keys?: number; zipf: number } {
    return { keys: quantity(node?.value, 'count'), zipf: quantity(node?.skew, 'number') ?? DEFAULTS.workload.zipf };
}

function buildLatency(node: ast.LatencyProperty | undefined): LatencyModel | undefined {
    if (!node) return undefined;
    if (node.value) {
        const meanS = quantity(node.value, 'duration');
        if (meanS === undefined) return undefined;
        return node.const ? { kind: 'const', meanS } : { kind: 'exponential', meanS };
    }
    const p50S = quantity(node.percentiles.find((p) => p.name === 'p50')?.value, 'duration');
    const tail = [...node.percentiles].reverse().find((p) => p.name !== 'p50');
    const tailS = quantity(tail?.value, 'duration');
    if (p50S === undefined || p50S <= 0) return undefined;
    const z = tail ? Z_SCORES[tail.name] : undefined;
    const sigma = tailS !== undefined && z && tailS > p50S ? Math.log(tailS / p50S) / z : 0;
    const mu = Math.log(p50S);
    const p99S = Math.exp(mu + Z_SCORES.p99 * sigma);
    return { kind: 'lognormal', meanS: Math.exp(mu + (sigma * sigma) / 2), p50S, p99S, mu, sigma };
}

function buildLoadBalancer(props: PropertyReader): LoadBalancerSpec {
    const check = props.all.find(ast.isHealthCheckProperty);
    return {
        algorithm: props.word('algorithm') ?? DEFAULTS.loadBalancer.algorithm,
        mode: props.word('mode') ?? DEFAULTS.loadBalancer.mode,
        weights: props.all.find(ast.isNumberListProperty)?.values.map((v) => quantity(v, 'number') ?? 1) ?? [],
        healthCheck: check && buildHealthCheck(check),
    };
}

function buildHealthCheck(node: ast.HealthCheckProperty): HealthCheck {
    const option = (name: ast.HealthCheckOption['name']) => node.options.find((o) => o.name === name)?.value;
    return {
        intervalS: quantity(option('every'), 'duration') ?? DEFAULTS.healthCheck.intervalS,
        timeoutS: quantity(option('timeout'), 'duration') ?? DEFAULTS.healthCheck.timeoutS,
        unhealthyAfter: quantity(option('unhealthy_after'), 'integer') ?? DEFAULTS.healthCheck.unhealthyAfter,
    };
}

function buildCache(props: PropertyReader, capacityItems: number | undefined): CacheSpec {
    const sizeBytes = props.number('size');
    const itemBytes = props.number('item');
    return {
        placement: props.word('placement') ?? DEFAULTS.cache.placement,
        write: props.word('write') ?? DEFAULTS.cache.write,
        eviction: props.word('eviction') ?? DEFAULTS.cache.eviction,
        capacityItems: capacityItems ?? (sizeBytes !== undefined && itemBytes ? Math.floor(sizeBytes / itemBytes) : undefined),
        sizeBytes, itemBytes,
        invalidation: props.word('invalidation') ?? DEFAULTS.cache.invalidation,
    };
}

function buildStore(props: PropertyReader): StoreSpec {
    return {
        model: props.word('model'),
        acid: props.on('acid'),
        consistency: props.word('consistency') ?? DEFAULTS.store.consistency,
        durability: props.word('durability') ?? DEFAULTS.store.durability,
        indexes: props.node('indexes', ast.isWordListProperty)?.values ?? [],
        joins: props.references('joins'), references: props.references('references'),
        writeRatio: props.number('write_ratio'), readAfterWrite: props.on('read_after_write'), sizeBytes: props.number('size'),
        immutable: props.on('immutable'), writeCapacityRps: props.number('write_capacity'),
    };
}

function buildPartition(node: ast.PartitionProperty, props: PropertyReader): PartitionSpec {
    const option = (name: ast.PartitionOption['name']) => node.options.find((o) => o.name === name);
    return {
        schemes: node.schemes.map((s) => ({ scheme: s.scheme, key: s.key })),
        shards: quantity(option('shards')?.value, 'integer') ?? DEFAULTS.partition.shards,
        consistent: option('consistent') !== undefined,
        vnodes: quantity(option('vnodes')?.value, 'integer') ?? DEFAULTS.partition.vnodes,
        via: option('via')?.target?.ref?.name,
        keyTrait: props.word('key'),
    };
}

function buildQueue(props: PropertyReader): QueueSpec {
    const retries = props.number('retries');
    return {
        delivery: props.word('delivery') ?? DEFAULTS.queue.delivery,
        retries: retries ?? DEFAULTS.queue.retries,
        retriesDeclared: retries !== undefined,
        deadLetter: props.reference('dead_letter'),
        maxDepth: props.number('max_depth'),
    };
}

/**
 * The architecture model: a plain, parser-free graph built from the AST with every unit
 * normalised (seconds, requests per second, bytes, counts) and every default applied.
 * Rules, the simulator and the diagram read only this.
 */

/** A 0-based LSP position. */
export interface Position { line: number; character: number }

/** A 0-based LSP range. */
export interface Range { start: Position; end: Position }

/** Where an element came from: the document URI and the range of its most specific text. */
export interface SourceLocation { uri: string; range: Range }

/** Every component kind of the language. */
export type ComponentKind =
    | 'client' | 'cdn' | 'loadbalancer' | 'proxy' | 'service' | 'worker'
    | 'cache' | 'database' | 'queue' | 'store';

/** How a replica's service time is distributed. */
export type LatencyModel =
    | { kind: 'exponential'; meanS: number }
    | { kind: 'const'; meanS: number }
    /** A lognormal fitted to two percentiles; meanS is the fitted mean. */
    | { kind: 'lognormal'; meanS: number; p50S: number; p99S: number; mu: number; sigma: number };

/** Load balancer settings. */
export interface LoadBalancerSpec {
    algorithm: 'round_robin' | 'weighted_round_robin' | 'least_connections' | 'least_response_time'
        | 'least_bandwidth' | 'ip_hash' | 'random';
    mode: 'active_active' | 'active_passive';
    weights: number[];
    healthCheck?: { intervalS: number; timeoutS: number; unhealthyAfter: number };
}

/** Cache settings (a `cache` component, or a `proxy` that caches). */
export interface CacheSpec {
    placement: 'app_server' | 'distributed' | 'global' | 'cdn';
    write: 'write_through' | 'write_around' | 'write_back';
    eviction: 'lru' | 'lfu' | 'fifo' | 'lifo' | 'mru' | 'random';
    /** Capacity in items: given directly, or size / item size. Undefined when unbounded. */
    capacityItems?: number;
    sizeBytes?: number;
    itemBytes?: number;
    ttlS?: number;
    invalidation: 'on_write' | 'ttl_only' | 'none';
}

/** One partitioning scheme; composite partitioning lists several, outermost first. */
export interface PartitionScheme {
    scheme: 'hash' | 'range' | 'list' | 'directory' | 'round_robin';
    key?: string;
}

/** How a store is partitioned. */
export interface PartitionSpec {
    schemes: PartitionScheme[];
    shards: number;
    consistent: boolean;
    /** Virtual nodes per shard on a consistent ring (default 1 when consistent). */
    vnodes: number;
    /** The lookup component of `directory` partitioning. */
    via?: string;
    /** Declared key trait (`key monotonic|natural|random`); undefined when not declared. */
    keyTrait?: 'monotonic' | 'natural' | 'random';
}

/** Database and store settings. */
export interface StoreSpec {
    model?: 'relational' | 'key_value' | 'document' | 'wide_column' | 'graph';
    acid: boolean;
    consistency: 'strong' | 'eventual';
    durability: 'critical' | 'normal' | 'none';
    indexes: string[];
    joins: string[];
    references: string[];
    writeRatio?: number;
    readAfterWrite: boolean;
    sizeBytes?: number;
}

/** Queue settings. */
export interface QueueSpec {
    delivery: 'at_most_once' | 'at_least_once' | 'exactly_once';
    retries: number;
    /** Whether `retries` was written (a default of 0 is not the same as `retries 0`). */
    retriesDeclared: boolean;
    deadLetter?: string;
    maxDepth?: number;
}

/** One component: a tier of identical replicas. */
export interface ArchComponent {
    name: string;
    kind: ComponentKind;
    title?: string;
    /** Zones that hold it, outermost first ([] when in none). */
    zonePath: string[];
    /** Failure domains its replicas live in: its innermost zone, or those `zones [..]` lists. */
    zones: string[];
    replicas: number;
    replication?: 'sync' | 'async';
    /** Requests per second one replica (or one shard, when partitioned) can serve; undefined: not a bottleneck. */
    capacityRps?: number;
    /** Service time; undefined when none is given and none follows from capacity. */
    latency?: LatencyModel;
    /** Requests served at once per replica; Infinity when the component has no capacity. */
    concurrency: number;
    /** Client traffic override (requests per second). */
    rps?: number;
    protocol?: string;
    /** CDN hit ratio (0..1). */
    hitRatio?: number;
    ttlS?: number;
    loadBalancer?: LoadBalancerSpec;
    cache?: CacheSpec;
    collapsedForwarding: boolean;
    store?: StoreSpec;
    partition?: PartitionSpec;
    queue?: QueueSpec;
    /** Queues this worker or service consumes. */
    consumes: string[];
    stateful: boolean;
    /** True when the component is declared in another (imported) document. */
    imported: boolean;
    /** The component's name in its declaration. */
    source: SourceLocation;
    /** The range of each property as written, by property name (e.g. `replicas`, `partition`). */
    properties: Record<string, SourceLocation>;
}

/** A zone: a failure domain and a diagram group. */
export interface ArchZone {
    name: string;
    title?: string;
    parent?: string;
    /** Direct child zones. */
    zones: string[];
    /** Components declared directly inside it. */
    components: string[];
    source: SourceLocation;
}

/** A directed connection between two components. */
export interface ArchEdge {
    /** Stable id: `from->to`. */
    id: string;
    from: string;
    to: string;
    /** `call` waits for the answer, `async` enqueues without waiting, `consume` is a queue feeding its consumer. */
    kind: 'call' | 'async' | 'consume';
    protocol?: string;
    timeoutS?: number;
    retries?: number;
    /** Base of the jittered exponential backoff between retries (`backoff 50ms`). */
    backoffS?: number;
    pollIntervalS?: number;
    /** True when only a flow implies it (no declared connection). */
    implied: boolean;
    source: SourceLocation;
}

/** One step of a flow: a component and the calls it makes in turn. */
export interface FlowStep {
    component: string;
    /** Called one after another; each call may call further. */
    calls: FlowStep[];
    source: SourceLocation;
}

/** A request path with its share of the workload. */
export interface ArchFlow {
    name: string;
    /** Share of workload.rps (0..1): as written, or an even split of what written shares leave. */
    share: number;
    /** Offered rate at the mean (share × workload.rps). */
    rps: number;
    access?: 'read' | 'write';
    root: FlowStep;
    /** Every hop in call order (depth first). */
    hops: { from: string; to: string; kind: ArchEdge['kind'] }[];
    source: SourceLocation;
}

/** The offered load. */
export interface Workload {
    rps: number;
    peak: number;
    /** Key space size; undefined when not declared. */
    keys?: number;
    /** Zipf exponent s (0 = uniform). */
    zipf: number;
    readRatio: number;
    payloadBytes?: number;
}

/** A component or zone failure in a scenario. */
export interface ScenarioFailure {
    target: string;
    targetKind: 'component' | 'zone';
    atS: number;
    forS: number;
    source: SourceLocation;
}

/** A scenario's `spike 3x at 30s for 10s`: the offered load multiplied for a while. */
export interface ScenarioSpike {
    factor: number;
    atS: number;
    forS: number;
    source: SourceLocation;
}

/** A what-if for the simulator. */
export interface ArchScenario {
    name: string;
    title?: string;
    durationS?: number;
    /** Factor on the workload's mean rate; undefined when the scenario does not say. */
    load?: number;
    seed?: number;
    failures: ScenarioFailure[];
    spikes: ScenarioSpike[];
    source: SourceLocation;
}

/** One system: the unit that rules, the simulator and the diagram work on. */
export interface ArchModel {
    name: string;
    title?: string;
    uri: string;
    workload: Workload;
    /** Components by name, in declaration order (imported ones last). */
    components: Map<string, ArchComponent>;
    zones: Map<string, ArchZone>;
    /** Top-level zones in declaration order. */
    rootZones: string[];
    /** Declared connections, then those flows imply, then queue -> consumer edges. */
    edges: ArchEdge[];
    flows: ArchFlow[];
    scenarios: ArchScenario[];
    source: SourceLocation;
}

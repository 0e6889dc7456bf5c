/**
 * The architecture model: a plain, parser-free graph built from the AST with every unit
 * normalised (seconds, requests per second, bytes, counts) and every default applied.
 * Rules, the simulator and the diagram read only this.
 */

import type { ComponentKind, WordOf } from './properties.js';

export type { ComponentKind } from './properties.js';

/** A 0-based LSP position. */
export interface Position { readonly line: number; readonly character: number }

/** A 0-based LSP range. */
export interface Range { readonly start: Position; readonly end: Position }

/** Where an element came from: the document URI and the range of its most specific text. */
export interface SourceLocation { readonly uri: string; readonly range: Range }

/** A percentile a latency or a flow objective names. */
export type Percentile = 'p50' | 'p90' | 'p95' | 'p99' | 'p999';

/** How a replica's service time is distributed. */
export type LatencyModel =
    | { readonly kind: 'exponential'; readonly meanS: number }
    | { readonly kind: 'const'; readonly meanS: number }
    /** A lognormal fitted to two percentiles; meanS is the fitted mean. */
    | { readonly kind: 'lognormal'; readonly meanS: number; readonly p50S: number; readonly p99S: number; readonly mu: number; readonly sigma: number };

/** Load balancer settings. */
export interface LoadBalancerSpec {
    readonly algorithm: WordOf<'algorithm'>;
    readonly mode: WordOf<'mode'>;
    readonly weights: readonly number[];
    readonly healthCheck?: HealthCheck;
}

/** A load balancer's `health_check every 5s timeout 1s unhealthy_after 3`. */
export interface HealthCheck {
    readonly intervalS: number;
    readonly timeoutS: number;
    readonly unhealthyAfter: number;
}

/** Cache settings (a `cache` component, or a `proxy` that caches). */
export interface CacheSpec {
    readonly placement: WordOf<'placement'>;
    readonly write: WordOf<'write'>;
    readonly eviction: WordOf<'eviction'>;
    /** Capacity in items: given directly, or size / item size. Undefined when unbounded. */
    readonly capacityItems?: number;
    readonly sizeBytes?: number;
    readonly itemBytes?: number;
    readonly invalidation: WordOf<'invalidation'>;
}

/** One partitioning scheme; composite partitioning lists several, outermost first. */
export interface PartitionScheme {
    readonly scheme: 'hash' | 'range' | 'list' | 'directory' | 'round_robin';
    readonly key?: string;
}

/** How a store is partitioned. */
export interface PartitionSpec {
    readonly schemes: readonly PartitionScheme[];
    readonly shards: number;
    readonly consistent: boolean;
    /** Virtual nodes per shard on a consistent ring (default 1 when consistent). */
    readonly vnodes: number;
    /** The lookup component of `directory` partitioning. */
    readonly via?: string;
    /** Declared key trait (`key monotonic|natural|random`); undefined when not declared. */
    readonly keyTrait?: WordOf<'key'>;
}

/** Database and store settings. */
export interface StoreSpec {
    readonly model?: WordOf<'model'>;
    readonly acid: boolean;
    readonly consistency: WordOf<'consistency'>;
    readonly durability: WordOf<'durability'>;
    readonly indexes: readonly string[];
    readonly joins: readonly string[];
    readonly references: readonly string[];
    readonly writeRatio?: number;
    readonly readAfterWrite: boolean;
    readonly sizeBytes?: number;
    /** `immutable on`: items never change once written. */
    readonly immutable: boolean;
    /** Writes per second one replica (one shard) takes, where `write_capacity` differs from `capacity`. */
    readonly writeCapacityRps?: number;
}

/** Who takes the writes of a database, store, cache or queue, and where its reads go. */
export interface LeaderSpec {
    /** `leader`: a database has a single leader by default, a store, cache or queue none. */
    readonly mode: WordOf<'leader'>;
    /** Seconds until a follower serves writes once the leader is lost; undefined: manual (writes stop until it returns). Under a single leader only. */
    readonly failoverS?: number;
    /** Mean lag of an async follower, in seconds. */
    readonly replicationLagS: number;
    /** Where reads go: as written under a single leader (default `leader` under strong consistency, else `any`); `any` under multi or none. */
    readonly reads: WordOf<'reads'>;
}

/** A component's own key space (`keys 50M zipf 0.9`). */
export interface KeySpace {
    readonly keys: number;
    /** Zipf exponent s (0 = uniform). */
    readonly zipf: number;
}

/** Queue settings. */
export interface QueueSpec {
    readonly delivery: WordOf<'delivery'>;
    readonly retries: number;
    /** Whether `retries` was written (a default of 0 is not the same as `retries 0`). */
    readonly retriesDeclared: boolean;
    readonly deadLetter?: string;
    readonly maxDepth?: number;
}

/** What every component has, whatever its kind: a tier of identical replicas. */
export interface ComponentBase {
    readonly name: string;
    readonly kind: ComponentKind;
    readonly title?: string;
    /** Zones that hold it, outermost first ([] when in none). */
    readonly zonePath: readonly string[];
    /** Failure domains its replicas live in: its innermost zone, or those `zones [..]` lists. */
    readonly zones: readonly string[];
    /** Copies, the leader included. */
    readonly replicas: number;
    /** Replication as written (`replicas N sync|async`); undefined when not written. */
    readonly replication?: 'sync' | 'async';
    /** Followers that acknowledge each write: all (replicas − 1) for `sync`, K for `sync K`, 0 for `async` or unstated. */
    readonly syncFollowers: number;
    /** Requests per second one replica (or one shard, when partitioned) can serve; undefined: not a bottleneck. */
    readonly capacityRps?: number;
    /** Service time; undefined when none is given and none follows from capacity. */
    readonly latency?: LatencyModel;
    /** Requests served at once per replica; Infinity when the component has no capacity. */
    readonly concurrency: number;
    /** True when the component is declared in another (imported) document. */
    readonly imported: boolean;
    /** The component's name in its declaration. */
    readonly source: SourceLocation;
    /** The range of each property as written, by property name (e.g. `replicas`, `partition`). */
    readonly properties: Readonly<Record<string, SourceLocation>>;
}

/** A traffic origin. */
export interface ClientComponent extends ComponentBase {
    readonly kind: 'client';
    /** Its own offered rate (requests per second), overriding its share of the workload. */
    readonly rps?: number;
    readonly protocol?: WordOf<'protocol'>;
}

/** A CDN: serves its hit ratio of requests at the edge. */
export interface CdnComponent extends ComponentBase {
    readonly kind: 'cdn';
    /** Share of requests served at the edge (0..1). */
    readonly hitRatio: number;
    readonly ttlS?: number;
    /** `coalesce on`: concurrent misses of one key wait for one load. */
    readonly coalesce: boolean;
}

/** A load balancer. */
export interface LoadBalancerComponent extends ComponentBase {
    readonly kind: 'loadbalancer';
    readonly loadBalancer: LoadBalancerSpec;
}

/** A reverse proxy; it caches when it has cache settings. */
export interface ProxyComponent extends ComponentBase {
    readonly kind: 'proxy';
    readonly collapsedForwarding: boolean;
    /** Concurrent misses of one key wait for one load: `coalesce on` or `collapsed_forwarding on`. */
    readonly coalesce: boolean;
    readonly ttlS?: number;
    /** Present when any cache property (or a capacity in items) is written. */
    readonly cache?: CacheSpec;
}

/** An application tier (`service`) or a background one (`worker`). */
export interface TierComponent extends ComponentBase {
    readonly kind: 'service' | 'worker';
    /** Queues it consumes. */
    readonly consumes: readonly string[];
    readonly stateful: boolean;
    /** `idempotent on`: duplicates (redeliveries, retries) do no harm. */
    readonly idempotent: boolean;
}

/** A cache in front of what it caches. */
export interface CacheComponent extends ComponentBase {
    readonly kind: 'cache';
    readonly ttlS?: number;
    readonly cache: CacheSpec;
    /** `coalesce on`: concurrent misses of one key wait for one load. */
    readonly coalesce: boolean;
    readonly leader: LeaderSpec;
    /** Its own key space; undefined when it uses what it caches, or the workload's. */
    readonly keys?: KeySpace;
}

/** A database or an object store. */
export interface StoreComponent extends ComponentBase {
    readonly kind: 'database' | 'store';
    readonly store: StoreSpec;
    readonly partition?: PartitionSpec;
    readonly leader: LeaderSpec;
    /** Its own key space; undefined when the workload's applies. */
    readonly keys?: KeySpace;
}

/** A message queue. */
export interface QueueComponent extends ComponentBase {
    readonly kind: 'queue';
    readonly queue: QueueSpec;
    readonly leader: LeaderSpec;
    /** Its own key space; undefined when the workload's applies. */
    readonly keys?: KeySpace;
}

/** One component, its fields by kind (narrow on `kind`, or with the helpers of model/kinds.ts). */
export type ArchComponent =
    | ClientComponent | CdnComponent | LoadBalancerComponent | ProxyComponent | TierComponent
    | CacheComponent | StoreComponent | QueueComponent;

/** A zone: a failure domain and a diagram group. */
export interface ArchZone {
    readonly name: string;
    readonly title?: string;
    readonly parent?: string;
    /** Direct child zones. */
    readonly zones: readonly string[];
    /** Components declared directly inside it. */
    readonly components: readonly string[];
    readonly source: SourceLocation;
}

/** What a call annotation says (`[x10]`, `[5%]`, `[read]`), defaults applied. */
export interface CallAnnotation {
    /** Calls made per request, in parallel (`[x10]`; default 1). */
    readonly count: number;
    /** Share of requests that make the call, 0..1 (`[5%]`; default 1). */
    readonly share: number;
    /** `[read]` or `[write]`: what this call, and what it calls downstream, does; undefined: as its caller. */
    readonly access?: 'read' | 'write';
    /** Where the annotation is written; undefined when none is. */
    readonly source?: SourceLocation;
}

/** A directed connection between two components. */
export interface ArchEdge {
    /** Stable id: `from->to`. */
    readonly id: string;
    readonly from: string;
    readonly to: string;
    /** `call` waits for the answer, `async` enqueues without waiting, `consume` is a queue feeding its consumer. */
    readonly kind: 'call' | 'async' | 'consume';
    readonly protocol?: string;
    readonly timeoutS?: number;
    readonly retries?: number;
    /** Base of the jittered exponential backoff between retries (`backoff 50ms`). */
    readonly backoffS?: number;
    readonly pollIntervalS?: number;
    /** The annotation written after the call's target; count 1, share 1 when none (always so when implied). */
    readonly call: CallAnnotation;
    /** True when only a flow implies it (no declared connection). */
    readonly implied: boolean;
    readonly source: SourceLocation;
}

/** One step of a flow: a component and the calls it makes in turn. */
export interface FlowStep {
    readonly component: string;
    /** Called one after another; each call may call further. */
    readonly calls: readonly FlowStep[];
    /**
     * The call into this step: the step's own annotation over the declared connection's, one
     * kind (count, share, read/write) at a time. Count 1, share 1 on the first step.
     */
    readonly call: CallAnnotation;
    /** Whether this step reads or writes: its call's `[read]`/`[write]`, else its caller's, else the flow's. */
    readonly access?: 'read' | 'write';
    readonly source: SourceLocation;
}

/** One hop of a flow: a call from one step to the next. */
export interface FlowHop {
    readonly from: string;
    readonly to: string;
    readonly kind: ArchEdge['kind'];
    /** The call as the flow makes it (the `call` of the step it reaches). */
    readonly call: CallAnnotation;
    /** Whether the call reads or writes (the `access` of the step it reaches). */
    readonly access?: 'read' | 'write';
}

/** A flow's objectives, from its header: `p99 300ms`, `availability 99.9%`. */
export interface FlowObjectives {
    /** Latency objectives in seconds, by percentile. */
    readonly latencyS: Readonly<Partial<Record<Percentile, number>>>;
    /** Share of the flow's requests that must complete (0..1]. */
    readonly availability?: number;
}

/** A request path with its share of the workload. */
export interface ArchFlow {
    readonly name: string;
    /** Share of workload.rps (0..1): as written, or an even split of what written shares leave. */
    readonly share: number;
    /** Offered rate at the mean (share × workload.rps). */
    readonly rps: number;
    readonly access?: 'read' | 'write';
    readonly objectives: FlowObjectives;
    readonly root: FlowStep;
    /** Every hop in call order (depth first). */
    readonly hops: readonly FlowHop[];
    readonly source: SourceLocation;
}

/** The offered load. */
export interface Workload {
    readonly rps: number;
    readonly peak: number;
    /** Key space size; undefined when not declared. */
    readonly keys?: number;
    /** Zipf exponent s (0 = uniform). */
    readonly zipf: number;
    readonly readRatio: number;
    readonly payloadBytes?: number;
}

/** A component or zone failure in a scenario. */
export interface ScenarioFailure {
    readonly target: string;
    readonly targetKind: 'component' | 'zone';
    /** `fail X leader`: only the leader of X fails (replica 1, in the first of its zones). */
    readonly leaderOnly: boolean;
    readonly atS: number;
    readonly forS: number;
    readonly source: SourceLocation;
}

/** A scenario's `spike 3x at 30s for 10s`: the offered load multiplied for a while. */
export interface ScenarioSpike {
    readonly factor: number;
    readonly atS: number;
    readonly forS: number;
    readonly source: SourceLocation;
}

/** A what-if for the simulator. */
export interface ArchScenario {
    readonly name: string;
    readonly title?: string;
    readonly durationS?: number;
    /** Factor on the workload's mean rate; undefined when the scenario does not say. */
    readonly load?: number;
    readonly seed?: number;
    readonly failures: readonly ScenarioFailure[];
    readonly spikes: readonly ScenarioSpike[];
    readonly source: SourceLocation;
}

/** One system: the unit that rules, the simulator and the diagram work on. */
export interface ArchModel {
    readonly name: string;
    readonly title?: string;
    readonly uri: string;
    readonly workload: Workload;
    /** Components by name, in declaration order (imported ones last). */
    readonly components: ReadonlyMap<string, ArchComponent>;
    readonly zones: ReadonlyMap<string, ArchZone>;
    /** Top-level zones in declaration order. */
    readonly rootZones: readonly string[];
    /** Declared connections, then those flows imply, then queue -> consumer edges. */
    readonly edges: readonly ArchEdge[];
    readonly flows: readonly ArchFlow[];
    readonly scenarios: readonly ArchScenario[];
    readonly source: SourceLocation;
}

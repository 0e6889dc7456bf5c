/**
 * The one table of properties: where each may appear, what its value means and which
 * words it accepts. Validation, the model builder, hover and completion all read it.
 */
import type { ValueType } from './units.js';

/** Where a property may be written. */
export type PropertyContext = ComponentKind | 'workload' | 'scenario' | 'connection';

/** One property of the language. */
export interface PropertySpec {
    /** Contexts that accept it. */
    contexts: readonly PropertyContext[];
    /** Two or three sentences for hover. */
    doc: string;
    /** Type of its (first) number, when it takes one. */
    value?: ValueType;
    /** Accepted words with their docs, when it takes a word. */
    words?: Readonly<Record<string, string>>;
    /** Inclusive bounds on the normalised number. */
    min?: number;
    max?: number;
    /** The number must be above `min`, not equal to it (`capacity 0` means nothing). */
    exclusiveMin?: boolean;
    /** The kind a reference must point at. */
    references?: ComponentKind | 'zone';
}

/**
 * `table` without a prototype: a name as written (`constructor`, `toString`) finds only what
 * the table lists, with `in` and with an index alike.
 */
function lookup<K extends string, T>(table: Readonly<Record<K, T>>): Readonly<Record<K, T>> {
    // Object.create(null) is typed any; the copy holds exactly the table's own entries.
    return Object.freeze(Object.assign(Object.create(null), table));
}

const KIND_DOCS = {
    client: 'A traffic origin: browsers, mobile apps or partner systems. A client is never a single point of failure.',
    cdn: 'A content delivery network: edge caches that serve static media close to users and absorb their hit ratio of reads.',
    loadbalancer: 'Spreads requests over the replicas behind it by its algorithm and takes failed replicas out after its health check notices.',
    proxy: 'A reverse proxy: can cache responses and collapse concurrent identical requests into one upstream call.',
    service: 'An application tier: stateless replicas that serve requests and call their dependencies in turn.',
    worker: 'A background tier that consumes queues at its capacity.',
    cache: 'An in-memory cache in front of a slower store: a hit ends the request, a miss passes on downstream.',
    database: 'A SQL or NoSQL store, optionally replicated and partitioned into shards.',
    queue: 'A message queue: producers enqueue without waiting, consumers pull at their own pace.',
    store: 'An object or blob store for large immutable payloads (photos, files, backups).',
} as const;

/** Every component kind of the language. */
export type ComponentKind = keyof typeof KIND_DOCS;

/** Every component kind with a one-line doc. */
export const COMPONENT_KINDS: Readonly<Record<ComponentKind, string>> = lookup(KIND_DOCS);

/** The component kinds, in the table's order. */
export const KINDS: readonly ComponentKind[] = ['client', 'cdn', 'loadbalancer', 'proxy', 'service', 'worker', 'cache', 'database', 'queue', 'store'];

/** Whether `word` names a component kind. */
export function isComponentKind(word: string): word is ComponentKind {
    return Object.hasOwn(COMPONENT_KINDS, word);
}

const CACHING = ['cache', 'proxy'] as const;
const STORES = ['database', 'store'] as const;
/** Kinds that hold data in copies: they may have a leader, their own key space, failover. */
const HOLDS_DATA = ['database', 'store', 'cache', 'queue'] as const;
const ON_OFF = { on: 'Enabled.', off: 'Disabled.' } as const;

/** The property table, its words kept as literal types (see WordOf). */
const TABLE = {
    title: { contexts: KINDS, doc: 'A human-readable title shown in the diagram.' },
    replicas: {
        contexts: KINDS, value: 'integer', min: 1, max: 1e6,
        doc: 'Identical copies of this component, the leader included. One replica with no standby is a single point of failure; `sync` replication waits for every follower, `sync K` for K of them (a synchronous standby beside async read replicas), `async` (the default on a database or store) may lose the last writes on failover.',
    },
    capacity: {
        contexts: KINDS, value: 'rate', min: 0, exclusiveMin: true,
        doc: 'Requests per second one replica (or one shard of a partitioned store) can serve; for a cache, `capacity N items` is how many entries it holds. A component with no capacity is never a bottleneck.',
    },
    latency: {
        contexts: KINDS, value: 'duration', min: 0,
        doc: 'Mean service time of one request (`latency 4ms`), deterministic with `const`, or a lognormal fitted to `p50 .. p99 ..`.',
    },
    concurrency: {
        contexts: KINDS, value: 'integer', min: 1,
        doc: 'Requests one replica serves at once. Defaults to capacity × latency rounded to a whole number (at least 1); each then takes concurrency / capacity on average, so the replica serves exactly its capacity.',
    },
    zones: {
        contexts: KINDS, references: 'zone',
        doc: 'Zones that the replicas are spread over, for a component declared outside them.',
    },
    rps: {
        contexts: ['workload', 'client'], value: 'rate', min: 0,
        doc: 'Mean offered requests per second. On a client it overrides the client\'s share of the workload.',
    },
    peak: { contexts: ['workload'], value: 'factor', min: 1, doc: 'Peak over mean: capacity checks use rps × peak.' },
    keys: {
        contexts: ['workload', ...HOLDS_DATA], value: 'count', min: 1,
        doc: 'Size of the key space, with an optional Zipf skew (`keys 500M zipf 1.05`). The skew decides hot keys and cache hit rates; 0 is uniform. On a database, store, cache or queue it is that component\'s own key space; elsewhere the workload\'s applies.',
    },
    read_ratio: { contexts: ['workload'], value: 'ratio', min: 0, max: 1, doc: 'Share of requests that read, where no flow says read or write.' },
    payload: { contexts: ['workload'], value: 'size', min: 0, doc: 'Mean request payload size.' },
    protocol: {
        contexts: ['client'],
        words: {
            https: 'HTTP over TLS.', http: 'Plain HTTP.', grpc: 'gRPC over HTTP/2.', tcp: 'A raw TCP stream.',
            websocket: 'A long-lived bidirectional connection: the server can push.', sse: 'Server-sent events: a long-lived one-way push stream.',
            long_polling: 'The client holds a request open until the server has news.', polling: 'The client asks again at a fixed interval.',
        },
        doc: 'The protocol this client speaks to its entry points.',
    },
    hit_ratio: { contexts: ['cdn'], value: 'ratio', min: 0, max: 1, doc: 'Share of requests the CDN serves from its edge without reaching the origin.' },
    ttl: { contexts: ['cdn', ...CACHING], value: 'duration', min: 0, doc: 'How long an entry lives before it expires and must be fetched again.' },
    algorithm: {
        contexts: ['loadbalancer'],
        words: {
            round_robin: 'Each replica in turn. Simple and fair for equal replicas and equal requests.',
            weighted_round_robin: 'Round robin in proportion to `weights`: for replicas of unequal capacity.',
            least_connections: 'The replica with the fewest open requests: best for long or uneven requests and long-lived connections.',
            least_response_time: 'The replica answering fastest with the fewest open requests.',
            least_bandwidth: 'The replica currently serving the least traffic (Mbps).',
            ip_hash: 'A hash of the client picks the replica: the same client lands on the same replica, which keeps local caches and sessions warm.',
            random: 'A replica at random: each behaves as an independent queue, so queues build up unevenly.',
        },
        doc: 'How the load balancer picks a replica for each request.',
    },
    health_check: {
        contexts: ['loadbalancer'],
        doc: 'Probes replicas `every` interval, each with a `timeout`; after `unhealthy_after` failures in a row a replica is taken out. Until then its requests fail.',
    },
    mode: {
        contexts: ['loadbalancer'],
        words: {
            active_active: 'All replicas serve traffic at once.',
            active_passive: 'One replica serves while a standby waits to take over.',
        },
        doc: 'Whether all load balancer replicas serve at once or a standby waits.',
    },
    weights: { contexts: ['loadbalancer'], value: 'number', min: 0, doc: 'Relative weights of the replicas behind a weighted round robin balancer.' },
    collapsed_forwarding: {
        contexts: ['proxy'], words: ON_OFF,
        doc: 'Concurrent identical misses are collapsed into one upstream request.',
    },
    consumes: { contexts: ['service', 'worker'], references: 'queue', doc: 'The queue this tier pulls messages from, at its capacity.' },
    stateful: { contexts: ['service', 'worker'], words: ON_OFF, doc: 'Whether replicas keep per-user state, so requests must stick to one replica.' },
    idempotent: {
        contexts: ['service', 'worker'], words: ON_OFF,
        doc: 'A retried or redelivered request has no extra effect: duplicates from at-least-once delivery or client retries do no harm.',
    },
    coalesce: {
        contexts: ['cache', 'proxy', 'cdn'], words: ON_OFF,
        doc: 'Concurrent misses of one key wait for one load (single flight), as `collapsed_forwarding on` does on a proxy: an expired hot key costs one load, not a stampede.',
    },
    placement: {
        contexts: CACHING,
        words: {
            app_server: 'One cache per application replica, in its memory: fast, but each replica caches its own keys.',
            distributed: 'A cache cluster shared by all replicas, keys partitioned over its nodes.',
            global: 'One cache shared by everything: simple, and a shared dependency.',
            cdn: 'At the network edge, for static content.',
        },
        doc: 'Where the cache lives relative to the tier that uses it.',
    },
    write: {
        contexts: CACHING,
        words: {
            write_through: 'Writes go to the cache and the store together: consistent, but every write pays both round trips.',
            write_around: 'Writes go to the store only and invalidate the cache: no cache pollution, but a fresh write always misses once.',
            write_back: 'Writes are acknowledged by the cache and flushed later: fastest, but a cache failure loses acknowledged writes.',
        },
        doc: 'The cache write policy.',
    },
    eviction: {
        contexts: CACHING,
        words: {
            lru: 'Evicts the least recently used entry: the safe default for skewed, recency-driven traffic.',
            lfu: 'Evicts the least frequently used entry: strong under stable popularity, slow to adapt when it shifts.',
            fifo: 'Evicts the oldest inserted entry, however popular: usually below LRU.',
            lifo: 'Evicts the newest entry: keeps stale data, poor for most workloads.',
            mru: 'Evicts the most recently used entry: only for cyclic scans larger than the cache.',
            random: 'Evicts a random entry: cheap, usually a little below LRU.',
        },
        doc: 'Which entry the cache drops when it is full.',
    },
    size: { contexts: [...CACHING, 'store'], value: 'size', min: 0, doc: 'Total size in bytes; for a cache, `size 64GB item 1KB` gives its capacity in items.' },
    item: { contexts: CACHING, value: 'size', min: 1, doc: 'Mean size of one cached item.' },
    invalidation: {
        contexts: CACHING,
        words: {
            on_write: 'Entries are invalidated when the store is written.',
            ttl_only: 'Entries live until their ttl: reads may be stale until then.',
            none: 'Entries are never invalidated: reads may be stale indefinitely.',
        },
        doc: 'How cached entries learn that the store changed.',
    },
    model: {
        contexts: STORES,
        words: {
            relational: 'Tables with SQL, joins and transactions.',
            key_value: 'Values looked up by key: simple and easy to partition.',
            document: 'Self-contained documents, queried by fields.',
            wide_column: 'Rows of sparse columns grouped by partition key (Cassandra, HBase).',
            graph: 'Nodes and edges, for relationship-heavy queries.',
        },
        doc: 'The data model of the store.',
    },
    acid: { contexts: STORES, words: ON_OFF, doc: 'Whether the store promises ACID transactions.' },
    consistency: {
        contexts: STORES,
        words: {
            strong: 'Every read sees the latest acknowledged write.',
            eventual: 'Replicas converge; a read may see an older value for a while.',
        },
        doc: 'The consistency model the store promises its readers.',
    },
    durability: {
        contexts: STORES,
        words: {
            critical: 'Losing an acknowledged write is unacceptable.',
            normal: 'Rare loss on failure is tolerated.',
            none: 'A scratch store: data may be lost.',
        },
        doc: 'How much an acknowledged write must survive failures.',
    },
    partition: {
        contexts: STORES,
        doc: 'How rows are spread over shards: `hash(k)`, `range(k)`, `list(k)`, `round_robin`, `directory(k) via X`, composite with `then`; `shards N`, `consistent vnodes V` for a consistent ring.',
    },
    key: {
        contexts: STORES,
        words: {
            monotonic: 'Keys grow over time (timestamps, sequences): range partitioning sends all new writes to the newest shard.',
            natural: 'Keys from the domain (zip code, country): popularity follows the real world, unevenly.',
            random: 'Keys spread uniformly (UUIDs, hashes).',
        },
        doc: 'The trait of the partition key, which decides hot shards.',
    },
    indexes: { contexts: STORES, doc: 'Secondary indexes: each speeds its reads and slows every write.' },
    joins: { contexts: STORES, references: 'database', doc: 'Stores this one is joined with in queries.' },
    references: { contexts: STORES, references: 'database', doc: 'Stores whose rows this one references (foreign keys).' },
    write_ratio: { contexts: STORES, value: 'ratio', min: 0, max: 1, doc: 'Share of this store\'s requests that write.' },
    read_after_write: { contexts: STORES, words: ON_OFF, doc: 'Whether clients read their own writes immediately after writing.' },
    leader: {
        contexts: HOLDS_DATA,
        words: {
            single: 'One leader (per shard) takes every write and its followers copy it: write capacity is one replica\'s, reads spread over the replicas `reads` names.',
            multi: 'Every replica accepts writes and applies the others\' (conflicting writes need resolution). Adds no write capacity: every replica applies every write.',
            none: 'Leaderless quorum (Dynamo, Cassandra): reads spread over all replicas, and every write is applied by all.',
        },
        doc: 'Who takes the writes of a replicated component. A database has a single leader by default; a store, cache or queue has none.',
    },
    failover: {
        contexts: HOLDS_DATA, value: 'duration', min: 0,
        doc: 'Under a single leader: after the leader is lost, a follower (a synchronous one where there is one) serves writes within this time, and writes fail until then. Without it, promotion is manual: writes stop until the leader returns.',
    },
    replication_lag: {
        contexts: HOLDS_DATA, value: 'duration', min: 0,
        doc: 'How far an async follower is behind the leader on average (default 100ms): a read from a follower within this time of a write to the same key misses it.',
    },
    reads: {
        contexts: HOLDS_DATA,
        words: {
            any: 'Reads spread over every replica, the leader included.',
            leader: 'Every read goes to the leader: always fresh, and the followers serve none.',
            followers: 'Reads go to the followers only, leaving the leader to writes; they may be behind by the replication lag.',
        },
        doc: 'Where the reads of a single-leader component go: to the `leader` by default under `consistency strong`, else to `any` replica. Under `leader multi` or `none` reads go to any replica.',
    },
    write_capacity: {
        contexts: STORES, value: 'rate', min: 0, exclusiveMin: true,
        doc: 'Writes per second one replica (one shard, when partitioned) can take, where it differs from `capacity`, which then means reads.',
    },
    immutable: {
        contexts: STORES, words: ON_OFF,
        doc: 'Items are written once and never change: stale reads and invalidation do not apply to updates. A read of an item just created, from a lagging follower, can still miss it.',
    },
    delivery: {
        contexts: ['queue'],
        words: {
            at_most_once: 'A message may be lost, never repeated.',
            at_least_once: 'A message is never lost but may be repeated: consumers must be idempotent, and retries need a dead letter queue.',
            exactly_once: 'Each message takes effect once: costly, needs transactional consumers.',
        },
        doc: 'The queue\'s delivery guarantee.',
    },
    retries: {
        contexts: ['queue', 'connection'], value: 'integer', min: 0, max: 100,
        doc: 'How often a failed message or call is tried again.',
    },
    dead_letter: { contexts: ['queue'], references: 'queue', doc: 'Where messages go after their last retry fails.' },
    max_depth: { contexts: ['queue'], value: 'count', min: 1, doc: 'Most messages the queue holds; beyond it producers are refused.' },
    timeout: { contexts: ['connection'], value: 'duration', min: 0, doc: 'How long a call waits for its answer: past it the call fails for the caller (and is retried if `retries` allows), while the callee still does the work.' },
    backoff: {
        contexts: ['connection'], value: 'duration', min: 0,
        doc: 'Base of the jittered exponential backoff before each retry (default 10ms): retry k waits a random time up to backoff × 2^k.',
    },
    duration: { contexts: ['scenario'], value: 'duration', min: 0, exclusiveMin: true, doc: 'Simulated time of the scenario.' },
    load: { contexts: ['scenario'], value: 'factor', min: 0, doc: 'Factor on the workload\'s mean rate during the scenario.' },
    seed: { contexts: ['scenario'], value: 'integer', min: 0, doc: 'Random seed: the same seed gives the same report.' },
    fail: { contexts: ['scenario'], value: 'duration', doc: 'Takes a component or a whole zone down: `fail X at 30s for 60s`.' },
    spike: { contexts: ['scenario'], value: 'factor', min: 0, doc: 'Multiplies the offered load for a while: `spike 3x at 30s for 10s`. Shows whether the system recovers once the spike ends.' },
} as const satisfies Readonly<Record<string, PropertySpec>>;

/** Property specs by name, for looking up a name as written. */
export const PROPERTIES: Readonly<Record<string, PropertySpec>> = lookup<string, PropertySpec>(TABLE);

/** The name of a property of the language. */
export type PropertyName = keyof typeof TABLE;

/** The words property `N` accepts, as a union of literals (`'lru' | 'lfu' | ...` for eviction). */
export type WordOf<N extends PropertyName> = (typeof TABLE)[N] extends { readonly words: infer W } ? Extract<keyof W, string> : never;

/** Whether `value` is one of the words property `name` accepts. */
export function isWordOf<N extends PropertyName>(name: N, value: string): value is WordOf<N> {
    const words: Readonly<Record<string, string>> | undefined = PROPERTIES[name].words;
    return words !== undefined && Object.hasOwn(words, value);
}

/** Connection protocols with their docs (shared with the client `protocol` property). */
export const PROTOCOLS: Readonly<Record<string, string>> = lookup({
    ...TABLE.protocol.words,
    sql: 'A database session.',
    async: 'Enqueue and do not wait: the caller continues at once.',
});

/** Sub-options of multi-part properties, with their value types. */
export const OPTION_TYPES: Readonly<Record<string, ValueType>> = lookup({
    every: 'duration', timeout: 'duration', unhealthy_after: 'integer',
    shards: 'integer', vnodes: 'integer', zipf: 'number', at: 'duration', for: 'duration',
});

/** Whether `name` may appear in `context`. */
export function allowedIn(name: string, context: PropertyContext): boolean {
    return PROPERTIES[name]?.contexts.includes(context) ?? false;
}

/** The value type of `name` in `context`: a cache's capacity counts items unless it says `rps`. */
export function valueTypeOf(name: string, context: PropertyContext, unit?: string): ValueType | undefined {
    if (name === 'capacity' && (context === 'cache' || context === 'proxy') && unit !== 'rps') return 'items';
    return PROPERTIES[name]?.value;
}

/** Structural keywords with their docs. */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = lookup({
    system: 'One architecture: its workload, components, zones, connections, flows and scenarios. A file may hold several.',
    zone: 'An availability zone or region: a group in the diagram and a failure domain for the linter and the simulator. Zones nest.',
    workload: 'The offered load: `rps`, `peak`, `keys N zipf s`, `read_ratio`, `payload`.',
    flow: 'A request path with its share of the workload (`flow name 95% read : a -> b -> { c, d }`). Where flows are declared, they alone carry traffic.',
    scenario: 'A what-if for the simulator: `duration`, `load 2x`, `seed N`, `fail X at T for D`, `spike 3x at T for D`.',
    import: 'Brings another file\'s components into scope, relative to this file.',
    read: 'The flow reads: caches can serve it.',
    write: 'The flow writes: it passes caches by their write policy and reaches the store.',
    sync: 'Followers confirm each write before it is acknowledged (`sync K`: K of them do, the others are async): no loss on failover, slower writes.',
    async: 'Followers catch up after the write is acknowledged (replicas), or the caller enqueues and does not wait (connections).',
    const: 'Every request takes exactly this long (deterministic service time).',
    rps: 'Requests per second.',
    items: 'Entries the cache holds.',
});

/** Sub-options of multi-part properties with their docs. */
export const OPTION_DOCS: Readonly<Record<string, string>> = lookup({
    every: 'How often the health check probes each replica (or how often a polling client asks).',
    timeout: 'How long a probe or call waits for its answer.',
    unhealthy_after: 'Failed probes in a row before a replica is taken out. Detection takes about every × unhealthy_after.',
    shards: 'Number of partitions.',
    consistent: 'Consistent hashing: adding a shard moves about 1/N of the keys instead of nearly all of them.',
    vnodes: 'Virtual nodes per shard on the ring: more vnodes spread load more evenly (spread ≈ 1/√vnodes).',
    via: 'The lookup component that maps keys to shards in directory partitioning.',
    then: 'Composite partitioning: the next scheme splits each partition of the previous one.',
    zipf: 'Popularity skew of the keys: 0 is uniform; around 1 a few keys take most requests.',
    at: 'When the failure or spike starts.',
    for: 'How long the failure or spike lasts.',
    hash: 'Hash partitioning: `hash(key) % shards`, or a ring with `consistent`.',
    range: 'Range partitioning: contiguous key ranges per shard; monotonic keys pile onto the newest shard.',
    list: 'List partitioning: each shard owns a list of key values (countries, regions).',
    round_robin: 'Rows dealt to shards in turn: even, but a read by key must ask every shard.',
    directory: 'A lookup service maps each key to its shard: flexible, and a shared dependency.',
    p50: 'Median latency.', p90: '90th percentile latency.', p95: '95th percentile latency.', p99: '99th percentile latency.', p999: '99.9th percentile latency.',
    leader: 'After `fail X`: only the leader of X fails (replica 1, in the first of its zones), to test its failover.',
});

/** A flow's objectives (`flow f 5% write p99 300ms availability 99.9% : ...`) with their docs. */
export const OBJECTIVE_DOCS: Readonly<Record<string, string>> = lookup({
    p50: 'Objective: half of the flow\'s requests complete within this time, end to end.',
    p90: 'Objective: 90% of the flow\'s requests complete within this time, end to end.',
    p95: 'Objective: 95% of the flow\'s requests complete within this time, end to end.',
    p99: 'Objective: 99% of the flow\'s requests complete within this time, end to end. The tail grows with every fan-out on the path.',
    p999: 'Objective: 99.9% of the flow\'s requests complete within this time, end to end.',
    availability: 'Objective: at least this share of the flow\'s requests complete (`99.9%` or `0.999`), judged over the system\'s scenarios and by the simulator.',
});

/** The items of a call annotation (`[x10]`, `[5%]`, `[read]`) with their docs, by kind of item. */
export const ANNOTATION_DOCS: Readonly<Record<'count' | 'share' | 'read' | 'write', string>> = lookup({
    count: 'Calls per request (`x10` or `10x`), made in parallel: traffic downstream of this call is multiplied, and a synchronous caller waits for the slowest.',
    share: 'Only this share of requests make the call (`5%`): traffic downstream of it is scaled by it.',
    read: 'This call, and what it calls downstream, reads whatever the flow\'s kind: caches can serve it and a single-leader store serves it from the replicas `reads` names.',
    write: 'This call, and what it calls downstream, writes whatever the flow\'s kind: it passes caches by their write policy and goes to a store\'s leader.',
});

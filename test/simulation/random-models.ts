/**
 * Random architectures for property tests: clients, an optional load balancer over one or two
 * service tiers, services that call later services, caches, stores (plain, hash- or
 * round-robin-partitioned) and queues (async) whose workers call on into stores, with or
 * without flows. Every tier has ample capacity, so what reaches a component is decided by
 * routing alone. Caches hit always (a small key space they hold whole) or never (a huge one):
 * the two regimes where the hit rate is known exactly, so throughput can be compared within
 * Poisson noise. A v2 shape adds the language's second version: calls made `[xN]` times or by
 * `[P%]` of requests, `[read]`/`[write]` calls, stores with a leader mode, replicas `sync K`,
 * `reads`, `write_capacity` and keys of their own (in the same two regimes), store write
 * ratios without flows, and flows that go on through a queue to its worker.
 */
import fc from 'fast-check';

const ALGORITHMS = ['round_robin', 'weighted_round_robin', 'least_connections', 'least_response_time', 'ip_hash', 'random'] as const;

/** The random choices a model is built from. */
export interface Shape {
    rps: number;
    readRatio: number;
    /** 'few': 200 uniform keys, which every cache holds; 'many': a billion, which none does. */
    keys: 'few' | 'many';
    clients: number;
    lb: { algorithm: (typeof ALGORITHMS)[number]; targets: number } | undefined;
    services: number[];
    stores: { partition: 'none' | 'hash' | 'round_robin'; shards: number }[];
    caches: { store: number; write: 'write_through' | 'write_around' }[];
    queues: { calls: number }[];
    /** Per service: chosen targets, as indexes into the list of what it may call. */
    calls: number[][];
    flows: { share: number; access: 'read' | 'write' | ''; picks: number[] }[] | undefined;
    /** The v2 additions, or undefined for a v1 model. */
    v2: V2 | undefined;
}

/** A v2 shape's choices: per call an annotation, per store its replication and keys. */
export interface V2 {
    /** Per call (indexed like the calls, wrapping): count 1..3, share 100% or 50%, access. */
    annotations: { count: number; half: boolean; access: 'read' | 'write' | '' }[];
    stores: {
        leader: 'single' | 'multi' | 'none';
        replicas: number;
        sync: number;
        reads: 'any' | 'leader' | 'followers' | '';
        keys: 'own-few' | 'own-many' | '';
        writeRatio: boolean;
        writeCapacity: boolean;
    }[];
}

const V2_SHAPES: fc.Arbitrary<V2> = fc.record({
    annotations: fc.array(fc.record({
        count: fc.integer({ min: 1, max: 3 }), half: fc.boolean(), access: fc.constantFrom('read' as const, 'write' as const, '' as const),
    }), { minLength: 1, maxLength: 8 }),
    stores: fc.array(fc.record({
        leader: fc.constantFrom('single' as const, 'multi' as const, 'none' as const),
        replicas: fc.integer({ min: 1, max: 3 }),
        sync: fc.nat(2),
        reads: fc.constantFrom('any' as const, 'leader' as const, 'followers' as const, '' as const),
        keys: fc.constantFrom('own-few' as const, 'own-many' as const, '' as const),
        writeRatio: fc.boolean(),
        writeCapacity: fc.boolean(),
    }), { minLength: 3, maxLength: 3 }),
});

/** An arbitrary shape. */
export const shapes: fc.Arbitrary<Shape> = fc.record({
    rps: fc.integer({ min: 100, max: 400 }),
    readRatio: fc.constantFrom(0, 0.5, 0.8, 1),
    keys: fc.constantFrom('few' as const, 'many' as const),
    clients: fc.integer({ min: 1, max: 2 }),
    lb: fc.option(fc.record({ algorithm: fc.constantFrom(...ALGORITHMS), targets: fc.integer({ min: 1, max: 2 }) }), { nil: undefined }),
    services: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }),
    stores: fc.array(fc.record({
        partition: fc.constantFrom('none' as const, 'hash' as const, 'round_robin' as const),
        shards: fc.integer({ min: 2, max: 4 }),
    }), { minLength: 1, maxLength: 3 }),
    caches: fc.array(fc.record({ store: fc.nat(2), write: fc.constantFrom('write_through' as const, 'write_around' as const) }), { maxLength: 2 }),
    queues: fc.array(fc.record({ calls: fc.nat(3) }), { maxLength: 3 }),
    calls: fc.array(fc.array(fc.nat(20), { maxLength: 4 }), { minLength: 4, maxLength: 4 }),
    flows: fc.option(fc.array(fc.record({
        share: fc.integer({ min: 10, max: 40 }),
        access: fc.constantFrom('read' as const, 'write' as const, '' as const),
        picks: fc.array(fc.nat(20), { minLength: 12, maxLength: 12 }),
    }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    v2: fc.option(V2_SHAPES, { nil: undefined, freq: 2 }),
});

/** The Arch text of a shape. */
export function modelText(shape: Shape): string {
    const lines: string[] = [];
    const keys = shape.keys === 'few' ? 'keys 200 zipf 0' : 'keys 1B zipf 0';
    lines.push(`workload { rps ${shape.rps} ${keys} read_ratio ${shape.readRatio} }`);
    const clients = Array.from({ length: shape.clients }, (_, i) => `c${i}`);
    for (const c of clients) lines.push(`client ${c}`);
    const services = shape.services.map((_, i) => `s${i}`);
    shape.services.forEach((replicas, i) => lines.push(`service s${i} { replicas ${replicas} capacity 50k rps latency 0.2ms }`));
    const stores = shape.stores.map((_, i) => `d${i}`);
    shape.stores.forEach((s, i) => {
        const partition = s.partition === 'none' ? '' : s.partition === 'hash' ? `partition hash(id) shards ${s.shards}` : `partition round_robin shards ${s.shards}`;
        lines.push(`database d${i} { ${shape.v2 ? storeV2(shape.v2.stores[i], shape.flows !== undefined) : 'replicas 2'} capacity 50k rps latency 0.2ms ${partition} }`);
    });
    // A cache stands in front of one store, which it caches whole or not at all.
    const caches = shape.caches.filter((c, i, all) => c.store < stores.length && all.findIndex((o) => o.store === c.store) === i);
    caches.forEach((c, i) => {
        lines.push(`cache k${i} { capacity 1000 items write ${c.write} invalidation none }`);
        lines.push(`k${i} -> d${c.store}`);
    });
    const cacheOf = (store: number) => caches.findIndex((c) => c.store === store);
    const queues = shape.queues.map((_, i) => `q${i}`);
    const workerCalls = shape.queues.map((q) => {
        const store = q.calls % stores.length;
        return cacheOf(store) >= 0 ? `k${cacheOf(store)}` : `d${store}`;
    });
    queues.forEach((q, i) => {
        lines.push(`queue ${q} { retries 1 }`);
        lines.push(`worker w${i} { replicas 2 capacity 50k rps latency 0.2ms consumes ${q} }`);
        lines.push(`w${i} -> ${workerCalls[i]}`);
    });
    const entryTargets = shape.lb ? services.slice(0, Math.min(shape.lb.targets, services.length)) : [services[0]];
    if (shape.lb) {
        const weights = shape.lb.algorithm === 'weighted_round_robin' ? `weights [${entryTargets.map((_, i) => i + 1).join(', ')}]` : '';
        lines.push(`loadbalancer lb { algorithm ${shape.lb.algorithm} ${weights} }`);
        for (const c of clients) lines.push(`${c} -> lb`);
        for (const t of entryTargets) lines.push(`lb -> ${t}`);
    } else {
        for (const c of clients) lines.push(`${c} -> ${services[0]}`);
    }
    // What service i may call: later services, stores (through their cache when they have one), queues.
    const callable = (i: number) => [
        ...services.slice(i + 1),
        ...stores.map((d, k) => (cacheOf(k) >= 0 ? `k${cacheOf(k)}` : d)),
        ...queues,
    ];
    const calls = services.map((_, i) => [...new Set((shape.calls[i] ?? []).map((p) => callable(i)[p % callable(i).length]))]);
    let call = 0;
    const annotation = () => (shape.v2 ? annotationText(shape.v2.annotations[call++ % shape.v2.annotations.length]) : '');
    services.forEach((s, i) => {
        for (const t of calls[i]) lines.push(`${s} -> ${t}${annotation()}${t.startsWith('q') ? ' : async' : ''}`);
    });
    if (shape.flows) lines.push(...flowLines(shape, clients, entryTargets, calls, services, workerCalls, annotation));
    return `system Random {\n  ${lines.join('\n  ')}\n}\n`;
}

/** A v2 store's replication and keys (a write ratio only where no flow says who writes). */
function storeV2(store: V2['stores'][number], flows: boolean): string {
    const sync = store.leader === 'single' && store.replicas > 1 && store.sync > 0 ? ` sync ${Math.min(store.sync, store.replicas - 1)}` : '';
    const leader = store.leader === 'single' ? 'leader single' : `leader ${store.leader} consistency eventual`;
    const reads = store.leader === 'single' && store.reads ? ` reads ${store.reads}` : '';
    const keys = store.keys === 'own-few' ? ' keys 150 zipf 0' : store.keys === 'own-many' ? ' keys 1B zipf 0' : '';
    const writeRatio = store.writeRatio && !flows ? ' write_ratio 0.3' : '';
    const writeCapacity = store.writeCapacity ? ' write_capacity 20k rps' : '';
    return `replicas ${store.replicas}${sync} ${leader}${reads}${keys}${writeRatio}${writeCapacity}`;
}

/** A call's annotation, or nothing when it says nothing. */
function annotationText(a: V2['annotations'][number]): string {
    const items = [a.count > 1 ? `x${a.count}` : '', a.half ? '50%' : '', a.access].filter(Boolean);
    return items.length ? ` [${items.join(' ')}]` : '';
}

/**
 * Flows as trees along the declared calls: each step keeps the calls its picks choose; in a v2
 * shape a step may annotate its call (over the connection's, kind by kind), and a queue's step
 * goes on to its worker.
 */
function flowLines(
    shape: Shape, clients: string[], entryTargets: string[], calls: string[][], services: string[], workerCalls: string[], annotation: () => string,
): string[] {
    const total = shape.flows!.reduce((a, f) => a + f.share, 0);
    return shape.flows!.map((flow, f) => {
        let pick = 0;
        const next = () => flow.picks[pick++ % flow.picks.length];
        const step = (name: string, depth: number): string => {
            const own = depth > 0 && shape.v2 && next() % 3 === 0 ? annotation() : '';
            if (name.startsWith('q') && shape.v2 && next() % 2 === 0) {
                const queue = Number(name.slice(1));
                return `${name}${own} -> w${queue} -> ${workerCalls[queue]}${next() % 2 === 0 ? annotation() : ''}`;
            }
            const options = name.startsWith('k') || name.startsWith('q') ? [] : calls[services.indexOf(name)] ?? [];
            const kept = depth > 3 ? [] : options.filter(() => next() % 2 === 0);
            // A cache step goes on to its store, where the declared connection leads.
            const after = name.startsWith('k') ? [] : kept.map((t) => step(t, depth + 1));
            if (!after.length) return `${name}${own}`;
            return after.length === 1 ? `${name}${own} -> ${after[0]}` : `${name}${own} -> { ${after.join(', ')} }`;
        };
        const client = clients[next() % clients.length];
        const entry = entryTargets[next() % entryTargets.length];
        const path = shape.lb ? `${client} -> lb -> ${step(entry, 0)}` : `${client} -> ${step(entry, 0)}`;
        // Shares above 100% in all are an error: scale them down to fit.
        const share = total > 100 ? Math.floor((flow.share * 100) / total) : flow.share;
        return `flow f${f} ${share}% ${flow.access} : ${path}`;
    });
}

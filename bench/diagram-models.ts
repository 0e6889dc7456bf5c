/**
 * Generated systems for the diagram benchmarks: seeded, so every run draws the same graph.
 * `diagramBenchModel` is the speed bench's random DAG in zones; `readableBenchModel` adds what
 * real designs have and plain connections do not show (dead-letter queues, `references` and
 * `joins`, a directory's lookup service, components spread over zones, long titles).
 */

const KINDS = ['service', 'cache', 'database', 'queue', 'worker', 'store'] as const;
const PROTOCOLS = ['https', 'grpc', 'sql', 'tcp'];

/** A seeded PRNG (mulberry32): the same graph every run. */
export function random(seed: number): () => number {
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

interface Generated { lines: string[]; names: string[]; kinds: string[]; zoneCount: number; rnd: () => number }

/** `n` components in zones of ~25 behind one client, wired as a random DAG with ~1.5 edges per component. */
function generate(n: number, name: string, title: string): Generated {
    const rnd = random(n);
    const lines = [`system ${name} "${title}" {`, '  client users { protocol https }'];
    const names: string[] = [], kinds: string[] = [];
    let zoneCount = 0;
    for (; names.length < n - 1; zoneCount++) {
        lines.push(`  zone z${zoneCount} {`);
        for (let i = 0; i < 25 && names.length < n - 1; i++) {
            const id = names.length;
            const kind = KINDS[Math.floor(rnd() * KINDS.length)];
            names.push(`${kind}_${id}`);
            kinds.push(kind);
            const props = kind === 'database' ? `partition hash(k) shards ${4 + (id % 28)}` : `replicas ${1 + (id % 4)}`;
            lines.push(`    ${kind} ${kind}_${id} "Component number ${id}" { ${props} }`);
        }
        lines.push('  }');
    }
    lines.push(`  users -> ${names[0]} : https`);
    const edges = new Set<string>();
    const connect = (from: number, to: number) => {
        const key = `${names[from]} -> ${names[to]}`;
        if (edges.has(key)) return;
        edges.add(key);
        const protocol = rnd() < 0.35 ? ` : ${PROTOCOLS[Math.floor(rnd() * PROTOCOLS.length)]}` : '';
        lines.push(`  ${key}${protocol}`);
    };
    for (let i = 1; i < names.length; i++) {
        connect(Math.max(0, i - 1 - Math.floor(rnd() * Math.min(i, 12))), i);
        if (rnd() < 0.5) connect(Math.max(0, i - 1 - Math.floor(rnd() * Math.min(i, 40))), i);
    }
    return { lines, names, kinds, zoneCount, rnd };
}

/** The speed bench's system: `n` components, zones of ~25, a random DAG. */
export function diagramBenchModel(n: number): string {
    const { lines } = generate(n, `Bench${n}`, 'Generated for the diagram bench');
    return [...lines, '}'].join('\n');
}

/**
 * The readability bench's system: a tiered architecture of `n` components, as real designs are
 * (few layers deep, wide): two clients; domains of 25 in their own zones, each a balancer,
 * services, caches, databases, queues with workers and dead-letter queues, a store, a
 * directory-partitioned database with its lookup service, `references` and `joins` between
 * databases, and a cache spread over two zones; some services call into the next domain.
 */
export function readableBenchModel(n: number): string {
    const rnd = random(n + 7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
    const domains = Math.max(1, Math.round((n - 2) / 25));
    const shared = Math.floor(domains / 2);
    const lines = [`system Tiered${n} "Generated for the diagram readability bench" {`, '  client web "Browsers" { protocol https }', '  client mobile "iOS and Android apps" { protocol https }'];
    const edges: string[] = [];
    const entry: string[][] = [];
    const LONG = ['Precomputed timelines for the home feed of every user', 'Payment ledger with double-entry bookkeeping', 'Search index over every listing'];
    for (let d = 0; d < domains; d++) {
        // Components left are shared evenly, so that the system has exactly n.
        let room = Math.floor((n - 2 - shared) / domains) + (d < (n - 2 - shared) % domains ? 1 : 0);
        const add = (name: string, line: string, list?: string[]) => {
            if (room <= 0) return false;
            room--;
            lines.push(`    ${line.replace('NAME', name)}`);
            list?.push(name);
            return true;
        };
        const svc: string[] = [], caches: string[] = [], dbs: string[] = [], queues: string[] = [];
        lines.push(`  zone d${d} "Domain ${d}" {`);
        add(`lb${d}`, 'loadbalancer NAME { replicas 2 }');
        for (let i = 0; i < 3; i++) add(`svc${d}_${i}`, `service NAME "Service ${i} of domain ${d}" { replicas ${2 + (i % 3)} }`, svc);
        const directory = add(`dir${d}`, 'service NAME "Shard directory" { replicas 2 }');
        for (let i = 0; i < 4; i++) {
            const extra = i === 0 && directory ? ` partition directory(id) via dir${d} shards 8` : i === 1 ? ` references [db${d}_0] joins [db${d}_2]` : ` partition hash(k) shards ${8 + 8 * i}`;
            add(`db${d}_${i}`, `database NAME "${i === 2 ? pick(LONG) : `Store ${i}`}" { replicas 3${extra} }`, dbs);
        }
        for (let i = 0; i < 3; i++) add(`cache${d}_${i}`, 'cache NAME { replicas 2 }', caches);
        for (let i = 0; i < 2; i++) {
            if (room < 3) break;
            add(`q${d}_${i}`, `queue NAME { delivery at_least_once retries 3 dead_letter dlq${d}_${i} }`, queues);
            add(`dlq${d}_${i}`, 'queue NAME');
            add(`w${d}_${i}`, `worker NAME { replicas 2 consumes q${d}_${i} }`);
            edges.push(`  w${d}_${i} -> ${pick(dbs.length ? dbs : svc)}`);
        }
        add(`blobs${d}`, 'store NAME "Object store" { replicas 3 }');
        for (let i = 3; room > 0; i++) add(`svc${d}_${i}`, `service NAME "${i === 3 ? pick(LONG) : `Service ${i} of domain ${d}`}" { replicas ${2 + (i % 3)} }`, svc);
        lines.push('  }');
        // Reached through the balancer; services use caches in front of databases, and queues.
        entry.push(svc.slice(0, 3));
        edges.push(`  ${d % 2 ? 'mobile' : 'web'} -> lb${d} : https`);
        for (const s of svc.slice(0, 3)) edges.push(`  lb${d} -> ${s}`);
        svc.forEach((s, i) => {
            if (i >= 3) edges.push(`  ${svc[i % 3]} -> ${s} : grpc`);
            if (caches.length && dbs.length && rnd() < 0.6) edges.push(`  ${s} -> ${caches[i % caches.length]} -> ${dbs[i % dbs.length]}`);
            else if (dbs.length) edges.push(`  ${s} -> ${dbs[i % dbs.length]} : sql`);
            if (queues.length && rnd() < 0.3) edges.push(`  ${s} -> ${pick(queues)} : async`);
        });
        if (directory && dbs.length) edges.push(`  ${svc[0]} -> dir${d}`, `  dir${d} -> ${dbs[0]}`);
    }
    // Some entry services of each even domain call the next domain's.
    for (let d = 0; d + 1 < domains; d += 2) for (const s of entry[d]) if (rnd() < 0.6) edges.push(`  ${s} -> ${pick(entry[d + 1])} : grpc`);
    // One cache per pair of domains holds replicas in both.
    for (let d = 0; d + 1 < domains; d += 2) {
        lines.push(`  cache shared${d} "Sessions" { replicas 4 zones [d${d}, d${d + 1}] }`);
        edges.push(`  ${entry[d][0]} -> shared${d}`, `  ${entry[d + 1][0]} -> shared${d}`);
    }
    return [...lines, ...edges, '}'].join('\n');
}

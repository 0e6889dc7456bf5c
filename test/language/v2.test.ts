/** Arch v2 (language.md, "Version 2"): every construct parses, reaches the model with its defaults, and each mistake is one error at its text. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { componentOf, model, parse } from '../helpers.js';
import type { ArchModel, FlowStep } from '../../language-server/model/types.js';

const LANGUAGE = ['syntax', 'unknown-reference', 'duplicate-name', 'bad-unit', 'invalid-value', 'unknown-property'];
const languageErrors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => LANGUAGE.includes(String(d.code)));

/** `line:char-line:char` of the `nth` occurrence of `needle` in `text` (0-based, as LSP). */
function at(text: string, needle: string, nth = 0): string {
    let offset = -1;
    for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' not in the text`);
    const position = (o: number) => {
        const before = text.slice(0, o).split('\n');
        return `${before.length - 1}:${before[before.length - 1].length}`;
    };
    return `${position(offset)}-${position(offset + needle.length)}`;
}

/** Each language error as `code range message`. */
const errorsOf = (diagnostics: Diagnostic[]) => languageErrors(diagnostics).map((d) =>
    `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);

/** The language errors of `body` inside a system that declares services a, b, c. */
async function errors(body: string): Promise<{ text: string; found: string[] }> {
    const text = `system S {\n  service a\n  service b\n  service c\n${body}\n}\n`;
    return { text, found: errorsOf((await parse(text)).diagnostics) };
}

/** The step of `flow` reached by following `path` (component names below the root). */
function stepAt(m: ArchModel, flow: string, ...path: string[]): FlowStep {
    let step = m.flows.find((f) => f.name === flow)!.root;
    for (const name of path) step = step.calls.find((c) => c.component === name)!;
    return step;
}

const EXAMPLE = `system Twitter {
  workload { rps 10k }
  client app
  service api
  service fan_out
  store tweets { immutable on }
  service graph { idempotent on }
  cache follower_cache { coalesce on keys 20M zipf 1.1 }
  queue notify_q
  service timelines
  database users "MySQL" {
    model relational  acid on  consistency strong  durability critical
    replicas 3 async          // three copies: one leader, two followers
    leader single
    failover 30s
    replication_lag 200ms
    reads followers
    keys 50M zipf 0.9
    capacity 4k rps
    write_capacity 1k rps
  }
  fan_out -> timelines [x10]
  api -> notify_q [5%]
  flow post_tweet 3% write p99 300ms : app -> api -> { tweets, fan_out -> { graph [read] -> follower_cache, timelines [x10] }, notify_q [5%] }
}
`;

describe('v2: every construct parses', () => {
    it('the example of language.md', async () => {
        const { diagnostics } = await parse(EXAMPLE);
        expect(errorsOf(diagnostics)).toEqual([]);
    });

    it.each([
        ['replicas N sync K', 'database d { replicas 4 sync 1 }'],
        ['leader single, multi, none on the kinds that hold data', 'database d { leader multi } store s { leader none } cache k { leader single } queue q { leader single }'],
        ['failover, replication_lag and reads under a single leader', 'database d { replicas 2 failover 30s replication_lag 200ms reads leader } cache k { leader single failover 5s reads any }'],
        ['write_capacity and immutable on stores', 'database d { capacity 4k rps write_capacity 1k rps immutable on } store s { immutable off write_capacity 500 rps }'],
        ['keys on a database, store, cache and queue', 'database d { keys 50M zipf 0.9 } store s { keys 1B } cache k { keys 1M zipf 1.2 } queue q { keys 10k zipf 0 }'],
        ['idempotent on services and workers', 'service s { idempotent on } worker w { idempotent off }'],
        ['coalesce on caches, proxies and CDNs', 'cache k { coalesce on } proxy p { coalesce on } cdn e { coalesce on }'],
        ['annotations after each hop of a chain, before the protocol', 'a -> b [x10] -> c [5%] : grpc { timeout 2s }'],
        ['annotations combined, with spaces or commas, and Nx', 'a -> b [read x3 50%]\n  b -> c [write, 10x, 1%]'],
        ['annotations on flow steps and their branches', 'flow f 10% read : a -> b [x2] -> { c [read], a [50% write] }'],
        ['flow objectives after the kind', 'flow f 10% write p50 20ms p99 300ms availability 99.9% : a -> b'],
        ['flow objectives without share or kind', 'flow f p999 1s : a -> b'],
        ['a scenario failing only a leader', 'database d { replicas 3 failover 10s }\n  scenario s { fail d leader at 10s for 30s fail a }'],
        ['a flow or scenario named by a property', 'flow reads 80% read : a -> b\n  scenario failover { duration 10s fail a }'],
    ])('%s', async (_name, body) => {
        const text = `system S {\n  service a\n  service b\n  service c\n  ${body}\n}\n`;
        expect(errorsOf((await parse(text)).diagnostics)).toEqual([]);
    });

    it('every published design of test/realworld, as written in v2', async () => {
        const folder = new URL('../realworld/', import.meta.url);
        const files = readdirSync(folder).filter((f) => f.endsWith('.arch'));
        expect(files.length).toBeGreaterThanOrEqual(20);
        for (const file of files) {
            const { diagnostics } = await parse(readFileSync(new URL(file, folder), 'utf8'));
            expect(errorsOf(diagnostics), file).toEqual([]);
        }
    });
});

describe('v2: the model', () => {
    it('a database has a single leader by default, reads on the leader under strong consistency, async followers lagging 100ms', async () => {
        const m = await model('system S { database d { replicas 3 } database e { replicas 3 consistency eventual } }');
        const d = componentOf(m, 'd', 'database');
        expect(d.leader).toEqual({ mode: 'single', failoverS: undefined, replicationLagS: 0.1, reads: 'leader' });
        expect(d.syncFollowers).toBe(0);
        expect(d.replication).toBeUndefined();
        expect(componentOf(m, 'e', 'database').leader.reads).toBe('any');
    });

    it('a store, cache and queue have no leader by default, and read from any replica', async () => {
        const m = await model('system S { store s { replicas 3 } cache k { replicas 3 } queue q { replicas 3 } }');
        for (const c of [componentOf(m, 's', 'store'), componentOf(m, 'k', 'cache'), componentOf(m, 'q', 'queue')]) {
            expect(c.leader, c.name).toEqual({ mode: 'none', failoverS: undefined, replicationLagS: 0.1, reads: 'any' });
        }
    });

    it('reads the leader, failover, lag and reads as written', async () => {
        const m = await model(EXAMPLE);
        const users = componentOf(m, 'users', 'database');
        expect(users.leader).toEqual({ mode: 'single', failoverS: 30, replicationLagS: 0.2, reads: 'followers' });
        expect(users.keys).toEqual({ keys: 50e6, zipf: 0.9 });
        expect(users.store).toMatchObject({ writeCapacityRps: 1000, immutable: false });
        expect(users.capacityRps).toBe(4000);
        expect(users.replicas).toBe(3);
        expect(users.replication).toBe('async');
    });

    it('under leader multi or none, reads go to any replica', async () => {
        const m = await model('system S { database d { replicas 3 leader multi } database e { replicas 3 leader none } cache k { replicas 2 leader single reads followers } }');
        expect(componentOf(m, 'd', 'database').leader).toMatchObject({ mode: 'multi', reads: 'any' });
        expect(componentOf(m, 'e', 'database').leader).toMatchObject({ mode: 'none', reads: 'any' });
        expect(componentOf(m, 'k', 'cache').leader).toMatchObject({ mode: 'single', reads: 'followers' });
    });

    it('counts synchronous followers: all for sync, K for sync K, none for async', async () => {
        const m = await model('system S { database a { replicas 3 sync } database b { replicas 4 sync 1 } database c { replicas 4 sync 3 } database d { replicas 3 async } service s { replicas 5 sync } }');
        expect(['a', 'b', 'c', 'd', 's'].map((n) => m.components.get(n)!.syncFollowers)).toEqual([2, 1, 3, 0, 4]);
        expect(m.components.get('b')!.replication).toBe('sync');
    });

    it('keeps keys, immutable, idempotent and coalesce on the kinds that have them; zipf defaults to uniform', async () => {
        const m = await model(`system S { workload { keys 1B zipf 1.2 }
            store s { immutable on keys 2M } cache k { coalesce on } queue q { keys 10k zipf 0.5 } worker w { idempotent on }
            proxy p { coalesce on } proxy r { collapsed_forwarding on } proxy plain cdn e { coalesce on } cdn f database d }`);
        expect(componentOf(m, 's', 'store').store.immutable).toBe(true);
        expect(componentOf(m, 's', 'store').keys).toEqual({ keys: 2e6, zipf: 0 });
        expect(componentOf(m, 'q', 'queue').keys).toEqual({ keys: 10e3, zipf: 0.5 });
        expect(componentOf(m, 'd', 'database').keys).toBeUndefined();
        expect(componentOf(m, 'k', 'cache').keys).toBeUndefined();
        expect(m.workload).toMatchObject({ keys: 1e9, zipf: 1.2 });
        expect(componentOf(m, 'w', 'worker').idempotent).toBe(true);
        expect(componentOf(m, 'k', 'cache').coalesce).toBe(true);
        expect([componentOf(m, 'p', 'proxy'), componentOf(m, 'r', 'proxy'), componentOf(m, 'plain', 'proxy')].map((p) => [p.coalesce, p.collapsedForwarding]))
            .toEqual([[true, false], [true, true], [false, false]]);
        expect([componentOf(m, 'e', 'cdn').coalesce, componentOf(m, 'f', 'cdn').coalesce]).toEqual([true, false]);
        expect(componentOf(m, 'd', 'database').store).toMatchObject({ immutable: false, writeCapacityRps: undefined });
    });

    it('puts each annotation of a chain on the call whose target it follows, with where it is written', async () => {
        const text = 'system S {\n  service a service b service c\n  a -> b [x10] -> c [read 5%]\n  c -> a [3x, write]\n  a -> c\n}';
        const m = await model(text);
        const edge = (id: string) => m.edges.find((e) => e.id === id)!;
        expect(edge('a->b').call).toMatchObject({ count: 10, share: 1, access: undefined });
        expect(edge('b->c').call).toMatchObject({ count: 1, share: 0.05, access: 'read' });
        expect(edge('c->a').call).toMatchObject({ count: 3, share: 1, access: 'write' });
        expect(edge('a->c').call).toEqual({ count: 1, share: 1, access: undefined, source: undefined });
        const range = edge('b->c').call.source!.range;
        expect(`${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`).toBe(at(text, '[read 5%]'));
    });

    it('a flow step takes the declared connection\'s annotation and overrides it one kind at a time; implied connections lend none', async () => {
        const m = await model(`system S {
  service a service b service c service d
  a -> b [x10 50%]
  flow f 40% write : a -> b [read 20%] -> { c [x2], d }
  flow g 60% : a -> b -> c
}`);
        expect(stepAt(m, 'f', 'b').call).toMatchObject({ count: 10, share: 0.2, access: 'read' });
        expect(stepAt(m, 'g', 'b').call).toMatchObject({ count: 10, share: 0.5, access: undefined });
        expect(stepAt(m, 'f', 'b', 'c').call).toMatchObject({ count: 2, share: 1 });
        expect(stepAt(m, 'g', 'b', 'c').call).toMatchObject({ count: 1, share: 1 });
        expect(m.edges.find((e) => e.id === 'b->c')).toMatchObject({ implied: true, call: { count: 1, share: 1 } });
        expect(stepAt(m, 'f').call).toMatchObject({ count: 1, share: 1 });
    });

    it('a step\'s read or write holds for what it calls; the rest of the flow keeps the flow\'s kind', async () => {
        const m = await model(`system S {
  service a service b service c service d service e
  flow f write : a -> { b [read] -> c -> d [write], e }
  flow g : a -> b
}`);
        expect(stepAt(m, 'f').access).toBe('write');
        expect(stepAt(m, 'f', 'b').access).toBe('read');
        expect(stepAt(m, 'f', 'b', 'c').access).toBe('read');
        expect(stepAt(m, 'f', 'b', 'c', 'd').access).toBe('write');
        expect(stepAt(m, 'f', 'e').access).toBe('write');
        expect(stepAt(m, 'g', 'b').access).toBeUndefined();
        const hops = m.flows[0].hops.map((h) => `${h.from}->${h.to} ${h.access} x${h.call.count}`);
        expect(hops).toEqual(['a->b read x1', 'b->c read x1', 'c->d write x1', 'a->e write x1']);
    });

    it('reads flow objectives in seconds and as a share', async () => {
        const m = await model('system S { service a service b flow f 10% write p50 20ms p99 300ms availability 99.95% : a -> b flow g : a }');
        expect(m.flows[0].objectives.latencyS).toEqual({ p50: 0.02, p99: 0.3 });
        expect(m.flows[0].objectives.availability).toBeCloseTo(0.9995, 12);
        expect(m.flows[1].objectives).toEqual({ latencyS: {}, availability: undefined });
    });

    it('marks a failure of only the leader', async () => {
        const m = await model('system S { zone z { database d { replicas 3 } } scenario s { fail d leader at 10s for 30s fail d at 50s fail z } }');
        expect(m.scenarios[0].failures.map((f) => [f.target, f.targetKind, f.leaderOnly, f.atS])).toEqual([
            ['d', 'component', true, 10], ['d', 'component', false, 50], ['z', 'zone', false, 0],
        ]);
    });

    it('leaves invalid v2 values out of the model, as it does v1 ones', async () => {
        const { models: [m] } = await parse('system S { service a service b database d { replicas 3 sync 5 leader singel write_capacity 0 keys 0 } a -> b [x0 150%] flow f p99 0ms availability 2 : a -> b }');
        const d = componentOf(m, 'd', 'database');
        expect(d.syncFollowers).toBe(2);
        expect(d.leader.mode).toBe('single');
        expect(d.store.writeCapacityRps).toBeUndefined();
        expect(d.keys).toBeUndefined();
        expect(m.edges.find((e) => e.id === 'a->b')!.call).toMatchObject({ count: 1, share: 1 });
        expect(m.flows[0].objectives).toEqual({ latencyS: {}, availability: undefined });
    });
});

/** A mistake: its name, the body, the error's code, where it is (text, or text and which occurrence in the body), its message. */
type Mistake = [string, string, string, string | [string, number], string];

describe('v2: one clear error per mistake, at its text', () => {
    it.each<Mistake>([
        ['sync K above the followers', '  database d { replicas 3 sync 3 }', 'invalid-value', ['3', 1], 'sync 3: replicas 3 are the leader and 2 followers, so K is at most 2.'],
        ['sync K with one replica', '  database d { replicas 1 sync 1 }', 'invalid-value', ['1', 1], 'sync 1: replicas 1 is the leader alone, with no follower to acknowledge writes.'],
        ['sync 0', '  database d { replicas 3 sync 0 }', 'invalid-value', '0', 'sync must be at least 1; got 0.'],
        ['a leader word', '  database d { leader singel }', 'invalid-value', 'singel', "'singel' is not a value of 'leader': use one of single, multi, none."],
        ['a reads word', '  database d { reads leeder }', 'invalid-value', 'leeder', "'leeder' is not a value of 'reads': use one of any, leader, followers."],
        ['failover under leader multi', '  database d { leader multi failover 30s }', 'invalid-value', 'failover', "'failover' applies to a single leader; 'd' has leader multi."],
        ['reads on a cache without a leader', '  cache k { reads followers }', 'invalid-value', 'reads', "'reads' applies to a single leader; a cache has no leader unless it says 'leader single'."],
        ['replication_lag under leader none', '  database d { leader none replication_lag 1s }', 'invalid-value', 'replication_lag', "'replication_lag' applies to a single leader; 'd' has leader none."],
        ['a zero write capacity', '  database d { write_capacity 0 rps }', 'invalid-value', '0', 'write_capacity must be above 0; got 0.'],
        ['coalesce on a service', '  service s { coalesce on }', 'unknown-property', 'coalesce', "'coalesce' is not a property of a service."],
        ['idempotent on a database', '  database d { idempotent on }', 'unknown-property', 'idempotent', "'idempotent' is not a property of a database."],
        ['keys on a service', '  service s { keys 1M }', 'unknown-property', 'keys', "'keys' is not a property of a service."],
        ['a zero call count', '  a -> b [x0]', 'invalid-value', 'x0', 'A call count must be a whole number, at least 1; got x0.'],
        ['a share above 100%', '  a -> b [150%]', 'invalid-value', '150%', 'A share of requests must be above 0% and at most 100%; got 150%.'],
        ['a bare number', '  a -> b [10]', 'invalid-value', '10', "'10' is neither a call count nor a share: write x10 for 10 calls per request, or 10% for a share of requests."],
        ['a misspelt read', '  a -> b [raed]', 'invalid-value', 'raed', "'raed' is not a call annotation: use xN (calls per request), P% (share of requests), read or write. Did you mean 'read'?"],
        ['two counts', '  a -> b [x2 x3]', 'invalid-value', 'x3', "'x3' is a second call count in this annotation (after 'x2')."],
        ['read and write', '  a -> b [read, write]', 'invalid-value', 'write', "'write' is a second read or write in this annotation (after 'read')."],
        ['an empty annotation', '  a -> b []', 'invalid-value', '[]', 'An empty annotation: write xN (calls per request), P% (share of requests), read or write between the brackets.'],
        ['a spaced count', '  a -> b [x 2]', 'invalid-value', 'x', "'x 2': write the count as one word, x2."],
        ['an annotation after the first name of a connection', '  a [x2] -> b', 'syntax', '[x2]', "An annotation goes after the target of a call (a -> b [x10]); 'a' makes no call here."],
        ['an annotation on a flow\'s first step', '  flow f : a [x2] -> b', 'syntax', '[x2]', "An annotation goes after the target of a call (a -> b [x10]); 'a' makes no call here."],
        ['an unclosed annotation', '  a -> b [x2\n  b -> c', 'syntax', ['b', 1], "Expected ']' but found 'b'."],
        ['an availability above 100%', '  flow f availability 150% : a', 'invalid-value', '150%', 'availability must be between 0 and 1; got 150%.'],
        ['a zero latency objective', '  flow f p99 0ms : a', 'invalid-value', '0ms', 'p99 must be above 0; got 0ms.'],
        ['an objective given twice', '  flow f p99 1s p99 2s : a', 'invalid-value', ['p99', 1], "'p99' is given more than once."],
        ['a higher percentile below a lower one', '  flow f p50 300ms p99 200ms : a', 'invalid-value', 'p99', 'p99 200ms is below p50 300ms: a higher percentile cannot be faster.'],
        ['an objective without its value', '  flow f p99 : a', 'syntax', ':', "Unexpected ':': expected a number or a name."],
        ['a misspelt objective', '  flow f 5% write p98 300ms : a', 'syntax', 'p98', "'p98' is not a keyword: read as 'p90' (did you mean 'p90'?)."],
        ['a misspelt availability', '  flow f availabilty 99% : a', 'syntax', 'availabilty', "'availabilty' is not a keyword: read as 'availability' (did you mean 'availability'?)."],
        ['a misspelt kind before an objective', '  flow f 5% raed p99 300ms : a', 'syntax', 'raed', "'raed' is not a keyword: read as 'read' (did you mean 'read'?)."],
        ['a spaced objective unit', '  flow f p99 300 ms : a', 'bad-unit', 'ms', "p99 300 ms: write '300ms', without a space."],
        ['fail leader of a store without one', '  store s\n  scenario x { fail s leader }', 'invalid-value', 'leader', "'fail s leader' needs a single leader; 's' has leader none."],
        ['fail leader of a service', '  scenario x { fail a leader at 1s }', 'invalid-value', 'leader', "'fail a leader' needs a single leader; a service has no leader."],
        ['fail leader of a zone', '  zone z { }\n  scenario x { fail z leader }', 'invalid-value', 'leader', "'fail z leader' needs a single leader; 'z' is a zone."],
        ['a misspelt leader after a failure', '  database d\n  scenario x {\n    fail d leadr at 1s\n  }', 'syntax', 'leadr', "'leadr' is not a keyword: read as 'leader' (did you mean 'leader'?)."],
        ['a flow named by its own kind word', '  flow write : a', 'syntax', 'write', "'write' is a keyword of the language: give the flow another name."],
    ])('%s', async (_name, body, code, where, message) => {
        // Where the error is: the text, and which of its occurrences in the body (the first unless said).
        const [needle, occurrence] = typeof where === 'string' ? [where, 0] : where;
        const { text, found } = await errors(body);
        const before = text.slice(0, text.indexOf(body)).split(needle).length - 1;
        expect(found).toEqual([`${code} ${at(text, needle, before + occurrence)} ${message}`]);
    });

    it('the parts after a mistake still reach the model', async () => {
        const { models: [m], diagnostics } = await parse('system S {\n  service a\n  service b\n  flow f 5% raed p99 300ms : a -> b [x3]\n}');
        expect(languageErrors(diagnostics)).toHaveLength(1);
        expect(m.flows[0]).toMatchObject({ access: 'read', objectives: { latencyS: { p99: 0.3 } } });
        expect(stepAt(m, 'f', 'b').call.count).toBe(3);
    });
});

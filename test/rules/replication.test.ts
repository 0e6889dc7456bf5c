/** The v2 rules about leaders and followers: manual-failover, failover-data-loss, stale-replica-read. */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { ruleTester, lint } from './rule-tester.js';

/** app -> api -> db, with `db`'s properties and optionally flows instead of the connection. */
const store = (props: string, flows = 'app -> api -> db', workload = 'rps 1k read_ratio 0.9') => `system S {
  workload { ${workload} }
  client app
  service api { replicas 2 capacity 1k rps }
  database db { ${props} }
  ${flows}
}`;

const ASYNC_PAIR = store('replicas 2 async capacity 5k rps');
const MULTILINE = `system S {
  workload { rps 1k read_ratio 0.9 }
  client app
  service api { replicas 2 capacity 1k rps }
  database db {
    replicas 3
    capacity 5k rps
  }
  app -> api -> db
}`;
const CACHE_SINGLE = `system S {
  workload { rps 1k read_ratio 0.5 }
  client app
  service api { replicas 2 capacity 1k rps }
  cache sessions { leader single replicas 2 }
  app -> api -> sessions
}`;
const READ_ONLY_FLOWS = store('replicas 2 async capacity 5k rps', 'flow browse read : app -> api -> db');

ruleTester.run('manual-failover', {
    valid: [
        { name: 'an automatic failover', code: store('replicas 2 async failover 30s capacity 5k rps') },
        { name: 'one replica: no follower to promote (spof is the finding)', code: store('replicas 1 capacity 5k rps') },
        { name: 'leaderless replicas keep taking writes', code: store('replicas 3 leader none capacity 5k rps') },
        { name: 'multi-leader replicas keep taking writes', code: store('replicas 2 leader multi capacity 5k rps') },
        { name: 'a store has no leader unless it says so', code: ASYNC_PAIR.replace('database db', 'store db') },
        { name: 'a replicated cache without a leader', code: CACHE_SINGLE.replace('leader single ', '') },
        { name: 'the declared flows never write it', code: READ_ONLY_FLOWS },
        { name: 'no declared flow reaches it', code: store('replicas 2 async capacity 5k rps', 'app -> api -> db\n  flow ping read : app -> api') },
    ],
    invalid: [
        {
            name: 'a replicated database (single leader by default) without failover, fixed with failover 30s',
            code: ASYNC_PAIR, errors: [{ component: 'db', on: 'replicas 2 async' }],
            output: ASYNC_PAIR.replace('{ replicas 2 async', '{ failover 30s replicas 2 async'),
        },
        {
            name: 'on the leader property, and the fix on its own line in a multi-line block',
            code: MULTILINE.replace('    replicas 3\n', '    replicas 3\n    leader single\n'),
            errors: [{ component: 'db', on: 'leader single' }],
            output: MULTILINE.replace('    replicas 3\n', '    failover 30s\n    replicas 3\n    leader single\n'),
        },
        {
            name: 'a cache that declares a single leader',
            code: CACHE_SINGLE, errors: [{ component: 'sessions', on: 'leader single' }],
            output: CACHE_SINGLE.replace('{ leader single', '{ failover 30s leader single'),
        },
        {
            name: 'a write flow reaches it',
            code: store('replicas 2 async capacity 5k rps', 'flow browse 90% read : app -> api -> db\n  flow save 10% write : app -> api -> db'),
            errors: [{ component: 'db', on: 'replicas 2 async' }],
            output: store('failover 30s replicas 2 async capacity 5k rps', 'flow browse 90% read : app -> api -> db\n  flow save 10% write : app -> api -> db'),
        },
    ],
});

const CRITICAL = store('durability critical replicas 3 async failover 30s capacity 5k rps');
const ACID_PAIR = store('acid on replicas 2 failover 30s capacity 5k rps');

ruleTester.run('failover-data-loss', {
    valid: [
        { name: 'one synchronous follower is promoted and nothing is lost', code: store('durability critical replicas 3 sync 1 failover 30s capacity 5k rps') },
        { name: 'every follower synchronous', code: store('durability critical replicas 2 sync failover 30s capacity 5k rps') },
        { name: 'normal durability and no transactions: losing the last writes is accepted', code: store('replicas 3 async failover 30s capacity 5k rps') },
        { name: 'one replica: nothing to fail over to', code: store('durability critical replicas 1 capacity 5k rps') },
        { name: 'leaderless replication has no promotion', code: store('durability critical replicas 3 leader none capacity 5k rps') },
    ],
    invalid: [
        {
            name: 'a critical store with async followers, fixed with one synchronous follower',
            code: CRITICAL, errors: [{ component: 'db', on: 'replicas 3 async' }],
            output: CRITICAL.replace('replicas 3 async', 'replicas 3 sync 1'),
        },
        {
            name: 'an acid store whose replication is unstated (async), with no zones declared',
            code: ACID_PAIR, errors: [{ component: 'db', on: 'replicas 2', occurrence: 1 }],
            output: ACID_PAIR.replace('acid on replicas 2', 'acid on replicas 2 sync'),
        },
        {
            name: 'a manual failover loses the same writes',
            code: store('durability critical replicas 2 async capacity 5k rps'), errors: [{ component: 'db', on: 'replicas 2 async' }],
            output: store('durability critical replicas 2 sync capacity 5k rps'),
        },
    ],
});

describe('failover-data-loss severity', () => {
    const severity = async (code: string, rules: Record<string, 'error' | 'warning'> = {}) =>
        (await lint('failover-data-loss', code, {}, rules)).map((d) => d.severity);
    it('is an error on a critical store and a warning on an acid one', async () => {
        expect(await severity(CRITICAL)).toEqual([DiagnosticSeverity.Error]);
        expect(await severity(ACID_PAIR)).toEqual([DiagnosticSeverity.Warning]);
    });
    it('takes the level a configuration sets for every finding', async () => {
        expect(await severity(ACID_PAIR, { 'failover-data-loss': 'error' })).toEqual([DiagnosticSeverity.Error]);
        expect(await severity(CRITICAL, { 'failover-data-loss': 'warning' })).toEqual([DiagnosticSeverity.Warning]);
    });
});

const FOLLOWER_READS = store('replicas 3 async reads followers read_after_write on failover 30s capacity 5k rps');
const WRITE_THEN_READ = (props: string) => store(props, 'flow update 100% write : app -> api -> { db, db [read] }');

ruleTester.run('stale-replica-read', {
    valid: [
        { name: 'reads go to the leader', code: FOLLOWER_READS.replace('reads followers', 'reads leader') },
        { name: 'the default under strong consistency is the leader', code: FOLLOWER_READS.replace('reads followers ', '') },
        { name: 'every follower is synchronous', code: FOLLOWER_READS.replace('replicas 3 async', 'replicas 3 sync') },
        { name: 'nothing needs to read its own writes', code: FOLLOWER_READS.replace('read_after_write on ', '') },
        { name: 'the flow reads before it writes', code: store('replicas 3 async reads any failover 30s capacity 5k rps', 'flow pay 100% write : app -> api -> { db [read], db }') },
        { name: 'leaderless with strong consistency reads a quorum', code: store('replicas 3 leader none read_after_write on capacity 5k rps') },
        { name: 'a step of no stated access after a write is not known to read', code: store('replicas 3 async reads any failover 30s capacity 5k rps', 'flow update 100% : app -> api -> { db [write], db }') },
        { name: 'immutable items are still created', code: store('immutable on replicas 3 async reads any failover 30s capacity 5k rps', 'flow put 100% write : app -> api -> db') },
    ],
    invalid: [
        {
            name: 'reads from followers of a store that declares read_after_write, fixed with reads leader',
            code: FOLLOWER_READS, errors: [{ component: 'db', on: 'reads followers' }],
            output: FOLLOWER_READS.replace('reads followers', 'reads leader'),
        },
        {
            name: 'a flow that writes and then reads it, under reads any with a sync standby beside an async replica',
            code: WRITE_THEN_READ('replicas 3 sync 1 reads any failover 30s capacity 5k rps'), errors: [{ component: 'db', on: 'reads any' }],
            output: WRITE_THEN_READ('replicas 3 sync 1 reads leader failover 30s capacity 5k rps'),
        },
        {
            name: 'eventual consistency reads any follower (reads written nowhere: the fix inserts it)',
            code: WRITE_THEN_READ('consistency eventual replicas 2 failover 30s capacity 5k rps'), errors: [{ component: 'db', on: 'replicas 2', occurrence: 1 }],
            output: WRITE_THEN_READ('reads leader consistency eventual replicas 2 failover 30s capacity 5k rps'),
        },
        {
            name: 'eventual consistency under a written single leader, on the leader',
            code: WRITE_THEN_READ('consistency eventual leader single replicas 2 failover 30s capacity 5k rps'), errors: [{ component: 'db', on: 'leader single' }],
            output: WRITE_THEN_READ('reads leader consistency eventual leader single replicas 2 failover 30s capacity 5k rps'),
        },
        {
            name: 'leaderless and eventual, on its consistency (no fix: reads cannot name a leader)',
            code: store('consistency eventual replicas 3 leader none read_after_write on capacity 5k rps'), errors: [{ component: 'db', on: 'consistency eventual' }],
        },
        {
            name: 'immutable items just created are missing on a lagging follower',
            code: store('immutable on replicas 3 async reads any read_after_write on failover 30s capacity 5k rps'), errors: [{ component: 'db', on: 'reads any' }],
            output: store('immutable on replicas 3 async reads leader read_after_write on failover 30s capacity 5k rps'),
        },
    ],
});

/**
 * The capacity rules' messages, where they carry numbers and names (capacity-rule.ts's
 * `describe()`): the load at peak, what serves it and the utilisation, each worked out by hand
 * in the comment above its case (10k rps at 2x peak is 20k; a percentage to three digits).
 */
import { describe, expect, it } from 'vitest';
import { lint } from './rule-tester.js';
import { leaderStore } from './helpers.js';

const messages = async (code: string, id = 'capacity-exceeded') => (await lint(id, code)).map((d) => d.message);

describe('capacity-exceeded messages', () => {
    it('give a tier\'s load against its replicas times their capacity', async () => {
        // 10k rps × 2 at peak = 20k against 4 × 2k = 8k: 20 / 8 = 250%.
        expect(await messages('system Api {\n  workload { rps 10k peak 2x }\n  client app\n  service api { replicas 4 capacity 2k rps }\n  app -> api\n}')).toEqual([
            'api takes 20k rps at peak against 8k rps of capacity (4 replicas × 2k rps): utilisation 250%.',
        ]);
        // One replica (unwritten) of 5k: 20k / 5k = 400%.
        expect(await messages('system Api {\n  workload { rps 10k peak 2x }\n  client app\n  service api { capacity 5k rps }\n  app -> api\n}')).toEqual([
            'api takes 20k rps at peak against 5k rps of capacity (1 replica × 5k rps): utilisation 400%.',
        ]);
    });

    it('count what a worker is called with and what it consumes', async () => {
        // Half of 1k rps called straight, half through the queue it consumes: 500 + 500 = 1k of 100 = 1000%.
        expect(await messages('system S {\n  workload { rps 1k }\n  client app\n  queue jobs\n  worker w { capacity 100 rps consumes jobs }\n  flow a 50% : app -> jobs\n  flow b 50% : app -> w\n}')).toEqual([
            'w takes 1k rps at peak against 100 rps of capacity (1 replica × 100 rps): utilisation 1000%.',
        ]);
    });

    it('name the one replica that serves a single leader\'s reads, and one capacity when reads and writes share it', async () => {
        // Strong consistency: all 10k reads on the leader, no writes; 10k / 5k = 200%.
        expect(await messages(leaderStore('replicas 3 failover 30s capacity 5k rps', 20).replace('flow save 20% write', 'flow save 20% read'))).toEqual([
            'db takes 10k rps of reads on the one replica that serves them and 0 rps of writes that every replica applies at peak, against 5k rps per replica: utilisation 200%.',
        ]);
    });

    it('count the replicas that share the reads, and the writes each applies', async () => {
        // 1k writes; 9k reads over 3 replicas = 3k each: 3k/3k + 1k/3k = 133%.
        expect(await messages(leaderStore('replicas 3 failover 30s reads any capacity 3k rps', 10))).toEqual([
            'db takes 3k rps of reads on each of the 3 replicas that serve them and 1k rps of writes that every replica applies at peak, against 3k rps per replica: utilisation 133%.',
        ]);
    });

    it('give read and write capacities apart when they differ', async () => {
        // 500 writes (0.5 of 1k, under write-bottleneck's 0.8); 9.5k reads over 2 = 4.75k of 5k: 0.95 + 0.5 = 145%.
        expect(await messages(leaderStore('replicas 2 failover 30s reads any capacity 5k rps write_capacity 1k rps', 5))).toEqual([
            'db takes 4.75k rps of reads on each of the 2 replicas that serve them and 500 rps of writes that every replica applies at peak, against 5k rps of reads and 1k rps of writes per replica: utilisation 145%.',
        ]);
    });

    it('leave writes that are write-bottleneck\'s finding out, and say so', async () => {
        // 900 writes are 0.9 of 1k, past write-bottleneck's 0.8: only 9.1k reads over 2 = 4.55k of 4k count, 113.75% → 114%.
        expect(await messages(leaderStore('replicas 2 failover 30s reads any capacity 4k rps write_capacity 1k rps', 9))).toEqual([
            'db takes 4.55k rps of reads on each of the 2 replicas that serve them (its writes are write-bottleneck\'s finding) at peak, against 4k rps of reads and 1k rps of writes per replica: utilisation 114%.',
        ]);
    });

    it('say a partitioned store\'s figures are per shard', async () => {
        // 10k over 8 shards = 1.25k on each shard's one replica of 1k: 125%.
        expect(await messages('system S {\n  workload { rps 10k }\n  client app\n  database db { partition hash(k) shards 8 consistent vnodes 256 capacity 1k rps }\n  app -> db\n}')).toEqual([
            'db takes 1.25k rps of reads on the one replica that serves them per shard and 0 rps of writes that every replica applies at peak, against 1k rps per replica: utilisation 125%.',
        ]);
    });
});

describe('capacity-headroom messages', () => {
    it('read like capacity-exceeded\'s, under 100%', async () => {
        // 20k at peak against 11 × 2k = 22k: 90.9%.
        expect(await messages('system Api {\n  workload { rps 10k peak 2x }\n  client app\n  service api { replicas 11 capacity 2k rps }\n  app -> api\n}', 'capacity-headroom')).toEqual([
            'api takes 20k rps at peak against 22k rps of capacity (11 replicas × 2k rps): utilisation 90.9%.',
        ]);
    });
});

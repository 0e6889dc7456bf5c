/** The design rules of the catalog (rules.md), one module each. */
import type { Rule } from './rule.js';
import { spof } from './spof.js';
import { zoneSpof } from './zone-spof.js';
import { sharedDependencySpof } from './shared-dependency-spof.js';
import { hotKey } from './hot-key.js';
import { hotShard } from './hot-shard.js';
import { moduloResharding } from './modulo-resharding.js';
import { scatterGather } from './scatter-gather.js';
import { cacheWriteBackDurability } from './cache-write-back-durability.js';
import { cacheWriteThroughWriteHeavy } from './cache-write-through-write-heavy.js';
import { cacheWriteAroundReadAfterWrite } from './cache-write-around-read-after-write.js';
import { cacheEvictionMismatch } from './cache-eviction-mismatch.js';
import { cacheUndersized } from './cache-undersized.js';
import { cacheLocalBehindRandomLb } from './cache-local-behind-random-lb.js';
import { cacheStaleRead } from './cache-stale-read.js';
import { capacityExceeded } from './capacity-exceeded.js';
import { capacityHeadroom } from './capacity-headroom.js';
import { capacityLatencyMismatch } from './capacity-latency-mismatch.js';
import { lbNoHealthCheck } from './lb-no-health-check.js';
import { lbAlgorithmMismatch } from './lb-algorithm-mismatch.js';
import { pollingOverhead } from './polling-overhead.js';
import { queueNoRetry } from './queue-no-retry.js';
import { queueUnconsumed } from './queue-unconsumed.js';
import { capConflict } from './cap-conflict.js';
import { acidOnNosql } from './acid-on-nosql.js';
import { crossShardJoin } from './cross-shard-join.js';
import { crossShardReference } from './cross-shard-reference.js';
import { indexWriteHeavy } from './index-write-heavy.js';
import { unreachable } from './unreachable.js';
import { suppressionWithoutReason } from './suppression-without-reason.js';
import { manualFailover } from './manual-failover.js';
import { failoverDataLoss } from './failover-data-loss.js';
import { staleReplicaRead } from './stale-replica-read.js';
import { duplicateDelivery } from './duplicate-delivery.js';
import { fanOutTail } from './fan-out-tail.js';

/** Design rules in catalog order. */
export const DESIGN_RULES: readonly Rule[] = [
    spof, zoneSpof, sharedDependencySpof,
    hotKey, hotShard, moduloResharding, scatterGather,
    cacheWriteBackDurability, cacheWriteThroughWriteHeavy, cacheWriteAroundReadAfterWrite,
    cacheEvictionMismatch, cacheUndersized, cacheLocalBehindRandomLb, cacheStaleRead,
    capacityExceeded, capacityHeadroom, capacityLatencyMismatch, lbNoHealthCheck, lbAlgorithmMismatch, pollingOverhead,
    queueNoRetry, queueUnconsumed, capConflict, acidOnNosql, crossShardJoin, crossShardReference,
    indexWriteHeavy, unreachable,
    manualFailover, failoverDataLoss, staleReplicaRead, duplicateDelivery, fanOutTail,
    suppressionWithoutReason,
];

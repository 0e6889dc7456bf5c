/**
 * Utilisation at peak as the capacity rules judge it (rules.md, "Changes to v1 rules"): a tier
 * over all its replicas; a partitioned store on its mean shard (an uneven busiest shard is
 * hot-shard's and hot-key's finding). A database or store is judged on its busiest replica:
 * the reads of the replicas that serve them plus the writes every replica applies, each
 * against its capacity — except that writes heavy enough to be judged apart (write-bottleneck)
 * are left out, so one overload is not reported twice.
 */
import type { ArchComponent } from '../model/types.js';
import { isStore, partitionOf } from '../model/kinds.js';
import { replicaLoad, type ReplicaLoad } from './replication.js';
import { capacityUtilisation, type ComponentLoad } from './traffic.js';

/** A tier's judged utilisation; for a store, its mean shard's replica load and whether its writes were left out. */
export interface CapacityFigures {
    utilisation: number;
    /** Requests per second all replicas (and shards) serve, for a tier that shares its load. */
    capacityRps: number;
    replicas?: ReplicaLoad;
    writesApart?: boolean;
}

/**
 * The utilisation of `component` under `load`; a store's writes count unless, on its busiest
 * shard, they reach `writesApartFrom` of one replica's write capacity. Undefined without capacity.
 */
export function judgedUtilisation(component: ArchComponent, load: ComponentLoad, writesApartFrom: number): CapacityFigures | undefined {
    const tier = capacityUtilisation(component, load);
    if (!tier || !isStore(component)) return tier;
    const shards = Math.max(1, partitionOf(component)?.shards ?? 1);
    const replicas = replicaLoad(component, [load.readRps / shards], [load.writeRps / shards]);
    const writesApart = (load.replication?.writeUtilisation ?? 0) >= writesApartFrom;
    const utilisation = writesApart ? replicas.readUtilisation : replicas.utilisation;
    return utilisation === undefined ? tier : { utilisation, capacityRps: tier.capacityRps, replicas, writesApart };
}

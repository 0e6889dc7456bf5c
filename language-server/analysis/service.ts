/**
 * How one replica serves, as lint, the estimate and the simulator all take it: the declared
 * `capacity` is the truth. A replica has `concurrency` servers (else `capacity × latency`
 * rounded to the nearest whole number, at least 1), and each server's mean service time is
 * `servers / capacity`, so the replica serves exactly `capacity` requests per second. The
 * declared latency keeps its shape (exponential, constant, lognormal) and is stretched by
 * the ratio of the two; `stretch` says how far that moved it (capacity-latency-mismatch).
 * Without a capacity a component is never a bottleneck: unlimited servers of its latency.
 */
import type { ArchComponent, LatencyModel } from '../model/types.js';

/** The servers of one replica and their service time. */
export interface Service {
    /** Servers per replica (Infinity when the component declares no capacity or concurrency). */
    servers: number;
    /** Service time of one request; undefined when none is declared or follows from capacity. */
    latency: LatencyModel | undefined;
    /** Simulated over declared mean service time (1 when no latency was declared or they agree). */
    stretch: number;
    /** capacity × declared latency: the servers the declaration implies (undefined without both). */
    impliedServers: number | undefined;
}

/** The service of one replica of `component`. */
export function serviceOf(component: ArchComponent): Service {
    const capacity = component.capacityRps !== undefined && component.capacityRps > 0 ? component.capacityRps : undefined;
    const declaredConcurrency = 'concurrency' in component.properties ? component.concurrency : undefined;
    const declared = 'latency' in component.properties ? component.latency : undefined;
    if (capacity === undefined) {
        return { servers: declaredConcurrency ?? Infinity, latency: component.latency, stretch: 1, impliedServers: undefined };
    }
    const implied = declared ? capacity * declared.meanS : undefined;
    const servers = declaredConcurrency ?? (implied === undefined ? 1 : Math.max(1, Math.round(implied)));
    const meanS = servers / capacity;
    if (!declared || !(declared.meanS > 0)) {
        return { servers, latency: { kind: 'exponential', meanS }, stretch: 1, impliedServers: implied };
    }
    const stretch = meanS / declared.meanS;
    return { servers, latency: stretched(declared, stretch), stretch, impliedServers: implied };
}

/** `latency` with every time multiplied by `factor` (the shape kept). */
function stretched(latency: LatencyModel, factor: number): LatencyModel {
    if (factor === 1) return latency;
    switch (latency.kind) {
        case 'lognormal':
            return { ...latency, meanS: latency.meanS * factor, p50S: latency.p50S * factor, p99S: latency.p99S * factor, mu: latency.mu + Math.log(factor) };
        default:
            return { kind: latency.kind, meanS: latency.meanS * factor };
    }
}

/** Requests per second all replicas of `component` can serve (Infinity when unbounded). */
export function capacityOf(component: ArchComponent): number {
    const { servers, latency } = serviceOf(component);
    return latency && latency.meanS > 0 ? (servers * component.replicas) / latency.meanS : Infinity;
}

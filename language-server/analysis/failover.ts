/**
 * What a load balancer's health check does when what stands behind it fails: a replica (or a
 * whole backend component) that stops answering is taken out after the detection window —
 * `unhealthy_after` probes `every` apart, the last one waiting its `timeout` — and taken back
 * one probe interval after it answers again. Until it is taken out, the requests the balancer
 * sends it fail. The estimate and the simulator read the same windows from here.
 */
import type { ArchModel, LoadBalancerSpec } from '../model/types.js';

/** Seconds from a failure to its exclusion by `check`. */
export function detectionS(check: NonNullable<LoadBalancerSpec['healthCheck']>): number {
    return check.intervalS * check.unhealthyAfter + check.timeoutS;
}

/** The balancer settings of the first load balancer with a call edge to `name`. */
export function balancerOf(model: ArchModel, name: string): LoadBalancerSpec | undefined {
    for (const e of model.edges) {
        if (e.to === name && e.kind === 'call') {
            const from = model.components.get(e.from);
            if (from?.kind === 'loadbalancer') return from.loadBalancer;
        }
    }
    return undefined;
}

/** How the balancer in front of `name` detects its failures: exclusion and readmission delays, if it checks. */
export function failoverOf(model: ArchModel, name: string): { detectS: number; readmitS: number } | undefined {
    const check = balancerOf(model, name)?.healthCheck;
    return check && { detectS: detectionS(check), readmitS: check.intervalS };
}

/**
 * slo-miss: a flow whose objective in its header (`p50`…`p999 D`, `availability P`) the
 * analytic estimate does not meet at peak load: latency percentiles on the flow's end-to-end
 * distribution (each tier's sojourn time, `[xN]` as the slowest of N, `[P%]` as a mixture),
 * availability as the lowest over the system's scenarios (unjudged without scenarios). The
 * numbers are the estimate's own (simulation/estimate/report.ts), as `archlint simulate
 * --analytic` prints them; the message names the tier that adds most to the flow's mean time
 * (or fails most of its requests). The estimate runs only when some flow states objectives.
 * No thresholds, no fix.
 */
import { analyticReport } from '../simulation/estimate/report.js';
import type { ObjectiveResult, SimulationReport } from '../simulation/report.js';
import { duration, pct } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The slo-miss rule. */
export const sloMiss: Rule = {
    id: 'slo-miss',
    meta: {
        description: 'A flow whose latency or availability objective the analytic estimate does not meet at peak.',
        severity: 'error', fixable: false, category: 'design',
    },
    check({ model, report }) {
        const stated = model.flows.filter((f) => Object.keys(f.objectives.latencyS).length > 0 || f.objectives.availability !== undefined);
        if (!stated.length) return;
        const estimate = analyticReport(model);
        for (const flow of stated) {
            for (const result of estimate.flows[flow.name]?.objectives ?? []) {
                if (result.met) continue;
                report({ message: `Flow ${flow.name} ${describe(result, estimate)}`, location: flow.source, ...(result.tier === undefined ? {} : { component: result.tier }) });
            }
        }
    },
};

/** The missed objective, the estimate and where it comes from, in words. */
function describe(result: ObjectiveResult, estimate: SimulationReport): string {
    if (result.objective === 'availability') {
        const where = result.scenario === undefined ? '' : ` in scenario ${result.scenario}`;
        const tier = result.tier === undefined ? '' : `, most of the failed requests at ${result.tier}`;
        return `misses its availability of ${pct(result.target)}: the estimate gives ${pct(result.value)}${where}${tier}.`;
    }
    const missed = `misses its ${result.objective} of ${duration(result.target / 1000)}`;
    const utilisation = result.tier === undefined ? 0 : estimate.components[result.tier]?.utilisation ?? 0;
    // Past capacity the line grows for as long as the peak lasts: the estimate's figure is only where its run stopped.
    if (utilisation >= 1 || !Number.isFinite(result.value)) {
        const reached = Number.isFinite(result.value) ? ` (${duration(result.value / 1000)} after the estimate's ${duration(estimate.durationS)})` : '';
        return `${missed}: at peak ${result.tier ?? 'a tier on its path'} is overloaded (${pct(utilisation)} of its capacity), so its time grows without bound${reached}.`;
    }
    const tier = result.tier === undefined ? '' : `, ${result.tier} adding most to it`;
    return `${missed}: the analytic estimate at peak gives ${duration(result.value / 1000)}${tier}.`;
}

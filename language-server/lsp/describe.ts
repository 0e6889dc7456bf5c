/** Human-readable descriptions of numbers and components, for hover and other views. */
import type { Diagnostic } from 'vscode-languageserver';
import type * as ast from '../generated/ast.js';
import { COMPONENT_KINDS, isComponentKind } from '../model/properties.js';
import { cacheSpecOf, partitionOf } from '../model/kinds.js';
import { leaderText } from '../model/summary.js';
import type { ArchComponent } from '../model/types.js';
import type { ValueType } from '../model/units.js';

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** `4ms` as `= 0.004 s`, `20k` as `= 20,000`, `2KB` as `= 2,000 bytes`. */
export function describeValue(text: string, value: number, type: ValueType): string {
    const unit = { duration: ' s', size: ' bytes', rate: ' requests/s', items: ' items', ratio: '', factor: '×', count: '', integer: '', number: '' }[type];
    const extra = type === 'ratio' ? ` (${number(value * 100)}%)` : '';
    return `\`${text}\` = ${number(value)}${unit}${extra}`;
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** A component's summary: kind, title, replicas, capacity, latency, zones and current findings. */
export function describeComponent(node: ast.Component, component: ArchComponent | undefined, findings: Diagnostic[]): string {
    const lines = [`**${node.name}** (${node.kind})${node.title ? ` — ${node.title}` : ''}`, ''];
    if (component) {
        const facts = [`${component.replicas} replica${component.replicas === 1 ? '' : 's'}${component.replication ? ` (${component.replication})` : ''}`];
        const leader = leaderText(component);
        if (leader) facts.push(leader);
        const partition = partitionOf(component);
        const items = cacheSpecOf(component)?.capacityItems;
        if (component.capacityRps !== undefined) facts.push(`${number(component.capacityRps)} rps per ${partition ? 'shard' : 'replica'}`);
        if (component.latency) facts.push(`${number(component.latency.meanS * 1000)} ms mean latency`);
        if (partition) facts.push(`${partition.shards} shards`);
        if (items !== undefined) facts.push(`${number(items)} items`);
        if (component.zones.length) facts.push(`zone${component.zones.length > 1 ? 's' : ''} ${component.zones.join(', ')}`);
        lines.push(facts.join(' · '), '');
    }
    lines.push(node.kind && isComponentKind(node.kind) ? COMPONENT_KINDS[node.kind] : '');
    if (findings.length) {
        lines.push('', '**Findings**');
        for (const f of findings) lines.push(`- ${SEVERITY[f.severity ?? 1]} \`${f.code}\`: ${f.message}`);
    }
    return lines.join('\n');
}

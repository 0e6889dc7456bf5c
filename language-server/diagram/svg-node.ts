/** One component card as SVG: replica stack, kind tile and icon, name, badges, chips, overlay. */
import type { DiagramNode } from './types.js';
import { CARD, badgeSize, cardContent, chipWidth, utilisationTone } from './node-geometry.js';
import { KIND_COLOURS, KIND_ICONS } from './icons.js';
import { KIND_LABELS } from './details.js';
import { escapeXml as x, percent } from './text.js';

const RADIUS = 10;

function tooltip(node: DiagramNode): string {
    const lines = [`${node.name} (${KIND_LABELS[node.kind]})`];
    if (node.title) lines.push(node.title);
    for (const d of node.details) if (d.label !== 'kind') lines.push(`${d.label}: ${d.value}`);
    for (const f of node.findings) lines.push(`${f.severity} [${f.rule}]: ${f.message}`);
    return lines.join('\n');
}

function findingBadge(node: DiagramNode): string {
    if (node.findings.length === 0) return '';
    const severity = node.findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
    const text = node.findings.map((f) => `${f.severity} [${f.rule}]: ${f.message}`).join('\n');
    const count = node.findings.length > 9 ? '9+' : String(node.findings.length);
    return `<g class="al-finding ${severity}" data-severity="${severity}"><title>${x(text)}</title>`
        + `<circle cx="${node.width - 2}" cy="2" r="10"/><text x="${node.width - 2}" y="6" text-anchor="middle">${count}</text></g>`;
}

/** The SVG group of one laid-out component. */
export function renderNode(node: DiagramNode): string {
    const content = cardContent(node);
    const { width: w, height: h } = node;
    const utilisation = node.overlay?.utilisation;
    const tone = utilisation !== undefined ? ` tone-${utilisationTone(utilisation)}` : '';
    const parts: string[] = [];
    parts.push(`<g class="al-node k-${node.kind}${tone}" data-component="${x(node.name)}" data-kind="${node.kind}" data-flows="${x(node.flows.join(' '))}" transform="translate(${node.x} ${node.y})">`);
    parts.push(`<title>${x(tooltip(node))}</title>`);
    if (node.replicas > 1) {
        const layers = node.replicas > 2 ? 2 : 1;
        for (let i = layers; i >= 1; i--) parts.push(`<rect class="al-stack" x="${i * CARD.stack}" y="${i * CARD.stack}" width="${w}" height="${h}" rx="${RADIUS}"/>`);
    }
    parts.push(`<rect class="al-shadow" x="0" y="2" width="${w}" height="${h}" rx="${RADIUS}"/>`);
    parts.push(`<rect class="al-card" width="${w}" height="${h}" rx="${RADIUS}"/>`);
    const tile = CARD.icon, ty = CARD.iconY, tx = CARD.padX - 2;
    parts.push(`<rect x="${tx}" y="${ty}" width="${tile}" height="${tile}" rx="8" fill="${KIND_COLOURS[node.kind]}"/>`);
    const scale = 0.9, inset = (tile - 24 * scale) / 2;
    parts.push(`<g class="al-icon" transform="translate(${tx + inset} ${ty + inset}) scale(${scale})">${KIND_ICONS[node.kind]}</g>`);
    parts.push(`<text class="al-name" x="${CARD.textX}" y="29">${x(content.name)}</text>`);
    parts.push(`<text class="al-sub" x="${CARD.textX}" y="46">${x(content.subtitle)}</text>`);
    if (content.badge) {
        const bw = badgeSize(content.badge);
        parts.push(`<g class="al-badge" data-replicas="${node.replicas}"><rect x="${w - bw - 10}" y="14" width="${bw}" height="18" rx="9"/>`
            + `<text x="${w - 10 - bw / 2}" y="27" text-anchor="middle">${x(content.badge)}</text></g>`);
    }
    let y = CARD.header;
    if (content.chips.length) {
        let cx = CARD.padX;
        for (const chip of content.chips) {
            const cw = chipWidth(chip);
            parts.push(`<g class="al-chip ${chip.tone}"><rect x="${cx}" y="${y - 6}" width="${cw}" height="${CARD.chipHeight}" rx="${CARD.chipHeight / 2}"/>`
                + `<text x="${cx + cw / 2}" y="${y + 7}" text-anchor="middle">${x(chip.text)}</text></g>`);
            cx += cw + 6;
        }
        y += CARD.chipRow;
    }
    if (content.bars) {
        const max = 16, step = 5;
        const busiest = Math.max(...content.bars);
        parts.push(`<g class="al-shards" data-shards="${content.bars.length}">`);
        content.bars.forEach((share, i) => {
            const bh = Math.max(1.5, share * max);
            const cls = share === busiest && content.chips.some((c) => c.text.startsWith('max/mean') && c.tone !== 'good') ? ' bad' : '';
            parts.push(`<rect class="al-bar${cls}" x="${CARD.padX + i * step}" y="${y - 4 + max - bh}" width="4" height="${bh}" rx="1"/>`);
        });
        parts.push('</g>');
    }
    if (utilisation !== undefined) {
        const track = w - CARD.padX * 2;
        parts.push(`<g class="al-utilisation" data-utilisation="${percent(utilisation)}"><rect class="al-track" x="${CARD.padX}" y="${h - 7}" width="${track}" height="3" rx="1.5"/>`
            + `<rect class="al-util ${utilisationTone(utilisation)}" x="${CARD.padX}" y="${h - 7}" width="${(track * Math.min(1, utilisation)).toFixed(1)}" height="3" rx="1.5"/></g>`);
    }
    parts.push(findingBadge(node));
    parts.push('</g>');
    return parts.join('');
}

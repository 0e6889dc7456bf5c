/** One component card as SVG: replica stack, kind tile and icon, name, badges, chips, overlay. */
import type { DetailLevel, DiagramNode } from './types.js';
import { CARD, COMPACT, badgeSize, cardContent, chipWidth, headerHeight, utilisationTone, type CardContent } from './node-geometry.js';
import { KIND_COLOURS, KIND_ICONS } from './icons.js';
import { KIND_LABELS } from './details.js';
import { clip, escapeXml as x, MAX_TEXT, percent } from './text.js';

const RADIUS = 10;

function tooltip(node: DiagramNode): string {
    const lines = [`${clip(node.name)} (${KIND_LABELS[node.kind]})`];
    if (node.title) lines.push(node.title);
    if (node.spread) lines.push(`drawn in each of its zones: ${node.spread.join(', ')}`);
    for (const d of node.details) if (d.label !== 'kind') lines.push(`${d.label}: ${d.value}`);
    for (const f of node.findings) lines.push(`${f.severity} [${f.rule}]: ${f.message}`);
    return clip(lines.join('\n'), 8 * MAX_TEXT);
}

/** Findings listed in one badge's tooltip, at most; the hover card and the editor list them all. */
const MAX_FINDINGS_LISTED = 20;

function findingBadge(node: DiagramNode, compact: boolean): string {
    if (node.findings.length === 0) return '';
    const severity = node.findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
    const listed = node.findings.slice(0, MAX_FINDINGS_LISTED).map((f) => `${f.severity} [${f.rule}]: ${clip(f.message)}`);
    if (node.findings.length > MAX_FINDINGS_LISTED) listed.push(`and ${node.findings.length - MAX_FINDINGS_LISTED} more`);
    const count = node.findings.length > 9 ? '9+' : String(node.findings.length);
    const [r, baseline] = compact ? [12, 7.5] : [10, 6];
    return `<g class="al-finding ${severity}" data-severity="${severity}"><title>${x(listed.join('\n'))}</title>`
        + `<circle cx="${node.width - 2}" cy="2" r="${r}"/><text x="${node.width - 2}" y="${baseline}" text-anchor="middle">${count}</text></g>`;
}

function badgePill(text: string, w: number, replicas: number, compact: boolean): string {
    const bw = badgeSize(text, compact ? COMPACT.badgeSize : CARD.chipSize);
    const top = (COMPACT.height - COMPACT.badgeHeight) / 2;
    const [y, height, baseline] = compact ? [top, COMPACT.badgeHeight, top + COMPACT.badgeHeight / 2 + COMPACT.badgeSize * 0.36] : [13, 20, 27.5];
    return `<g class="al-badge" data-replicas="${replicas}"><rect x="${w - bw - (compact ? 8 : 10)}" y="${y}" width="${bw}" height="${height}" rx="${height / 2}"/>`
        + `<text x="${w - (compact ? 8 : 10) - bw / 2}" y="${baseline}" text-anchor="middle">${x(text)}</text></g>`;
}

function kindTile(node: DiagramNode, content: CardContent): string {
    const compact = content.detail === 'compact';
    const tile = compact ? COMPACT.icon : CARD.icon, ty = compact ? COMPACT.iconY : CARD.iconY, tx = compact ? COMPACT.iconY : CARD.padX - 2;
    const scale = compact ? 0.75 : 0.9, inset = (tile - 24 * scale) / 2;
    return `<rect x="${tx}" y="${ty}" width="${tile}" height="${tile}" rx="${compact ? 6 : 8}" fill="${KIND_COLOURS[node.kind]}"/>`
        + `<g class="al-icon" transform="translate(${tx + inset} ${ty + inset}) scale(${scale})">${KIND_ICONS[node.kind]}</g>`;
}

/** The SVG group of one laid-out component, drawn at `detail`. */
export function renderNode(node: DiagramNode, detail: DetailLevel = 'full'): string {
    const content = cardContent(node, detail);
    const compact = content.detail === 'compact';
    const { width: w, height: h } = node;
    const utilisation = node.overlay?.utilisation;
    const tone = utilisation !== undefined ? ` tone-${utilisationTone(utilisation)}` : '';
    const parts: string[] = [];
    parts.push(`<g class="al-node k-${node.kind}${tone}${compact ? ' compact' : ''}" data-component="${x(node.name)}" data-kind="${node.kind}"${node.zone ? ` data-in-zone="${x(node.zone)}"` : ''} data-flows="${x(node.flows.join(' '))}" transform="translate(${node.x} ${node.y})">`);
    parts.push(`<title>${x(tooltip(node))}</title>`);
    if (node.replicas > 1) {
        const layers = node.replicas > 2 ? 2 : 1;
        for (let i = layers; i >= 1; i--) parts.push(`<rect class="al-stack" x="${i * CARD.stack}" y="${i * CARD.stack}" width="${w}" height="${h}" rx="${RADIUS}"/>`);
    }
    parts.push(`<rect class="al-shadow" x="0" y="2" width="${w}" height="${h}" rx="${RADIUS}"/>`);
    parts.push(`<rect class="al-card" width="${w}" height="${h}" rx="${RADIUS}"/>`);
    parts.push(kindTile(node, content));
    if (compact) parts.push(`<text class="al-name compact" x="${COMPACT.textX}" y="${COMPACT.nameBaseline}">${x(content.name)}</text>`);
    else parts.push(`<text class="al-name" x="${CARD.textX}" y="29">${x(content.name)}</text>`);
    content.subtitle.forEach((line, i) => parts.push(`<text class="al-sub" x="${CARD.textX}" y="${46 + i * CARD.subLine}">${x(line)}</text>`));
    if (content.badge) parts.push(badgePill(content.badge, w, node.replicas, compact));
    let y = headerHeight(content.subtitle.length);
    if (content.chips.length) {
        let cx = CARD.padX;
        for (const chip of content.chips) {
            const cw = chipWidth(chip);
            parts.push(`<g class="al-chip ${chip.tone}"><rect x="${cx}" y="${y - 6}" width="${cw}" height="${CARD.chipHeight}" rx="${CARD.chipHeight / 2}"/>`
                + `<text x="${cx + cw / 2}" y="${y + 8.5}" text-anchor="middle">${x(chip.text)}</text></g>`);
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
    parts.push(findingBadge(node, compact));
    parts.push('</g>');
    return parts.join('');
}

/**
 * The inside of a component card, shared by sizing (before layout) and drawing (after), so
 * ELK reserves exactly the room the renderer uses.
 */
import type { DetailLevel, DiagramNode } from './types.js';
import { KIND_LABELS } from './details.js';
import { fitText, percent, textWidth, wrapText } from './text.js';

/** Card metrics in pixels. */
export const CARD = {
    minWidth: 150, maxTextWidth: 240, header: 60, chipRow: 26, barsRow: 26, padX: 14,
    icon: 34, iconY: 13, textX: 60, nameSize: 14, subSize: 13, chipSize: 13, chipHeight: 20,
    /** A second line of a wrapped title adds this much. */
    subLine: 15,
    /** Offset of each card of a replica stack, drawn behind the front card towards bottom-right. */
    stack: 4,
} as const;

/**
 * The compact card of big systems: kind tile and name in large type, the replica badge, nothing
 * else (title, chips and figures are in the hover card). Its area is a third of a full card's
 * and its name larger, so a big system stays legible when fitted to a screen.
 */
export const COMPACT = {
    minWidth: 100, maxTextWidth: 220, height: 38, padX: 8, icon: 24, iconY: 7, textX: 37, nameSize: 19, nameBaseline: 25.5,
    badgeSize: 18, badgeHeight: 24,
} as const;

/** A small rounded tag under the title. */
export interface Chip {
    text: string;
    tone: 'neutral' | 'good' | 'warn' | 'bad';
}

/** What a card shows, already fitted to its width. */
export interface CardContent {
    detail: DetailLevel;
    name: string;
    /** The title (or kind) in one or two lines; empty on a compact card. */
    subtitle: string[];
    /** `×N` when replicated. */
    badge?: string;
    chips: Chip[];
    /** Per-shard load, each as a share of the busiest shard (0..1). */
    bars?: number[];
    width: number;
    height: number;
}

/** The tone of a utilisation figure: green below 70%, amber below 90%, red above. */
export function utilisationTone(u: number): Chip['tone'] {
    return u < 0.7 ? 'good' : u < 0.9 ? 'warn' : 'bad';
}

/** Most shard bars drawn; more shards are grouped, keeping each group's busiest. */
const MAX_BARS = 32;

function shardBars(load: number[]): number[] {
    const group = Math.ceil(load.length / MAX_BARS);
    const grouped: number[] = [];
    for (let i = 0; i < load.length; i += group) grouped.push(Math.max(...load.slice(i, i + group)));
    const max = Math.max(...grouped, 0);
    return grouped.map((v) => (max > 0 ? v / max : 0));
}

type CardInput = Pick<DiagramNode, 'name' | 'title' | 'kind' | 'replicas' | 'shards' | 'leader' | 'overlay' | 'spread' | 'zone'>;

/** The `also in …` chip of a component drawn in each of several zones. */
function spreadChip(node: CardInput): Chip | undefined {
    if (!node.spread) return undefined;
    const others = node.spread.filter((z) => z !== node.zone).join(', ');
    return { text: fitText(`also in ${others}`, CARD.maxTextWidth - 14, CARD.chipSize), tone: 'neutral' };
}

function compactContent(node: CardInput, badge: string | undefined): CardContent {
    const name = fitText(node.name, COMPACT.maxTextWidth, COMPACT.nameSize, true);
    const badgeWidth = badge ? badgeSize(badge, COMPACT.badgeSize) + 6 : 0;
    const width = Math.ceil(Math.max(COMPACT.minWidth, COMPACT.textX + textWidth(name, COMPACT.nameSize, true) + badgeWidth + COMPACT.padX));
    return { detail: 'compact', name, subtitle: [], badge, chips: [], width, height: COMPACT.height };
}

/** The content and size of a component's card. */
export function cardContent(node: CardInput, detail: DetailLevel = 'full'): CardContent {
    const badge = node.replicas > 1 ? `×${node.replicas}` : undefined;
    if (detail === 'compact') return compactContent(node, badge);
    const name = fitText(node.name, CARD.maxTextWidth, CARD.nameSize, true);
    const subtitle = wrapText(node.title ?? KIND_LABELS[node.kind], CARD.maxTextWidth, CARD.subSize, 2);
    const chips: Chip[] = [];
    if (node.shards) chips.push({ text: `${node.shards} shards`, tone: 'neutral' });
    if (node.leader) chips.push({ text: node.leader, tone: 'neutral' });
    const spread = spreadChip(node);
    if (spread) chips.push(spread);
    const o = node.overlay;
    if (o?.utilisation !== undefined) chips.push({ text: `util ${percent(o.utilisation)}`, tone: utilisationTone(o.utilisation) });
    if (o?.hitRate !== undefined) chips.push({ text: `hit ${percent(o.hitRate)}`, tone: o.hitRate >= 0.8 ? 'good' : o.hitRate >= 0.5 ? 'warn' : 'bad' });
    let bars: number[] | undefined;
    if (o?.shardLoad && o.shardLoad.length > 0) {
        bars = shardBars(o.shardLoad);
        const mean = o.shardLoad.reduce((a, b) => a + b, 0) / o.shardLoad.length;
        const ratio = mean > 0 ? Math.max(...o.shardLoad) / mean : 1;
        chips.push({ text: `max/mean ${ratio.toFixed(2)}×`, tone: ratio < 1.5 ? 'good' : ratio < 2 ? 'warn' : 'bad' });
    }
    const badgeWidth = badge ? badgeSize(badge) + 8 : 0;
    const header = CARD.textX + Math.max(textWidth(name, CARD.nameSize, true) + badgeWidth, ...subtitle.map((line) => textWidth(line, CARD.subSize))) + CARD.padX;
    const chipsWidth = CARD.padX * 2 + chips.reduce((sum, c) => sum + chipWidth(c) + 6, -6);
    const barsWidth = bars ? CARD.padX * 2 + bars.length * 5 : 0;
    const width = Math.ceil(Math.max(CARD.minWidth, header, chipsWidth, barsWidth));
    const height = headerHeight(subtitle.length) + (chips.length ? CARD.chipRow : 0) + (bars ? CARD.barsRow : 0);
    return { detail, name, subtitle, badge, chips, bars, width, height };
}

/** Height of a full card's header: icon, name and a title of `lines` lines. */
export function headerHeight(lines: number): number {
    return CARD.header + Math.max(0, lines - 1) * CARD.subLine;
}

/** Width of the `×N` replica badge, its text `size` px. */
export function badgeSize(text: string, size: number = CARD.chipSize): number {
    return textWidth(text, size, true) + 12;
}

/** Width of a chip. */
export function chipWidth(chip: Chip): number {
    return textWidth(chip.text, CARD.chipSize) + 14;
}

/**
 * The text around the cards, shared by sizing (before layout) and drawing (after): the header
 * with the system's name and title, zone labels and edge labels. Every string is bounded in
 * width here, so no model text can make the picture arbitrarily large.
 */
import type { DetailLevel } from './types.js';
import { fitText, textWidth, wrapText } from './text.js';

/** Text smaller than this on screen is not legible (issue 13's bar). */
export const LEGIBLE_PX = 9;

/**
 * The smallest text a diagram draws (chips, badges, edge and zone labels), per detail level.
 * Compact cards are for big systems, seen small when fitted to a screen: their text is larger.
 */
export const SMALLEST_TEXT_PX: Record<DetailLevel, number> = { full: 13, compact: 18 };

/** Room above the diagram for the system's name and title. */
export const HEADER = { pad: 24, maxWidth: 880 } as const;

/** The header's type per detail level: sizes, the name's baseline, a title line's height, the room above the diagram. */
export const HEADER_TYPE: Record<DetailLevel, { nameSize: number; titleSize: number; baseline: number; titleLine: number; height: number }> = {
    full: { nameSize: 18, titleSize: 13, baseline: 34, titleLine: 17, height: 58 },
    compact: { nameSize: 26, titleSize: 18, baseline: 40, titleLine: 23, height: 74 },
};

/** Room at the top of a zone for its label, its pill and baseline, and the label's type size, per detail level. */
export const ZONE_LABEL: Record<DetailLevel, { size: number; height: number; pill: number; baseline: number; pin: number }> = {
    full: { size: 13, height: 30, pill: 22, baseline: 21, pin: 1 },
    compact: { size: 18, height: 36, pill: 28, baseline: 26, pin: 1.25 },
};

/** Widest a zone's label is drawn. */
export const ZONE_LABEL_MAX_WIDTH = 420;

/** Size of a protocol or relation label on an edge. */
export const EDGE_LABEL = { size: 13, height: 19, padX: 7, maxWidth: 160 } as const;

/** The header as drawn: the name on one line, the title on up to two. */
export interface HeaderText { name: string; title: string[]; width: number; height: number }

/** The header of a system named `name` with `title`. */
export function headerText(name: string, title: string | undefined, detail: DetailLevel = 'full'): HeaderText {
    const type = HEADER_TYPE[detail];
    const fittedName = fitText(name, HEADER.maxWidth, type.nameSize, true);
    const lines = title ? wrapText(title, HEADER.maxWidth, type.titleSize, 2) : [];
    const width = Math.max(textWidth(fittedName, type.nameSize, true), ...lines.map((l) => textWidth(l, type.titleSize)));
    return { name: fittedName, title: lines, width, height: type.height + Math.max(0, lines.length - 1) * type.titleLine };
}

/** A zone's label as drawn: its name and title, fitted to `maxWidth`. */
export interface ZoneLabelText { name: string; title?: string; nameWidth: number; width: number }

/** The label of a zone, fitted to `maxWidth` px. */
export function zoneLabelText(name: string, title: string | undefined, maxWidth: number = ZONE_LABEL_MAX_WIDTH, detail: DetailLevel = 'full'): ZoneLabelText {
    const size = ZONE_LABEL[detail].size;
    const fittedName = fitText(name, maxWidth, size, true);
    const nameWidth = textWidth(fittedName, size, true);
    const room = maxWidth - nameWidth - 8;
    const fittedTitle = title && room > 40 ? fitText(title, room, size) : undefined;
    return { name: fittedName, title: fittedTitle, nameWidth, width: nameWidth + (fittedTitle ? 8 + textWidth(fittedTitle, size) : 0) };
}

/** An edge label's text and size. */
export function edgeLabel(text: string): { text: string; width: number; height: number } {
    const fitted = fitText(text, EDGE_LABEL.maxWidth, EDGE_LABEL.size);
    return { text: fitted, width: textWidth(fitted, EDGE_LABEL.size) + EDGE_LABEL.padX * 2, height: EDGE_LABEL.height };
}

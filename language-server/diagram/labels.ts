/**
 * The text around the cards, shared by sizing (before layout) and drawing (after): the header
 * with the system's name and title, zone labels and edge labels. Every string is bounded in
 * width here, so no model text can make the picture arbitrarily large.
 */
import { fitText, textWidth, wrapText } from './text.js';

/** Text smaller than this on screen is not legible (issue 13's bar). */
export const LEGIBLE_PX = 9;

/** The smallest text a diagram draws (chips, badges, edge and zone labels), at either detail level. */
export const SMALLEST_TEXT_PX = 12;

/** Room above the diagram for the system's name and title. */
export const HEADER = { height: 58, nameSize: 18, titleSize: 13, pad: 24, maxWidth: 880, titleLine: 17 } as const;

/** Room at the top of a zone for its label. */
export const ZONE_LABEL = { height: 30, size: 12, titleSize: 12, maxWidth: 420 } as const;

/** Size of a protocol or relation label on an edge. */
export const EDGE_LABEL = { size: 12, height: 18, padX: 7, maxWidth: 160 } as const;

/** The header as drawn: the name on one line, the title on up to two. */
export interface HeaderText { name: string; title: string[]; width: number; height: number }

/** The header of a system named `name` with `title`. */
export function headerText(name: string, title: string | undefined): HeaderText {
    const fittedName = fitText(name, HEADER.maxWidth, HEADER.nameSize, true);
    const lines = title ? wrapText(title, HEADER.maxWidth, HEADER.titleSize, 2) : [];
    const width = Math.max(textWidth(fittedName, HEADER.nameSize, true), ...lines.map((l) => textWidth(l, HEADER.titleSize)));
    return { name: fittedName, title: lines, width, height: HEADER.height + Math.max(0, lines.length - 1) * HEADER.titleLine };
}

/** A zone's label as drawn: its name and title, fitted to `maxWidth`. */
export interface ZoneLabelText { name: string; title?: string; nameWidth: number; width: number }

/** The label of a zone, fitted to `maxWidth` px. */
export function zoneLabelText(name: string, title: string | undefined, maxWidth: number = ZONE_LABEL.maxWidth): ZoneLabelText {
    const titleSize = ZONE_LABEL.titleSize;
    const fittedName = fitText(name, maxWidth, ZONE_LABEL.size, true);
    const nameWidth = textWidth(fittedName, ZONE_LABEL.size, true);
    const room = maxWidth - nameWidth - 8;
    const fittedTitle = title && room > 40 ? fitText(title, room, titleSize) : undefined;
    return { name: fittedName, title: fittedTitle, nameWidth, width: nameWidth + (fittedTitle ? 8 + textWidth(fittedTitle, titleSize) : 0) };
}

/** An edge label's text and size. */
export function edgeLabel(text: string): { text: string; width: number; height: number } {
    const fitted = fitText(text, EDGE_LABEL.maxWidth, EDGE_LABEL.size);
    return { text: fitted, width: textWidth(fitted, EDGE_LABEL.size) + EDGE_LABEL.padX * 2, height: EDGE_LABEL.height };
}

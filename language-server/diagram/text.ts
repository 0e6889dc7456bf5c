/**
 * Text without a DOM: escaping for SVG/XML and width estimates for sizing nodes before
 * layout. Widths follow DejaVu Sans, the widest font of the diagram's font stack, so a label
 * fits whichever of the stack's fonts the viewer has.
 */

/** The font stack of every diagram label. */
export const FONT_FAMILY = `Inter, 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif`;

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an XML text node or a quoted attribute; drops characters XML forbids. */
export function escapeXml(text: string): string {
    // Control characters are invalid in XML 1.0: a title holding one would break the whole SVG.
    return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML[c]);
}

// Advance widths in em, by character class, after DejaVu Sans.
const NARROW = new Set([...'iljI.,:;|!\'`']);
const SEMI = new Set([...'ftr-() []{}/\\"*']);
const WIDE = new Set([...'mwMW@%']);

function charWidth(c: string): number {
    if (NARROW.has(c)) return 0.3;
    if (SEMI.has(c)) return 0.4;
    if (WIDE.has(c)) return 0.95;
    if (c >= 'A' && c <= 'Z') return 0.72;
    if (c >= '0' && c <= '9') return 0.64;
    if (c.charCodeAt(0) > 0x2e7f) return 1; // CJK and other full-width scripts
    return 0.61;
}

/** Estimated width in pixels of `text` at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
    let em = 0;
    for (const c of text) em += charWidth(c);
    return Math.ceil(em * size * (bold ? 1.08 : 1));
}

/**
 * Most characters of any model string the diagram keeps (a title, a zone's title): enough for
 * any real title, and a bound on what a hostile one costs (issue 10: a 100k-character title
 * once made a 6 GB PNG). Drawn text is bounded further by width.
 */
export const MAX_TEXT = 500;

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max = MAX_TEXT): string {
    if (text.length <= max) return text;
    return `${[...text.slice(0, max + 1)].slice(0, max - 1).join('')}…`;
}

/** `text` cut with an ellipsis to fit `maxWidth` px at `size` px. */
export function fitText(text: string, maxWidth: number, size: number, bold = false): string {
    text = clip(text);
    if (textWidth(text, size, bold) <= maxWidth) return text;
    const chars = [...text];
    let width = textWidth('…', size, bold);
    let end = 0;
    while (end < chars.length && width + textWidth(chars[end], size, bold) <= maxWidth) width += textWidth(chars[end++], size, bold);
    return chars.slice(0, end).join('') + '…';
}

/**
 * `text` wrapped at spaces into at most `lines` lines of `maxWidth` px; a word wider than a
 * line is broken, and what does not fit ends the last line with an ellipsis.
 */
export function wrapText(text: string, maxWidth: number, size: number, lines = 2, bold = false): string[] {
    const words = clip(text).split(/\s+/).filter(Boolean);
    const out: string[] = [];
    let line = '';
    for (let i = 0; i < words.length; i++) {
        const candidate = line ? `${line} ${words[i]}` : words[i];
        if (textWidth(candidate, size, bold) <= maxWidth) {
            line = candidate;
            continue;
        }
        if (out.length === lines - 1) return [...out, fitText(words.slice(i).reduce((a, w) => `${a} ${w}`, line).trim(), maxWidth, size, bold)];
        if (line) {
            out.push(line);
            line = '';
            i--;
            continue;
        }
        // One word wider than a whole line: break it where the line is full.
        const head = fitText(words[i], maxWidth, size, bold).replace(/…$/, '');
        out.push(head || [...words[i]][0]);
        words[i] = words[i].slice(out[out.length - 1].length);
        i--;
    }
    if (line) out.push(line);
    return out;
}

/** A number as an architect writes it: 20k, 1.5M, 950. */
export function compactNumber(value: number): string {
    const abs = Math.abs(value);
    const [div, suffix] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
    const scaled = value / div;
    return `${Number(scaled.toFixed(Math.abs(scaled) >= 100 || div === 1 ? 0 : 1))}${suffix}`;
}

/** A ratio (0..1) as a whole percentage. */
export function percent(ratio: number): string {
    return `${Math.round(ratio * 100)}%`;
}

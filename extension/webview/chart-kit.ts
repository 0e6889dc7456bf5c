/// <reference lib="dom" />
/**
 * Small building blocks of the simulation charts: SVG and HTML elements whose text is always
 * set through textContent (a model's names are untrusted), number formats, and axis scales.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (numbers and fixed strings of ours, never model text). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Node[]): SVGElementTagNameMap[K] {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    el.append(...children);
    return el;
}

/** An SVG text element; `content` may be model text, so it goes in as text. */
export function label(x: number, y: number, content: string, cls = '', anchor: 'start' | 'middle' | 'end' = 'start'): SVGTextElement {
    const t = svg('text', { x, y, 'text-anchor': anchor, class: cls });
    t.textContent = content;
    return t;
}

/** An SVG <title> (the browser's tooltip) holding `content` as text. */
export function tip(content: string): SVGTitleElement {
    const t = svg('title');
    t.textContent = content;
    return t;
}

/** An HTML element with a class and text content. */
export function html<K extends keyof HTMLElementTagNameMap>(tag: K, cls = '', content?: string): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    if (content !== undefined) el.textContent = content;
    return el;
}

/** `name` cut to `max` characters with an ellipsis. */
export function truncate(name: string, max: number): string {
    return name.length <= max ? name : `${name.slice(0, Math.max(1, max - 1))}…`;
}

/** Approximate width in pixels of `text` at the chart's 12px font (no layout pass needed). */
export function textWidth(text: string): number {
    return text.length * 6.6;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count: 1,234,567. */
export function count(n: number): string {
    return grouped.format(n);
}

/** A rate per second: "1,234 rps", "12.5 rps", "0.3 rps". */
export function rate(rps: number): string {
    if (rps >= 100) return `${count(rps)} rps`;
    return `${Number(rps.toPrecision(3))} rps`;
}

/** A latency given in milliseconds: "0.42 ms", "12.3 ms", "245 ms", "1.24 s". */
export function ms(value: number): string {
    if (value >= 1000) return `${Number((value / 1000).toPrecision(3))} s`;
    if (value >= 100) return `${Math.round(value)} ms`;
    return `${Number(value.toPrecision(3))} ms`;
}

/** A fraction as a percentage: "63 %", "87.3 %" (digits 1), "0.4 %". */
export function percent(fraction: number, digits = 0): string {
    const p = fraction * 100;
    if (p > 0 && p < 1) return `${Number(p.toPrecision(1))} %`;
    return `${Number(p.toFixed(digits))} %`;
}

/** An availability with the nines that matter: "99.95 %", "99.999 %", never rounded up to "100 %". */
export function availability(fraction: number): string {
    const p = fraction * 100;
    if (p >= 99 && p < 100) return `${Number((Math.floor(p * 1000) / 1000).toFixed(3))} %`;
    return percent(fraction, 2);
}

/** Seconds of simulated time: "45 s", "2 min", "1.5 h". */
export function duration(s: number): string {
    if (s >= 3600) return `${Number((s / 3600).toPrecision(3))} h`;
    if (s >= 120) return `${Number((s / 60).toPrecision(3))} min`;
    return `${Number(s.toPrecision(3))} s`;
}

/** A round axis maximum at or above `v`: 1, 2, 2.5, 5 × 10^k. */
export function niceMax(v: number): number {
    if (!(v > 0)) return 1;
    const base = 10 ** Math.floor(Math.log10(v));
    for (const step of [1, 2, 2.5, 5, 10]) if (step * base >= v) return step * base;
    return 10 * base;
}

/** The colour class of a utilisation: ok below 0.7, warn below 0.9, hot at or above. */
export function level(utilisation: number): 'ok' | 'warn' | 'hot' {
    return utilisation < 0.7 ? 'ok' : utilisation < 0.9 ? 'warn' : 'hot';
}

/** A row of colour swatches with their meaning, then a note. */
export function legend(items: [string, string][], note = ''): HTMLDivElement {
    const div = html('div', 'legend');
    for (const [cls, text] of items) {
        const item = html('span', 'legend-item');
        item.append(html('span', `swatch ${cls}`), document.createTextNode(text));
        div.append(item);
    }
    if (note) div.append(html('span', 'note', note));
    return div;
}

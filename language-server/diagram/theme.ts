/**
 * The diagram's stylesheet. Colours are CSS variables set per theme on the root element
 * (`.archlint-diagram.theme-light|dark`), so a host page can restyle or switch themes without
 * a new SVG. Rasterisers without CSS variables get the `flat` form with the values inlined.
 */
import type { Theme } from './types.js';
import { FONT_FAMILY } from './text.js';
import { EDGE_LABEL, HEADER_TYPE, ZONE_LABEL } from './labels.js';
import { CARD, COMPACT } from './node-geometry.js';

const PALETTES: Record<Theme, Record<string, string>> = {
    light: {
        bg: '#f8fafc', fg: '#0f172a', muted: '#64748b', card: '#ffffff', 'card-border': '#dbe2ea', stack: '#eef2f7',
        shadow: '#0f172a14', 'zone-0': '#eef3fb', 'zone-1': '#e3ebf7', 'zone-2': '#d8e3f3', 'zone-border': '#a9bddb', 'zone-label': '#3b5b8c',
        edge: '#8494a9', 'label-bg': '#ffffff', 'label-fg': '#475569', 'chip-bg': '#f1f5f9', 'chip-fg': '#334155',
        'good-bg': '#dcfce7', good: '#15803d', 'warn-bg': '#fef3c7', warn: '#b45309', 'bad-bg': '#fee2e2', bad: '#b91c1c',
        error: '#dc2626', warning: '#d97706', highlight: '#2563eb', 'badge-bg': '#e8eefc', 'badge-fg': '#1d4ed8', track: '#e2e8f0',
    },
    dark: {
        bg: '#0b1220', fg: '#e2e8f0', muted: '#94a3b8', card: '#162033', 'card-border': '#2b3a52', stack: '#111a2b',
        shadow: '#00000059', 'zone-0': '#111c30', 'zone-1': '#15233b', 'zone-2': '#1a2a46', 'zone-border': '#3b5378', 'zone-label': '#9db8e0',
        edge: '#6f819b', 'label-bg': '#0f192b', 'label-fg': '#cbd5e1', 'chip-bg': '#1f2c44', 'chip-fg': '#cbd5e1',
        'good-bg': '#14532d', good: '#86efac', 'warn-bg': '#713f12', warn: '#fcd34d', 'bad-bg': '#7f1d1d', bad: '#fca5a5',
        error: '#ef4444', warning: '#f59e0b', highlight: '#60a5fa', 'badge-bg': '#1e3a8a', 'badge-fg': '#bfdbfe', track: '#2b3a52',
    },
};

type Value = (name: string) => string;

function rules(v: Value): string {
    return `
.archlint-diagram { font-family: ${FONT_FAMILY}; }
.al-bg { fill: ${v('bg')}; }
.al-head-name { fill: ${v('fg')}; font-size: ${HEADER_TYPE.full.nameSize}px; font-weight: 700; }
.al-head-title { fill: ${v('muted')}; font-size: ${HEADER_TYPE.full.titleSize}px; }
.al-zone rect { fill: ${v('zone-0')}; stroke: ${v('zone-border')}; stroke-width: 1.2; stroke-dasharray: 5 4; }
.al-zone.d1 rect { fill: ${v('zone-1')}; }
.al-zone.d2 rect { fill: ${v('zone-2')}; }
.al-zlabel rect { fill: ${v('zone-0')}; }
.al-zlabel.d1 rect { fill: ${v('zone-1')}; }
.al-zlabel.d2 rect { fill: ${v('zone-2')}; }
.al-zone-name { fill: ${v('zone-label')}; font-size: ${ZONE_LABEL.full.size}px; font-weight: 700; letter-spacing: 0.3px; }
.al-zone-title { fill: ${v('muted')}; font-size: ${ZONE_LABEL.full.size}px; }
.al-zone-pin { fill: none; stroke: ${v('zone-label')}; stroke-width: 1.6; }
.al-edge { fill: none; stroke: ${v('edge')}; stroke-width: 1.6; stroke-linejoin: round; marker-end: url(#al-arrow); }
.al-link.async .al-edge { stroke-dasharray: 6 4; }
.al-link.consume .al-edge { stroke-dasharray: 1.5 4; stroke-linecap: round; }
.al-link.relation .al-edge { stroke: ${v('muted')}; stroke-width: 1.3; stroke-dasharray: 3 3; marker-end: url(#al-arrow-open); }
.al-arrowhead-open { fill: none; stroke: ${v('muted')}; stroke-width: 1.4; stroke-linecap: round; stroke-linejoin: round; }
.al-arrowhead { fill: ${v('edge')}; }
.al-arrowhead-hl { fill: ${v('highlight')}; }
.al-elabel rect { fill: ${v('label-bg')}; stroke: ${v('card-border')}; stroke-width: 1; }
.al-elabel text { fill: ${v('label-fg')}; font-size: ${EDGE_LABEL.size}px; }
.al-elabel.relation rect { stroke-dasharray: 2 2; }
.al-elabel.relation text { fill: ${v('muted')}; font-style: italic; }
.al-shadow { fill: ${v('shadow')}; }
.al-card { fill: ${v('card')}; stroke: ${v('card-border')}; stroke-width: 1.2; }
.al-stack { fill: ${v('stack')}; stroke: ${v('card-border')}; stroke-width: 1; }
.al-node.tone-warn .al-card { stroke: ${v('warn')}; stroke-width: 2; }
.al-node.tone-bad .al-card { stroke: ${v('bad')}; stroke-width: 2; }
.al-icon { fill: none; stroke: #ffffff; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
.al-name { fill: ${v('fg')}; font-size: ${CARD.nameSize}px; font-weight: 700; }
.al-name.compact { font-size: ${COMPACT.nameSize}px; }
.al-legend-rule { stroke: ${v('card-border')}; stroke-width: 1; }
.al-legend-head { fill: ${v('fg')}; font-size: 12px; font-weight: 700; }
.al-legend-text { fill: ${v('muted')}; font-size: 12px; }
.al-sub { fill: ${v('muted')}; font-size: ${CARD.subSize}px; }
.al-badge rect { fill: ${v('badge-bg')}; }
.al-badge text { fill: ${v('badge-fg')}; font-size: ${CARD.chipSize}px; font-weight: 700; }
.al-chip rect { fill: ${v('chip-bg')}; }
.al-chip text { fill: ${v('chip-fg')}; font-size: ${CARD.chipSize}px; }
.al-chip.good rect { fill: ${v('good-bg')}; } .al-chip.good text { fill: ${v('good')}; }
.al-chip.warn rect { fill: ${v('warn-bg')}; } .al-chip.warn text { fill: ${v('warn')}; }
.al-chip.bad rect { fill: ${v('bad-bg')}; } .al-chip.bad text { fill: ${v('bad')}; }
.al-track { fill: ${v('track')}; }
.al-bar { fill: ${v('muted')}; }
.al-bar.good, .al-util.good { fill: ${v('good')}; }
.al-bar.warn, .al-util.warn { fill: ${v('warn')}; }
.al-bar.bad, .al-util.bad { fill: ${v('bad')}; }
.al-finding circle { stroke: ${v('card')}; stroke-width: 2; }
.al-finding.error circle { fill: ${v('error')}; }
.al-finding.warning circle { fill: ${v('warning')}; }
.al-finding text { fill: #ffffff; font-size: ${CARD.chipSize}px; font-weight: 700; }
.archlint-diagram.compact .al-head-name { font-size: ${HEADER_TYPE.compact.nameSize}px; }
.archlint-diagram.compact .al-head-title { font-size: ${HEADER_TYPE.compact.titleSize}px; }
.archlint-diagram.compact .al-zone-name, .archlint-diagram.compact .al-zone-title { font-size: ${ZONE_LABEL.compact.size}px; }
.al-node.compact .al-badge text, .al-node.compact .al-finding text { font-size: ${COMPACT.badgeSize}px; }
.al-node { cursor: pointer; }
.al-node:hover .al-card, .al-node.focus .al-card { stroke: ${v('highlight')}; stroke-width: 2; }
.al-highlight .al-node:not(.hl), .al-highlight .al-link:not(.hl), .al-highlight .al-elabel:not(.hl) { opacity: 0.2; }
.al-link.hl .al-edge { stroke: ${v('highlight')}; stroke-width: 2.4; marker-end: url(#al-arrow-hl); }
`;
}

function variables(theme: Theme): string {
    return Object.entries(PALETTES[theme]).map(([name, value]) => `--al-${name}: ${value};`).join(' ');
}

/**
 * The theme a diagram is drawn in, from the `archlint.diagram.theme` setting and the editor's
 * theme: `light` or `dark` fix it (the diagram then brings its own background, as it may differ
 * from the editor's); anything else (`auto`, unset) follows the editor.
 */
export function diagramTheme(setting: unknown, editor: Theme): { theme: Theme; fixed: boolean } {
    return setting === 'light' || setting === 'dark' ? { theme: setting, fixed: true } : { theme: editor, fixed: false };
}

/** The stylesheet of a standalone SVG in one theme; `flat` inlines the colours. */
export function svgStylesheet(theme: Theme, flat = false): string {
    if (flat) return rules((name) => PALETTES[theme][name]);
    return `.archlint-diagram.theme-${theme} { ${variables(theme)} }${rules((name) => `var(--al-${name})`)}`;
}

/** The stylesheet for a page hosting diagrams: both themes, switched by the root's class. */
export function pageStylesheet(): string {
    return `.archlint-diagram.theme-light { ${variables('light')} }\n.archlint-diagram.theme-dark { ${variables('dark')} }${rules((name) => `var(--al-${name})`)}`;
}

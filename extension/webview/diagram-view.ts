/// <reference lib="dom" />
/**
 * The diagram webview: shows the SVG the language server rendered, opens it at a legible zoom
 * (whole when that is legible, else from its top-left corner), keeps zoom and pan across
 * updates, highlights a flow, shows a component's properties and findings on hover, reveals
 * its declaration on click, marks the component the editor's cursor is in, follows VS Code's
 * theme unless the setting fixes one, reports its size (for the `auto` direction), and exports
 * SVG or PNG, legend included, through the extension. Every message in is validated; every
 * model string reaches the DOM as text (textContent), never as markup.
 */
import { isDiagramHostMessage, type DiagramHostMessage, type DiagramViewMessage } from '../../language-server/protocol.js';
import type { DiagramLayout, DiagramNode, DirectionChoice, Theme } from '../../language-server/diagram/types.js';
import { LEGIBLE_PX, SMALLEST_TEXT_PX } from '../../language-server/diagram/labels.js';
import { rasterScale } from '../../language-server/diagram/raster-size.js';
import { Viewport, type View } from './viewport.js';

interface VsCodeApi {
    postMessage(message: DiagramViewMessage): void;
    getState(): unknown;
    setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState { view?: View; flow?: string }

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as SavedState;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLDivElement>('canvas'), viewportEl = $<HTMLDivElement>('viewport'), tooltip = $<HTMLDivElement>('tooltip');
const flowSelect = $<HTMLSelectElement>('flow'), systemSelect = $<HTMLSelectElement>('system'), directionSelect = $<HTMLSelectElement>('direction');
const post = (message: DiagramViewMessage) => vscode.postMessage(message);

let layout: DiagramLayout | undefined;
let svgText = '';
/** The SVG's own size, legend included: what an export draws. */
let pictureSize = { width: 0, height: 0 };
let nodes = new Map<string, DiagramNode>();
let flow = saved.flow ?? '';
/** The component the editor's cursor is in, kept across updates. */
let focused: string | undefined;
/** The theme the setting fixes, if it does; else the view follows VS Code's. */
let fixedTheme: Theme | undefined;
let view = saved.view;
const persist = () => vscode.setState({ view, flow } satisfies SavedState);

const viewport = new Viewport(viewportEl, canvas, saved.view, (next) => {
    view = next;
    persist();
}, (target) => {
    const name = componentAt(target);
    if (name) post({ type: 'reveal', component: name });
});

function componentAt(target: EventTarget | null): string | undefined {
    const node = target instanceof Element ? target.closest('.al-node') : null;
    const name = node?.getAttribute('data-component') ?? undefined;
    return name && nodes.has(name) ? name : undefined;
}

const themeClass = () => (fixedTheme ? `theme-${fixedTheme}`
    : document.body.classList.contains('vscode-light') || document.body.classList.contains('vscode-high-contrast-light') ? 'theme-light'
        : document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast') ? 'theme-dark' : undefined);

function applyTheme(svg: Element): void {
    // A fixed theme may differ from the editor's: the diagram is then drawn on its own background.
    svg.classList.toggle('own-background', fixedTheme !== undefined);
    const theme = themeClass();
    if (!theme) return;
    svg.classList.remove('theme-light', 'theme-dark');
    svg.classList.add(theme);
}

/** Parses the server's SVG and strips what a diagram never needs (defence in depth under the CSP). */
function parseSvg(text: string): SVGSVGElement | undefined {
    // The page already carries the diagram stylesheet with its nonce. The SVG's own <style> goes
    // before parsing: Chromium checks the page's CSP even inside a DOMParser document.
    const doc = new DOMParser().parseFromString(text.replace(/<style>[^<]*<\/style>/, ''), 'image/svg+xml');
    const svg = doc.documentElement;
    if (!(svg instanceof SVGSVGElement) || doc.querySelector('parsererror')) return undefined;
    svg.querySelectorAll('style, script, foreignObject, iframe, image, a').forEach((el) => el.remove());
    // The hover card replaces the browser's own tooltips on components.
    svg.querySelectorAll('.al-node title').forEach((el) => el.remove());
    for (const el of [svg, ...svg.querySelectorAll('*')]) {
        for (const a of [...el.attributes]) {
            if (/^on/i.test(a.name) || a.name === 'style' || (/href$/i.test(a.name) && !a.value.startsWith('#'))) el.removeAttribute(a.name);
        }
    }
    return document.importNode(svg, true);
}

/** The zoom at which the diagram's smallest text is legible. */
const readableZoom = (l: DiagramLayout) => LEGIBLE_PX / SMALLEST_TEXT_PX[l.detail];

/** Crops the SVG to the diagram: the legend under it is for exports. */
function cropToDiagram(svg: SVGSVGElement, l: DiagramLayout): void {
    pictureSize = { width: Number(svg.getAttribute('width')) || l.width, height: Number(svg.getAttribute('height')) || l.height };
    svg.setAttribute('viewBox', `0 0 ${l.width} ${l.height}`);
    svg.setAttribute('width', String(l.width));
    svg.setAttribute('height', String(l.height));
}

function show(message: Extract<DiagramHostMessage, { type: 'diagram' }>): void {
    const svg = parseSvg(message.svg);
    if (!svg) return setStatus('The diagram could not be displayed.');
    const previous = layout;
    layout = message.layout;
    svgText = message.svg;
    nodes = new Map(layout.nodes.map((n) => [n.name, n]));
    fixedTheme = message.theme;
    applyTheme(svg);
    cropToDiagram(svg, layout);
    canvas.replaceChildren(svg);
    $('title').textContent = layout.title ? `${layout.system} — ${layout.title}` : layout.system;
    const choice: DirectionChoice = message.direction ?? layout.direction;
    directionSelect.options[0].textContent = `Auto (${layout.direction === 'down' ? 'top to bottom' : 'left to right'})`;
    directionSelect.value = choice;
    fillSelect(systemSelect, message.systems.map((s) => [s, s]), layout.system);
    systemSelect.hidden = message.systems.length < 2;
    fillSelect(flowSelect, [['', 'All flows'], ...layout.flows.map((f): [string, string] => [f.name, `Flow: ${f.name}`])], flow);
    flow = flowSelect.value;
    highlight();
    focusComponent(focused);
    $('hide-figures').hidden = !message.overlay;
    const notes = [
        layout.engine === 'fallback' ? `Simple layout shown: ${layout.reason ?? 'ELK was unavailable'}.` : undefined,
        message.overlay?.state === 'shown' ? `Figures from ${message.overlay.run}.`
            : message.overlay ? `The model changed since ${message.overlay.run}: its figures are hidden until you simulate again.` : undefined,
    ];
    setStatus(notes.filter(Boolean).join(' '));
    // A new picture (first, another system or direction) opens afresh; an edit keeps the view.
    const fresh = !previous || previous.system !== layout.system || previous.direction !== layout.direction || previous.detail !== layout.detail;
    if (fresh && (previous || !saved.view)) viewport.open(layout.width, layout.height, readableZoom(layout));
}

function fillSelect(select: HTMLSelectElement, options: [string, string][], selected: string): void {
    const same = select.options.length === options.length && options.every(([v, t], i) => select.options[i].value === v && select.options[i].text === t);
    if (!same) {
        select.replaceChildren(...options.map(([value, text]) => {
            const option = document.createElement('option');
            option.value = value;
            option.textContent = text;
            return option;
        }));
    }
    select.value = options.some(([v]) => v === selected) ? selected : options[0]?.[0] ?? '';
}

/** Marks the cards of `component` (one per zone it is drawn in), and only them. */
function focusComponent(component: string | undefined): void {
    focused = component;
    for (const el of canvas.querySelectorAll('.al-node')) el.classList.toggle('focus', el.getAttribute('data-component') === component);
}

function highlight(): void {
    const svg = canvas.querySelector('svg');
    if (!svg) return;
    svg.classList.toggle('al-highlight', flow !== '');
    for (const el of svg.querySelectorAll('[data-flows]')) {
        el.classList.toggle('hl', flow !== '' && (el.getAttribute('data-flows') ?? '').split(' ').includes(flow));
    }
}

function setStatus(text: string): void {
    $('status').textContent = text;
}

function showTooltip(node: DiagramNode, x: number, y: number): void {
    const h = document.createElement('h4');
    h.textContent = node.name;
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = node.title ? ` — ${node.title}` : '';
    h.append(kind);
    const dl = document.createElement('dl');
    for (const d of node.details) {
        const dt = document.createElement('dt'), dd = document.createElement('dd');
        dt.textContent = d.label;
        dd.textContent = d.value;
        dl.append(dt, dd);
    }
    const parts: Node[] = [h, dl];
    if (node.findings.length) {
        const ul = document.createElement('ul');
        for (const f of node.findings) {
            const li = document.createElement('li');
            li.className = f.severity;
            li.textContent = `${f.rule}: ${f.message}`;
            ul.append(li);
        }
        parts.push(ul);
    }
    tooltip.replaceChildren(...parts);
    tooltip.hidden = false;
    const left = Math.min(x + 14, window.innerWidth - tooltip.offsetWidth - 8), top = Math.min(y + 14, window.innerHeight - tooltip.offsetHeight - 8);
    tooltip.style.left = `${Math.max(4, left)}px`;
    tooltip.style.top = `${Math.max(4, top)}px`;
}

viewportEl.addEventListener('pointermove', (e) => {
    const name = componentAt(e.target);
    const node = name ? nodes.get(name) : undefined;
    if (node && !viewportEl.classList.contains('panning')) showTooltip(node, e.clientX, e.clientY);
    else tooltip.hidden = true;
});
viewportEl.addEventListener('pointerleave', () => { tooltip.hidden = true; });
viewportEl.addEventListener('keydown', (e) => {
    if (e.key === '0' && layout) viewport.fit(layout.width, layout.height);
    else if ((e.key === 'd' || e.key === 'D') && layout) nextDirection();
});

const DIRECTIONS: DirectionChoice[] = ['auto', 'right', 'down'];

function nextDirection(): void {
    const next = DIRECTIONS[(DIRECTIONS.indexOf(directionSelect.value as DirectionChoice) + 1) % DIRECTIONS.length];
    directionSelect.value = next;
    post({ type: 'setDirection', direction: next });
}

/** Rasterises the current SVG, legend included, at twice its size (less when huge) and posts the PNG's bytes as base64. */
async function exportPng(): Promise<void> {
    if (!layout || !svgText) return;
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        const { width, height } = pictureSize;
        const scale = rasterScale(width, height);
        const c = document.createElement('canvas');
        c.width = Math.round(width * scale);
        c.height = Math.round(height * scale);
        const context = c.getContext('2d');
        if (!context) throw new Error('no 2D canvas');
        context.drawImage(image, 0, 0, c.width, c.height);
        post({ type: 'export', format: 'png', data: c.toDataURL('image/png').replace(/^data:image\/png;base64,/, '') });
    } catch (error) {
        setStatus(`PNG export failed: ${(error as Error).message}`);
    } finally {
        URL.revokeObjectURL(url);
    }
}

$('fit').addEventListener('click', () => layout && viewport.fit(layout.width, layout.height));
$('zoom-in').addEventListener('click', () => viewport.zoom(1.2));
$('zoom-out').addEventListener('click', () => viewport.zoom(1 / 1.2));
directionSelect.addEventListener('change', () => post({ type: 'setDirection', direction: directionSelect.value as DirectionChoice }));
$('hide-figures').addEventListener('click', () => post({ type: 'clearOverlay' }));
$('export-svg').addEventListener('click', () => svgText && post({ type: 'export', format: 'svg', data: svgText }));
$('export-png').addEventListener('click', () => void exportPng());
flowSelect.addEventListener('change', () => {
    flow = flowSelect.value;
    highlight();
    persist();
});
systemSelect.addEventListener('change', () => post({ type: 'selectSystem', system: systemSelect.value }));
new MutationObserver(() => {
    const svg = canvas.querySelector('svg');
    if (svg) applyTheme(svg);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isDiagramHostMessage(message)) return;
    if (message.type === 'diagram') show(message);
    else if (message.type === 'focus') focusComponent(message.component);
    else setStatus(message.message);
});
/** Tells the extension the viewport's size (the `auto` direction suits its shape), once settled after a resize. */
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
const reportSize = () => post({ type: 'viewport', width: viewportEl.clientWidth, height: viewportEl.clientHeight });
new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(reportSize, 150);
}).observe(viewportEl);
reportSize();
post({ type: 'ready' });

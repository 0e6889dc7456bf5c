/// <reference lib="dom" />
/** Pan and zoom of the diagram canvas: a translate + scale kept across diagram updates. */

/** Where the canvas sits: offset in pixels and zoom factor. */
export interface View { x: number; y: number; k: number }

const MIN_ZOOM = 0.05, MAX_ZOOM = 4;
/** A zoom within bounds, to 4 decimals: the transform's text then holds it exactly. */
const clamp = (k: number) => Math.round(Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k)) * 1e4) / 1e4;

/** Drives the transform of `canvas` inside `viewport` from mouse, wheel and keys. */
export class Viewport {
    view: View;
    private drag?: { id: number; x: number; y: number; moved: boolean };

    /** `onChange` hears every new view (to persist it); `onClick` a click that was not a drag. */
    constructor(
        private readonly viewport: HTMLElement,
        private readonly canvas: HTMLElement,
        initial: View | undefined,
        private readonly onChange: (view: View) => void,
        private readonly onClick: (target: EventTarget | null) => void,
    ) {
        this.view = initial ?? { x: 0, y: 0, k: 1 };
        viewport.addEventListener('pointerdown', (e) => this.pointerDown(e));
        viewport.addEventListener('pointermove', (e) => this.pointerMove(e));
        viewport.addEventListener('pointerup', (e) => this.pointerUp(e));
        viewport.addEventListener('pointercancel', () => this.endDrag());
        viewport.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
        viewport.addEventListener('keydown', (e) => this.key(e));
        this.apply();
    }

    /** Sets the view. */
    set(view: View): void {
        this.view = { x: view.x, y: view.y, k: clamp(view.k) };
        this.apply();
    }

    /** Zooms by `factor` around a point of the viewport (its centre by default). */
    zoom(factor: number, at?: { x: number; y: number }): void {
        const { x, y, k } = this.view;
        const px = at?.x ?? this.viewport.clientWidth / 2, py = at?.y ?? this.viewport.clientHeight / 2;
        const next = clamp(k * factor);
        this.set({ k: next, x: px - ((px - x) * next) / k, y: py - ((py - y) * next) / k });
    }

    /** Fits a `width` × `height` diagram in the viewport, never enlarging past 100%. */
    fit(width: number, height: number): void {
        const k = this.fitScale(width, height);
        if (k === undefined) return;
        this.set({ k, x: (this.viewport.clientWidth - width * k) / 2, y: Math.max(12, (this.viewport.clientHeight - height * k) / 2) });
    }

    /**
     * Shows a `width` × `height` diagram whole when that keeps it at `readable` zoom or more;
     * otherwise at `readable` zoom from its top-left corner (the system's name, and where its
     * traffic enters), centred across when it is narrower than the viewport.
     */
    open(width: number, height: number, readable: number): void {
        const fit = this.fitScale(width, height);
        if (fit === undefined || fit >= readable) return this.fit(width, height);
        const k = clamp(Math.min(1, readable));
        const spare = this.viewport.clientWidth - width * k;
        this.set({ k, x: spare > 0 ? spare / 2 : 12, y: 12 });
    }

    private fitScale(width: number, height: number): number | undefined {
        const vw = this.viewport.clientWidth, vh = this.viewport.clientHeight;
        if (!width || !height || !vw || !vh) return undefined;
        return clamp(Math.min(1, (vw - 24) / width, (vh - 24) / height));
    }

    private apply(): void {
        const { x, y, k } = this.view;
        // CSSOM writes are allowed under a style-src CSP that forbids inline style attributes.
        this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
        this.onChange(this.view);
    }

    private pointerDown(e: PointerEvent): void {
        if (e.button !== 0) return;
        this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
        this.viewport.focus({ preventScroll: true });
    }

    private pointerMove(e: PointerEvent): void {
        const d = this.drag;
        if (!d || d.id !== e.pointerId) return;
        const dx = e.clientX - d.x, dy = e.clientY - d.y;
        if (!d.moved && Math.hypot(dx, dy) < 4) return;
        if (!d.moved) {
            d.moved = true;
            this.viewport.setPointerCapture(e.pointerId);
            this.viewport.classList.add('panning');
        }
        d.x = e.clientX;
        d.y = e.clientY;
        this.set({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
    }

    private pointerUp(e: PointerEvent): void {
        const d = this.drag;
        if (!d || d.id !== e.pointerId) return;
        if (!d.moved) this.onClick(e.target);
        this.endDrag();
    }

    private endDrag(): void {
        this.drag = undefined;
        this.viewport.classList.remove('panning');
    }

    private wheel(e: WheelEvent): void {
        e.preventDefault();
        const rect = this.viewport.getBoundingClientRect();
        if (e.ctrlKey || Math.abs(e.deltaY) >= Math.abs(e.deltaX)) {
            this.zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), { x: e.clientX - rect.left, y: e.clientY - rect.top });
        } else {
            this.set({ ...this.view, x: this.view.x - e.deltaX });
        }
    }

    private key(e: KeyboardEvent): void {
        const step = e.shiftKey ? 200 : 60;
        const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
        if (moves[e.key]) this.set({ ...this.view, x: this.view.x + moves[e.key][0], y: this.view.y + moves[e.key][1] });
        else if (e.key === '+' || e.key === '=') this.zoom(1.2);
        else if (e.key === '-' || e.key === '_') this.zoom(1 / 1.2);
        else return;
        e.preventDefault();
    }
}

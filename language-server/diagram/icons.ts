/**
 * One inline icon and one colour per component kind: 24×24 line drawings, stroked in white
 * on a tile of the kind's colour. Inline so that the SVG needs nothing fetched.
 */
import type { ComponentKind } from '../model/types.js';

/** The tile colour of each kind; the same in both themes so kinds read alike everywhere. */
export const KIND_COLOURS: Record<ComponentKind, string> = {
    client: '#475569',
    cdn: '#0891b2',
    loadbalancer: '#7c3aed',
    proxy: '#4f46e5',
    service: '#2563eb',
    worker: '#0d9488',
    cache: '#ea580c',
    database: '#059669',
    queue: '#db2777',
    store: '#b45309',
};

/** SVG elements of each kind's icon, in a 24×24 box. */
export const KIND_ICONS: Record<ComponentKind, string> = {
    client: '<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/>',
    cdn: '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c3 3.2 4 6 4 9s-1 5.8-4 9M12 3c-3 3.2-4 6-4 9s1 5.8 4 9"/>',
    loadbalancer: '<circle cx="5" cy="12" r="2.2"/><circle cx="19" cy="5" r="2.2"/><circle cx="19" cy="12" r="2.2"/><circle cx="19" cy="19" r="2.2"/><path d="M7.2 12h9.6M7 11l10-5M7 13l10 5"/>',
    proxy: '<path d="M12 3l7.5 3v5.5c0 4.6-3.2 8-7.5 9.5-4.3-1.5-7.5-4.9-7.5-9.5V6z"/><path d="M8.5 12h7M13 9.5l2.5 2.5-2.5 2.5"/>',
    service: '<path d="M12 2.8l8 4.5v9.4l-8 4.5-8-4.5V7.3z"/><path d="M4 7.3l8 4.6 8-4.6M12 11.9v9.3"/>',
    worker: '<circle cx="12" cy="12" r="3"/><circle cx="12" cy="12" r="7"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1"/>',
    cache: '<path d="M13.5 2L5 13.5h6.5L10.5 22 19 10.5h-6.5z"/>',
    database: '<ellipse cx="12" cy="5.5" rx="7.5" ry="2.8"/><path d="M4.5 5.5v13c0 1.6 3.4 2.8 7.5 2.8s7.5-1.2 7.5-2.8v-13"/><path d="M4.5 12c0 1.6 3.4 2.8 7.5 2.8s7.5-1.2 7.5-2.8"/>',
    queue: '<rect x="2" y="7" width="20" height="10" rx="2"/><path d="M7 7v10M12 7v10M17 7v10"/>',
    store: '<rect x="3" y="4" width="18" height="4.5" rx="1"/><path d="M5 8.5V19a1.5 1.5 0 0 0 1.5 1.5h11A1.5 1.5 0 0 0 19 19V8.5M10 12.5h4"/>',
};

/// <reference lib="dom" />
/** Saves bytes as a file through the browser's download. */

/** Downloads `data` (text, or base64 when `base64`) as `name` of type `type`. */
export function download(name: string, type: string, data: string, base64 = false): void {
    const bytes = base64 ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(data);
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

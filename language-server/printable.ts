/** User text on a terminal or in a one-line message: control characters shown, never obeyed. */

// C0 and C1 controls and DEL (ESC starts terminal escape sequences, BEL ends OSC titles), and
// the bidirectional overrides that make text read differently from what it is.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as an escape (`\x1b`, `\n`, `\u202e`). */
export function printable(text: string): string {
    return text.replace(CONTROL, (c) => {
        if (c === '\n') return '\\n';
        if (c === '\r') return '\\r';
        if (c === '\t') return '\\t';
        const code = c.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}

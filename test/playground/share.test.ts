/** Share links: the model in the URL's fragment, read back exactly, and nothing else read from a damaged link. */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, shareFileName } from '../../playground/share.js';
import { MAX_FILE_BYTES } from '../../language-server/limits.js';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

describe('share links', () => {
    it('carry any text exactly, deflated as zlib reads it', async () => {
        await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 400 }), async (text) => {
            const fragment = await encodeShare({ file: 'chat.arch', text });
            const packed = new URLSearchParams(fragment).get('model')!;
            // An independent inflater reads what the page wrote.
            expect(inflateRawSync(Buffer.from(packed, 'base64url')).toString('utf8')).toBe(text);
            expect(await decodeShare(`#${fragment}`)).toEqual({ file: 'chat.arch', text });
        }), { numRuns: 60 });
    });

    it('read links written by another deflater', async () => {
        const text = 'system S {\r\n  service a { replicas 2 }\n}\n\u00e9\u{1f600}';
        const fragment = `file=gallery/twitter.arch&model=${base64url(deflateRawSync(Buffer.from(text, 'utf8')))}`;
        expect(await decodeShare(fragment)).toEqual({ file: 'gallery/twitter.arch', text });
    });

    it('keep only sample-like file names, lower case', () => {
        expect(shareFileName('Chat.arch')).toBe('chat.arch');
        expect(shareFileName('gallery\\Twitter.arch')).toBe('gallery/twitter.arch');
        for (const bad of ['../etc/passwd.arch', 'a/../b.arch', '/abs.arch', 'notes.txt', '', 'x y.arch', '<script>.arch']) expect(shareFileName(bad)).toBe('model.arch');
    });

    it('read nothing from a damaged, foreign or oversized link', async () => {
        const good = new URLSearchParams(await encodeShare({ file: 'a.arch', text: 'system S {}' })).get('model')!;
        const bomb = base64url(deflateRawSync(Buffer.alloc(MAX_FILE_BYTES + 1, 0x20)));
        const notUtf8 = base64url(deflateRawSync(Buffer.from([0xff, 0xfe, 0xfd])));
        for (const fragment of ['', '#', '#foo=bar', `model=${good.slice(0, -6)}`, 'model=%%%', 'model=a+b/c=', `model=${bomb}`, `model=${notUtf8}`, `model=${'A'.repeat(3_000_000)}`]) {
            expect(await decodeShare(fragment), fragment.slice(0, 40)).toBeUndefined();
        }
    });
});

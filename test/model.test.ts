import { describe, expect, it } from 'vitest';
import { model } from './helpers.js';

describe('model smoke', () => {
    it('builds a system', async () => {
        const m = await model('system S { service api { replicas 2 capacity 1k rps latency 2ms } }');
        expect(m.components.get('api')?.concurrency).toBe(2);
    });
});

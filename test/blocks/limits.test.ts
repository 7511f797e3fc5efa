import { describe, expect, it } from 'vitest';
import { button, capBlocks, section } from '../../src/blocks/kit.js';
import { LimitError, ellipsis, escapeMrkdwn, requireFits } from '../../src/blocks/limits.js';

describe('limits', () => {
  it('shortens human text with an ellipsis to exactly the limit', () => {
    const out = ellipsis('x'.repeat(4000), 3000);
    expect(out).toHaveLength(3000);
    expect(out.endsWith('…')).toBe(true);
    expect(ellipsis('short', 3000)).toBe('short');
  });

  it('never splits an emoji when shortening', () => {
    const out = ellipsis('🎥'.repeat(100), 75);
    expect(out.length).toBeLessThanOrEqual(75);
    expect(out.slice(0, -1)).toBe('🎥'.repeat((out.length - 1) / 2));
  });

  it('refuses ids that do not fit instead of cutting them', () => {
    expect(() => requireFits('a'.repeat(256), 255, 'action_id')).toThrow(LimitError);
    expect(() => button({ text: 'More', actionId: 'x', value: 'v'.repeat(2001) })).toThrow(LimitError);
    expect(button({ text: 'L'.repeat(100), actionId: 'x', value: 'v' }).text.text).toHaveLength(75);
  });

  it('escapes mrkdwn control characters in user text', () => {
    expect(escapeMrkdwn('<!channel> & <@U0123ABCD>')).toBe('&lt;!channel&gt; &amp; &lt;@U0123ABCD&gt;');
  });

  it('caps a message at 50 blocks keeping the tail', () => {
    const blocks = Array.from({ length: 60 }, (_, i) => section(`s${i}`));
    const capped = capBlocks(blocks, 1);
    expect(capped).toHaveLength(50);
    expect(capped[49]).toBe(blocks[59]);
  });
});

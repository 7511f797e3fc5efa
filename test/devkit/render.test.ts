import { describe, expect, it } from 'vitest';
import { plainMrkdwn, renderBlocks, renderView } from '../../src/devkit/index.js';

describe('Block Kit as text', () => {
  it('shows headers, sections with fields, context and numbered buttons', () => {
    const { text, controls } = renderBlocks([
      { type: 'header', text: { type: 'plain_text', text: 'Tripods' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Manfrotto 055*' }, fields: [{ type: 'mrkdwn', text: 'Fotostudio: 3 of 4' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'leihs' }, { type: 'plain_text', text: 'page 1' }] },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'b',
        elements: [
          { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'r1' },
          { type: 'button', action_id: 'reject', text: { type: 'plain_text', text: 'Reject' }, value: 'r1' },
        ],
      },
    ]);
    expect(text).toBe('== Tripods ==\n*Manfrotto 055*\n  Fotostudio: 3 of 4\n  leihs · page 1\n────────\n[1] Approve  [2] Reject');
    expect(controls.map((c) => [c.n, c.actionId, c.blockId, c.value])).toEqual([
      [1, 'approve', 'b', 'r1'],
      [2, 'reject', 'b', 'r1'],
    ]);
  });

  it('continues numbering from firstNumber and keeps the confirm dialog of a button', () => {
    const confirm = {
      title: { type: 'plain_text', text: 'Delete?' },
      text: { type: 'plain_text', text: 'Sure?' },
      confirm: { type: 'plain_text', text: 'Delete' },
      deny: { type: 'plain_text', text: 'Keep' },
    };
    const { text, controls } = renderBlocks(
      [{ type: 'section', text: { type: 'mrkdwn', text: 'Old Group' }, accessory: { type: 'button', action_id: 'del', text: { type: 'plain_text', text: 'Delete' }, confirm } }],
      { firstNumber: 3 },
    );
    expect(text).toBe('Old Group\n  [3] Delete');
    expect(controls[0]?.confirm).toEqual({ title: 'Delete?', text: 'Sure?', confirm: 'Delete', deny: 'Keep' });
  });

  it('turns mentions, channel links, links and escapes into what a reader sees', () => {
    const userName = (id: string) => (id === 'U0ANNA0SC' ? 'anna.schmid' : undefined);
    const channelName = (id: string) => (id === 'C0APPROVE1' ? 'leihs-approvals' : undefined);
    expect(
      plainMrkdwn('<@U0ANNA0SC> in <#C0OPS00001|leihs-ops> and <#C0APPROVE1>: <https://leihs.example/x|open> &amp; &lt;b&gt;', { userName, channelName }),
    ).toBe('@anna.schmid in #leihs-ops and #leihs-approvals: open (https://leihs.example/x) & <b>');
  });

  it('shows a modal with its title, inputs and submit label', () => {
    const { text } = renderView({
      type: 'modal',
      title: { type: 'plain_text', text: 'Find' },
      submit: { type: 'plain_text', text: 'Search' },
      blocks: [{ type: 'input', block_id: 'q', label: { type: 'plain_text', text: 'What' }, element: { type: 'plain_text_input', action_id: 'q' } }],
    });
    expect(text).toBe('┌ Find ┐\nWhat: ____\n(Search)');
  });
});

/**
 * The whole app in process: buildApp with a fake receiver, Bolt's real routing, and one fake fetch that
 * captures Web API calls and response_url posts. leihs is the in-memory reader here.
 */
import { describe, expect, it } from 'vitest';
import { encodeAnswerRef } from '../../src/commands/answer-ref.js';
import { actionIds, blockIds } from '../../src/listeners/ids.js';
import { fakeDeps, ids } from '../listeners/fakes.js';
import { model } from '../services/fake-reader.js';
import { appUnderTest, RESPONSE_URL, slashCommand } from './harness.js';

describe('the app in process', () => {
  it('routes /leihs find through Bolt: ack first, then the answer on the response_url', async () => {
    const { deps } = fakeDeps({ models: { 'p-foto': [model('m1', 'Tripod', 2, 3)] } });
    const { app, sent } = appUnderTest(deps);
    const { acks, done } = slashCommand(app, 'find tripod');
    await done;
    expect(acks).toEqual([{ response_type: 'ephemeral', text: 'Searching leihs…' }]);
    const answer = sent.find((s) => s.url === RESPONSE_URL);
    expect(answer?.body['replace_original']).toBe(true);
    expect(JSON.stringify(answer?.body['blocks'])).toContain('Fotostudio: *2* in stock / 3 borrowable');
    expect(sent.some((s) => s.url.includes('auth.test'))).toBe(false);
  });

  it('acks at once while leihs is slow, and answers when leihs does', async () => {
    const { deps } = fakeDeps({ models: { 'p-foto': [model('m1', 'Tripod', 2, 3)] } });
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const original = deps.reader.authInfo;
    deps.reader.authInfo = async () => (await slow, original());
    const { app, sent } = appUnderTest(deps);
    const { acks, done } = slashCommand(app, 'find tripod');
    for (let i = 0; i < 50 && acks.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    // leihs has not answered yet (it is held until release()), so the ack cannot have waited for it.
    expect(acks).toHaveLength(1);
    expect(sent.filter((s) => s.url === RESPONSE_URL)).toHaveLength(0);
    release();
    await done;
    expect(sent.filter((s) => s.url === RESPONSE_URL)).toHaveLength(1);
  });

  it('routes the Share button to an in_channel post', async () => {
    const { deps } = fakeDeps({ models: { 'p-foto': [model('m1', 'Tripod', 2, 3)] } });
    const { app, sent } = appUnderTest(deps);
    const acks: unknown[] = [];
    await app.processEvent({
      body: {
        type: 'block_actions',
        team: { id: ids.team },
        user: { id: ids.user, team_id: ids.team },
        channel: { id: ids.channel },
        api_app_id: 'A0123ABCD',
        response_url: RESPONSE_URL,
        trigger_id: '1.2.3',
        container: { type: 'message', channel_id: ids.channel, is_ephemeral: true },
        actions: [{ type: 'button', action_id: actionIds.shareInChannel, block_id: blockIds.answerActions, value: encodeAnswerRef({ commandText: 'find tripod', page: 1 }), action_ts: '1' }],
      },
      ack: async () => void acks.push('ack'),
    });
    expect(acks).toEqual(['ack']);
    const post = sent.find((s) => s.url === RESPONSE_URL);
    expect(post?.body['response_type']).toBe('in_channel');
  });

  it('routes the global shortcut to views.open with the modal', async () => {
    const { deps } = fakeDeps();
    const { app, sent } = appUnderTest(deps);
    await app.processEvent({
      body: { type: 'shortcut', callback_id: 'leihs_find_global', trigger_id: '1.2.3', team: { id: ids.team }, user: { id: ids.user, team_id: ids.team }, api_app_id: 'A0123ABCD', action_ts: '1' },
      ack: async () => {},
    });
    const open = sent.find((s) => s.url.endsWith('/api/views.open'));
    expect((open?.body['view'] as { callback_id: string }).callback_id).toBe('leihs_find_modal');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { LeihsError } from '../../src/leihs/errors.js';
import { leihsCommand, type CommandArgs } from '../../src/listeners/commands/leihs-command.js';
import { findMoreAction, shareInChannelAction, type ButtonArgs } from '../../src/listeners/actions/answer-buttons.js';
import { findEquipmentShortcut, type ShortcutArgs } from '../../src/listeners/shortcuts/find-equipment.js';
import { findCommandText, findSubmitted, type ViewArgs } from '../../src/listeners/views/find-submitted.js';
import { parseCommand } from '../../src/commands/parse.js';
import { encodeAnswerRef } from '../../src/commands/answer-ref.js';
import { actionIds, blockIds } from '../../src/listeners/ids.js';
import { fakeClient, fakeDeps, fakeLogger, ids } from './fakes.js';
import { model } from '../services/fake-reader.js';

const tripods = { models: { 'p-foto': [model('m1', 'Tripod', 2, 3)], 'p-film': [model('m1', 'Tripod', 1, 1)] } };

function commandArgs(text: string, order: string[]) {
  const ack = vi.fn(async () => void order.push('ack'));
  const respond = vi.fn(async (_message: unknown) => void order.push('respond'));
  const args = {
    command: { text, user_id: ids.user, channel_id: ids.channel, team_id: ids.team, command: '/leihs', response_url: 'https://hooks.slack.test/r/1', trigger_id: 't' },
    ack,
    respond,
    client: fakeClient(),
    logger: fakeLogger(),
  };
  return { args: args as unknown as CommandArgs, ack, respond };
}

describe('/leihs listener', () => {
  it('acks with "Searching…" before any leihs call, then replaces it with the answer', async () => {
    const { deps, calls } = fakeDeps(tripods);
    const order: string[] = [];
    const original = deps.reader.authInfo;
    deps.reader.authInfo = async () => (order.push('leihs'), original());
    const { args, ack, respond } = commandArgs('find tripod', order);
    await leihsCommand(deps)(args);
    expect(order[0]).toBe('ack');
    expect(order.indexOf('leihs')).toBeGreaterThan(0);
    expect(ack).toHaveBeenCalledWith({ response_type: 'ephemeral', text: 'Searching leihs…' });
    const message = respond.mock.calls[0]?.[0] as unknown as { replace_original: boolean; response_type: string; blocks: unknown[] };
    expect(message.replace_original).toBe(true);
    expect(message.response_type).toBe('ephemeral');
    expect(JSON.stringify(message.blocks)).toContain('Fotostudio: *2* in stock / 3 borrowable');
    expect(calls).toContain('models:p-foto');
  });

  it('answers help at once in the ack, without leihs or respond', async () => {
    const { deps, calls } = fakeDeps();
    const { args, ack, respond } = commandArgs('hilfe', []);
    await leihsCommand(deps)(args);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(ack.mock.calls[0])).toContain('leihs in Slack');
    expect(respond).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('turns a leihs failure into one sentence', async () => {
    const { deps } = fakeDeps();
    deps.reader.authInfo = async () => {
      throw new LeihsError({ kind: 'unauthorized', service: 'my', status: 401, reason: 'token_rejected' });
    };
    const { args, respond } = commandArgs('find tripod', []);
    await leihsCommand(deps)(args);
    const message = respond.mock.calls[0]?.[0] as unknown as { text: string; blocks: unknown[] };
    expect(message.blocks).toHaveLength(1);
    expect(message.text).not.toMatch(/test-token|stack|Error:/);
    expect(message.text.length).toBeGreaterThan(10);
  });

  it('survives an expired response_url (RespondError) by logging it', async () => {
    const { deps } = fakeDeps(tripods);
    const { args } = commandArgs('find tripod', []);
    (args as unknown as { respond: () => Promise<void> }).respond = async () => {
      throw new Error('Unexpected response status code 404');
    };
    await expect(leihsCommand(deps)(args)).resolves.toBeUndefined();
    expect(args.logger.warn).toHaveBeenCalled();
  });
});

function buttonArgs(actionId: string, value: string) {
  const ack = vi.fn(async () => {});
  const respond = vi.fn(async (_message: unknown) => {});
  const args = {
    ack,
    respond,
    action: { type: 'button', action_id: actionId, value, block_id: blockIds.answerActions, action_ts: '1' },
    body: { type: 'block_actions', user: { id: ids.user, team_id: ids.team }, channel: { id: ids.channel }, team: { id: ids.team } },
    client: fakeClient(),
    logger: fakeLogger(),
  };
  return { args: args as unknown as ButtonArgs, ack, respond };
}

describe('answer buttons', () => {
  it('"Share in channel" posts the same answer in the channel, saying who shared it', async () => {
    const { deps } = fakeDeps(tripods);
    const { args, ack, respond } = buttonArgs(actionIds.shareInChannel, encodeAnswerRef({ commandText: 'find tripod', page: 1 }));
    await shareInChannelAction(deps)(args);
    expect(ack).toHaveBeenCalled();
    const message = respond.mock.calls[0]?.[0] as unknown as { response_type: string; replace_original: boolean; blocks: { type: string }[] };
    expect(message.response_type).toBe('in_channel');
    expect(message.replace_original).toBe(false);
    expect(JSON.stringify(message.blocks)).toContain(`Shared by <@${ids.user}>`);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('"More" replaces the answer with the next page', async () => {
    const many = Array.from({ length: 12 }, (_, i) => model(`m${i}`, `Tripod ${i}`, 12 - i));
    const { deps } = fakeDeps({ models: { 'p-foto': many } });
    const { args, respond } = buttonArgs(actionIds.findMore, encodeAnswerRef({ commandText: 'find tripod', page: 2 }));
    await findMoreAction(deps)(args);
    const message = respond.mock.calls[0]?.[0] as unknown as { replace_original: boolean; blocks: unknown[] };
    expect(message.replace_original).toBe(true);
    expect(JSON.stringify(message.blocks)).toContain('Tripod 11');
    expect(JSON.stringify(message.blocks)).not.toContain('Tripod 0*');
  });

  it('a tampered button value gets a sentence, not a crash', async () => {
    const { deps } = fakeDeps();
    const { args, respond } = buttonArgs(actionIds.findMore, '{not json');
    await findMoreAction(deps)(args);
    expect(JSON.stringify(respond.mock.calls[0])).toContain('Run the command again');
  });
});

describe('Find equipment shortcut and modal', () => {
  it('opens the modal at once, then fills in the pools when they were not cached', async () => {
    const { deps } = fakeDeps();
    const client = fakeClient();
    const order: string[] = [];
    const ack = vi.fn(async () => void order.push('ack'));
    client.views.open.mockImplementation(async () => (order.push('open'), { ok: true, view: { id: 'V0123ABCD', hash: 'h1' } }));
    const args = { ack, shortcut: { trigger_id: 't1', type: 'shortcut', callback_id: 'leihs_find_global' }, client, logger: fakeLogger() };
    await findEquipmentShortcut(deps)(args as unknown as ShortcutArgs);
    expect(order).toEqual(['ack', 'open']);
    const update = client.views.update.mock.calls[0] as unknown as [{ view_id: string; hash: string; view: unknown }];
    expect(update[0].view_id).toBe('V0123ABCD');
    expect(update[0].hash).toBe('h1');
    expect(JSON.stringify(update[0].view)).toContain('Fotostudio (FOTO)');
  });

  function viewArgs(query: string | null, poolId?: string) {
    const ack = vi.fn(async () => {});
    const client = fakeClient();
    const values = {
      [blockIds.findQuery]: { [actionIds.findQueryInput]: { type: 'plain_text_input', value: query } },
      [blockIds.findPool]: { [actionIds.findPoolSelect]: { type: 'static_select', selected_option: poolId ? { value: poolId } : null } },
    };
    const args = { ack, client, logger: fakeLogger(), body: { user: { id: ids.user, team_id: ids.team }, team: { id: ids.team } }, view: { state: { values } } };
    return { args: args as unknown as ViewArgs, ack, client };
  }

  it('shows an error in the modal for an empty search', async () => {
    const { deps } = fakeDeps();
    const { args, ack, client } = viewArgs('  ');
    await findSubmitted(deps)(args);
    expect(ack).toHaveBeenCalledWith({ response_action: 'errors', errors: { [blockIds.findQuery]: 'Type a few words to search for.' } });
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it('searches every pool for words that contain " in " when no pool is picked', async () => {
    const { deps, calls } = fakeDeps(tripods);
    const { args } = viewArgs('tripod in audio');
    await findSubmitted(deps)(args);
    expect(calls.filter((c) => c.startsWith('models:')).sort()).toEqual(['models:p-audio', 'models:p-film', 'models:p-foto', 'models:p-werk']);
  });

  it('says the picked pool is gone instead of quietly searching every pool', async () => {
    const { deps, calls } = fakeDeps(tripods);
    const { args, client } = viewArgs('tripod', 'p-gone');
    await findSubmitted(deps)(args);
    expect(calls.filter((c) => c.startsWith('models:'))).toEqual([]);
    const post = client.chat.postMessage.mock.calls[0] as unknown as [{ text: string }];
    expect(post[0].text).toContain('There is no pool called');
  });

  it('sends the result to the user as a direct message from the app', async () => {
    const { deps, calls } = fakeDeps(tripods);
    const { args, ack, client } = viewArgs('tripod', 'p-film');
    await findSubmitted(deps)(args);
    expect(ack).toHaveBeenCalledWith();
    expect(client.conversations.open).toHaveBeenCalledWith({ users: ids.user });
    const post = client.chat.postMessage.mock.calls[0] as unknown as [{ channel: string; blocks: unknown[] }];
    expect(post[0].channel).toBe('D0123ABCD');
    expect(JSON.stringify(post[0].blocks)).toContain('Filmpool: *1* in stock');
    expect(calls.filter((c) => c.startsWith('models:'))).toEqual(['models:p-film']);
    // A DM with the app has no channel to share in.
    expect(JSON.stringify(post[0].blocks)).not.toContain(actionIds.shareInChannel);
  });
});

describe('the Find equipment modal\'s "More" command text', () => {
  it.each([
    ['stand in box', undefined, { words: 'stand in box' }],
    ['stand in box', 'Fotostudio', { words: 'stand in box', pool: 'Fotostudio' }],
    ['Kamera im Koffer', undefined, { words: 'Kamera im Koffer' }],
    ['tripod', 'Film "MA" pool', { words: 'tripod', pool: 'Film "MA" pool' }],
    ['tripod', undefined, { words: 'tripod' }],
  ])('parses back to the same search (%s, pool %s)', (query, pool, expected) => {
    const intent = parseCommand(findCommandText(query, pool));
    expect(intent).toEqual({ type: 'find', ...expected });
  });
});

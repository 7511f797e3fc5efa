import { App } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BOT_ID,
  BOT_USER_ID,
  FAKE_SIGNING_SECRET,
  renderMessage,
  startSlackFake,
  type SlackFake,
} from '../../src/devkit/index.js';
import { pickOption } from '../../src/devkit/driver.js';
import { quietLogger } from './helpers.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (action_id: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text },
  value: `${action_id}-value`,
  ...extra,
});
const decision = [
  section('Anna asks to create *Film Students*'),
  {
    type: 'actions',
    block_id: 'decide',
    elements: [
      button('approve', 'Approve', {
        style: 'primary',
        confirm: {
          title: { type: 'plain_text', text: 'Approve?' },
          text: { type: 'plain_text', text: 'This creates the group in leihs.' },
          confirm: { type: 'plain_text', text: 'Approve' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      }),
      button('reject', 'Reject', { style: 'danger' }),
    ],
  },
];
const findModal = {
  type: 'modal' as const,
  callback_id: 'find_modal',
  title: { type: 'plain_text' as const, text: 'Find equipment' },
  submit: { type: 'plain_text' as const, text: 'Search' },
  blocks: [
    { type: 'input', block_id: 'query', label: { type: 'plain_text', text: 'What' }, element: { type: 'plain_text_input', action_id: 'query_input' } },
  ],
};

let fake: SlackFake;
let app: App;
let server: Server;
const seen: { kind: string; body: Record<string, unknown> }[] = [];

function buildTrivialApp(): App {
  const bolt = new App({
    token: fake.botToken,
    signingSecret: FAKE_SIGNING_SECRET,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    logger: quietLogger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  bolt.command('/leihs', async ({ ack, command, respond }) => {
    seen.push({ kind: 'command', body: command as unknown as Record<string, unknown> });
    await ack('Searching…');
    if (command.text === 'decide') await respond({ replace_original: true, text: 'decide', blocks: decision });
    else if (command.text === 'decide in channel') await respond({ response_type: 'in_channel', text: 'decide', blocks: decision });
    else if (command.text === 'many') for (let i = 1; i <= 6; i += 1) await respond({ text: `answer ${i}` }).catch(() => undefined);
    else await respond({ replace_original: true, text: `found ${command.text}` });
  });
  bolt.action('approve', async ({ ack, body, respond }) => {
    seen.push({ kind: 'approve', body: body as unknown as Record<string, unknown> });
    await ack();
    await respond({ replace_original: true, response_type: 'in_channel', text: `Approved by <@${body.user.id}>` });
  });
  bolt.action('reject', async ({ ack, respond }) => {
    await ack();
    await respond({ delete_original: true });
  });
  bolt.shortcut('find', async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: findModal });
  });
  bolt.view('find_modal', async ({ ack, view, body, client }) => {
    const query = view.state.values.query?.query_input?.value;
    if (!query) return ack({ response_action: 'errors', errors: { query: 'Type something to search for.' } });
    await ack();
    await client.chat.postMessage({ channel: body.user.id, text: `searched ${query}` });
  });
  bolt.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [section(`Hello <@${event.user}>`)] } });
  });
  return bolt;
}

beforeEach(async () => {
  seen.length = 0;
  fake = await startSlackFake();
  app = buildTrivialApp();
  server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  fake.driver.useHttp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, FAKE_SIGNING_SECRET);
});
afterEach(async () => {
  await app.stop();
  await fake.close();
});

describe('the driver, against a real Bolt HTTPReceiver', () => {
  it('sends slash commands signed so Bolt accepts them, and shows the ack text to the user alone', async () => {
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'tripod' });
    expect(sent.delivery.status).toBe(200);
    expect(sent.delivery.body).toBe('Searching…');
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced' });
    expect(answer).toMatchObject({ text: 'found tripod', visibility: 'ephemeral', ephemeralTo: 'U0ANNA0SC', channel: 'C0GENERAL1' });
    expect(answer.history.map((h) => h.text)).toEqual(['Searching…']);
    expect(seen[0]?.body).toMatchObject({ user_id: 'U0ANNA0SC', team_id: 'T0123ABCD', command: '/leihs', text: 'tripod' });
  });

  it('is refused with 401 when signed with another secret, and no listener runs', async () => {
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    fake.driver.useHttp(endpoint, 'not-the-secret');
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'tripod' });
    expect(sent.delivery.status).toBe(401);
    expect(seen).toHaveLength(0);
    expect(fake.transcript.messages.map((m) => m.text)).toEqual(['/leihs failed with the error "dispatch_failed"']);
  });

  it('clicks a button with the confirm accepted; the payload carries user, container, message and a working response_url', async () => {
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'decide in channel', channel: 'leihs-approvals' });
    const sharedCard = await fake.transcript.nextMessage({ since: sent.since, kind: 'posted', visibleTo: 'U0MARCO0B' });
    expect(sharedCard.visibility).toBe('in_channel');
    expect(renderMessage(sharedCard).text).toContain('[1] Approve  [2] Reject');
    const click = await fake.driver.clickButton(sharedCard, 'Approve', { user: 'marco' });
    expect(click.delivery.status).toBe(200);
    const done = await fake.transcript.nextMessage({ since: click.since, kind: 'replaced' });
    expect(done.text).toBe('Approved by <@U0MARCO0B>');
    expect(renderMessage(done, { userName: (id) => fake.directory.findUser(id)?.name }).text).toBe('Approved by @marco.bernasconi');
    const body = seen.find((s) => s.kind === 'approve')?.body;
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0MARCO0B' },
      container: { type: 'message', message_ts: sharedCard.ts, channel_id: 'C0APPROVE1', is_ephemeral: false },
      message: { ts: sharedCard.ts },
      actions: [{ action_id: 'approve', block_id: 'decide', value: 'approve-value' }],
    });
  });

  it('leaves the message out of a click on an ephemeral message, as Slack does, and delete_original removes it', async () => {
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'decide' });
    const card = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced' });
    const click = await fake.driver.clickButton(card, 'reject');
    await fake.transcript.waitFor((e) => e.kind === 'deleted', { since: click.since });
    expect(card.deleted).toBe(true);
    expect(fake.transcript.visible('C0GENERAL1', 'U0ANNA0SC')).toHaveLength(0);
  });

  it('lets a response_url be used five times; the sixth post is refused', async () => {
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'many' });
    await fake.transcript.waitFor((e) => e.kind === 'posted' && e.message.text === 'answer 5', { since: sent.since });
    const sixth = await fetch(sent.responseUrl ?? '', { method: 'POST', body: JSON.stringify({ text: 'again' }) });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ error: 'used_url' });
    expect(fake.transcript.messages.filter((m) => m.via === 'response_url')).toHaveLength(5);
  });

  it('opens a modal from a shortcut, shows validation errors, then closes it on a good submission', async () => {
    const shortcut = await fake.driver.shortcut('find', 'lena');
    await fake.transcript.waitFor((e) => e.kind === 'view_opened', { since: shortcut.since });
    const empty = await fake.driver.submitView('lena', {});
    expect(empty.delivery.body).toEqual({ response_action: 'errors', errors: { query: 'Type something to search for.' } });
    expect(fake.transcript.topModal('U0LENA0HU')).toBeDefined();
    const good = await fake.driver.submitView('lena', { query: 'tripod' });
    expect(fake.transcript.topModal('U0LENA0HU')).toBeUndefined();
    const dm = await fake.transcript.nextMessage({ since: good.since });
    expect(dm).toMatchObject({ channel: 'D0LENA0HU', text: 'searched tripod' });
  });

  it('delivers app_home_opened as a signed event and records the published home tab', async () => {
    const opened = await fake.driver.appHomeOpened('jonas');
    expect(opened.delivery.status).toBe(200);
    await fake.transcript.waitFor((e) => e.kind === 'home_published', { since: opened.since });
    expect(JSON.stringify(fake.transcript.home('U0JONAS0M')?.view.blocks)).toContain('Hello <@U0JONAS0M>');
  });
});

describe('choosing a menu option', () => {
  const options = [
    { text: { type: 'plain_text', text: 'Filmpool (FILM)' }, value: 'pool-film' },
    { text: { type: 'plain_text', text: 'Fotostudio (FOTO)' }, value: 'pool-foto' },
  ];
  it('picks by value, by label, or by the start of exactly one label', () => {
    expect(pickOption(options, 'pool-foto')?.value).toBe('pool-foto');
    expect(pickOption(options, 'Filmpool (FILM)')?.value).toBe('pool-film');
    expect(pickOption(options, 'filmpool')?.value).toBe('pool-film');
    expect(pickOption(options, 'F')).toBeUndefined();
  });
});

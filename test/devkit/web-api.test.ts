import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { startSlackFake, type SlackFake } from '../../src/devkit/index.js';
import { quietLogger } from './helpers.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

let fake: SlackFake;
let clock: ManualClock;
let client: WebClient;

beforeEach(async () => {
  clock = new ManualClock('2026-12-04T09:00:00Z');
  fake = await startSlackFake({ clock });
  client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
});
afterEach(async () => {
  await fake.close();
});

async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    return String((err as { data?: { error?: string } }).data?.error);
  }
  throw new Error('expected Slack to refuse the call');
}

describe('the fake Web API', () => {
  it('parses form bodies whose blocks arrive as a JSON string, as @slack/web-api sends them', async () => {
    const res = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'fallback', blocks: [section('*Tripod* in stock')] });
    expect(res.ok).toBe(true);
    const [message] = fake.transcript.messages;
    expect(message?.blocks).toEqual([section('*Tripod* in stock')]);
    expect(message?.visibility).toBe('in_channel');
    expect(fake.calls.at(-1)?.args.blocks).toEqual([section('*Tripod* in stock')]);
  });

  it('accepts JSON bodies with the token in the Authorization header', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${fake.botToken}` },
      body: JSON.stringify({ channel: 'C0OPS00001', text: 'hello ops' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C0OPS00001' });
    expect(fake.transcript.visible('C0OPS00001').map((m) => m.text)).toEqual(['hello ops']);
  });

  it('refuses a wrong token with invalid_auth and a missing one with not_authed', async () => {
    const stranger = new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
    expect(await slackError(stranger.auth.test())).toBe('invalid_auth');
    const res = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });

  it('refuses more than 50 blocks in a message with invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`row ${i}`));
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'x', blocks }))).toBe('invalid_blocks');
    expect(fake.transcript.messages).toHaveLength(0);
  });

  it('refuses a section over 3000 characters and a button label over 75, naming the place', async () => {
    const res = await client.chat
      .postMessage({ channel: 'C0GENERAL1', text: 'x', blocks: [section('a'.repeat(3001))] })
      .catch((err: { data: { error: string; response_metadata: { messages: string[] } } }) => err.data);
    expect(res).toMatchObject({ error: 'invalid_blocks', response_metadata: { messages: [expect.stringContaining('/blocks/0/text/text')] } });
    const button = { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }] };
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'x', blocks: [button] }))).toBe('invalid_blocks');
  });

  it('refuses text over 40000 characters with msg_too_long and an empty message with no_text', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'x'.repeat(40_001) }))).toBe('msg_too_long');
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL1', text: '' }))).toBe('no_text');
  });

  it('refuses unknown channels and users', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0NOPE0000', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.users.info({ user: 'U0NOPE000' }))).toBe('user_not_found');
  });

  it('answers users.info with the email leihs knows the person by', async () => {
    const res = await client.users.info({ user: 'U0ANNA0SC' });
    expect(res.user?.profile?.email).toBe('anna.schmid@hdk.example');
    expect(res.user?.tz).toBe('Europe/Zurich');
  });

  it('posts to a user id in the bot DM that conversations.open returns', async () => {
    const opened = await client.conversations.open({ users: 'U0MARCO0B' });
    const posted = await client.chat.postMessage({ channel: 'U0MARCO0B', text: 'please approve' });
    expect(posted.channel).toBe(opened.channel?.id);
  });

  it('replaces, links and deletes channel messages but cannot update an ephemeral one', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0APPROVE1', text: 'pending' });
    await client.chat.update({ channel: 'C0APPROVE1', ts: posted.ts ?? '', text: 'approved by Marco' });
    const [message] = fake.transcript.messages;
    expect(message?.text).toBe('approved by Marco');
    expect(message?.history.map((h) => h.text)).toEqual(['pending']);
    const eph = await client.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0ANNA0SC', text: 'only Anna' });
    expect(await slackError(client.chat.update({ channel: 'C0GENERAL1', ts: eph.message_ts ?? '', text: 'x' }))).toBe('message_not_found');
    const link = await client.chat.getPermalink({ channel: 'C0APPROVE1', message_ts: posted.ts ?? '' });
    expect(link.permalink).toBe(`https://hdk-demo.slack.com/archives/C0APPROVE1/p${(posted.ts ?? '').replace('.', '')}`);
    await client.chat.delete({ channel: 'C0APPROVE1', ts: posted.ts ?? '' });
    expect(fake.transcript.visible('C0APPROVE1')).toHaveLength(0);
  });

  it('keeps thread replies under their parent', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0OPS00001', text: 'admin is down' });
    await client.chat.postMessage({ channel: 'C0OPS00001', text: 'still down', thread_ts: parent.ts ?? '' });
    expect(fake.transcript.messages[1]?.threadTs).toBe(parent.ts);
    expect(await slackError(client.chat.postMessage({ channel: 'C0OPS00001', text: 'x', thread_ts: '1.000001' }))).toBe('thread_not_found');
  });

  it('opens a modal only with a fresh, unused trigger_id', async () => {
    const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Find' }, blocks: [section('hi')] };
    const trigger = fake.issueTriggerId('U0ANNA0SC');
    const opened = await client.views.open({ trigger_id: trigger, view: modal });
    expect(fake.transcript.topModal('U0ANNA0SC')?.id).toBe(opened.view?.id);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal }))).toBe('expired_trigger_id');
    const late = fake.issueTriggerId('U0ANNA0SC');
    clock.advance(3001);
    expect(await slackError(client.views.open({ trigger_id: late, view: modal }))).toBe('expired_trigger_id');
  });

  it('refuses a view with more than 100 blocks or a title over 24 characters', async () => {
    const trigger = () => fake.issueTriggerId('U0ANNA0SC');
    const blocks = Array.from({ length: 101 }, (_, i) => section(`row ${i}`));
    const title = { type: 'plain_text' as const, text: 'Find' };
    expect(await slackError(client.views.open({ trigger_id: trigger(), view: { type: 'modal', title, blocks } }))).toBe('invalid_arguments');
    const longTitle = { type: 'plain_text' as const, text: 't'.repeat(25) };
    expect(await slackError(client.views.open({ trigger_id: trigger(), view: { type: 'modal', title: longTitle, blocks: [] } }))).toBe(
      'invalid_arguments',
    );
  });

  it('keeps one home tab per user and updates views by id', async () => {
    await client.views.publish({ user_id: 'U0ANNA0SC', view: { type: 'home', blocks: [section('v1')] } });
    await client.views.publish({ user_id: 'U0ANNA0SC', view: { type: 'home', blocks: [section('v2')] } });
    expect(fake.transcript.views.filter((v) => v.type === 'home')).toHaveLength(1);
    const home = fake.transcript.home('U0ANNA0SC');
    expect(home?.view.blocks).toEqual([section('v2')]);
    await client.views.update({ view_id: home?.id ?? '', view: { type: 'home', blocks: [section('v3')] } });
    expect(fake.transcript.home('U0ANNA0SC')?.view.blocks).toEqual([section('v3')]);
    expect(await slackError(client.views.update({ view_id: 'V0NOPE', view: { type: 'home', blocks: [] } }))).toBe('not_found');
  });

  it('answers 429 with Retry-After as injected, and @slack/web-api waits that long before retrying', async () => {
    fake.faults.add({ method: 'chat.update', retryAfterSec: 1, times: 1 });
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'v1' });
    const patient = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 1 }, logger: quietLogger });
    const started = performance.now();
    await patient.chat.update({ channel: 'C0GENERAL1', ts: posted.ts ?? '', text: 'v2' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls.filter((c) => c.method === 'chat.update').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.transcript.messages[0]?.text).toBe('v2');
  });

  it('answers an injected error code for one method until the rule is removed', async () => {
    const id = fake.faults.add({ method: 'users.info', error: 'fatal_error' });
    expect(await slackError(client.users.info({ user: 'U0ANNA0SC' }))).toBe('fatal_error');
    expect(await slackError(client.users.info({ user: 'U0ANNA0SC' }))).toBe('fatal_error');
    fake.faults.remove(id);
    expect((await client.users.info({ user: 'U0ANNA0SC' })).ok).toBe(true);
  });
});

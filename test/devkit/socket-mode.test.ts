import { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_ID, BOT_USER_ID, startSlackFake, type SlackFake } from '../../src/devkit/index.js';
import { quietLogger } from './helpers.js';

let fake: SlackFake | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
});

describe('the fake over Socket Mode', () => {
  it('hands out a WebSocket from apps.connections.open, delivers a slash command and reads the ack', async () => {
    fake = await startSlackFake({ socketMode: true });
    app = new App({
      token: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      botId: BOT_ID,
      botUserId: BOT_USER_ID,
      logger: quietLogger,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/leihs', async ({ ack, respond, command }) => {
      await ack({ text: `Searching for ${command.text}…` });
      await respond({ replace_original: true, text: 'three tripods' });
    });
    await app.start();
    await fake.socket?.waitForConnection(5000);
    fake.driver.useSocketMode();

    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'tripod' });
    expect(sent.delivery).toMatchObject({ status: 200, timedOut: false, body: { text: 'Searching for tripod…' } });
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced' });
    expect(answer).toMatchObject({ text: 'three tripods', ephemeralTo: 'U0ANNA0SC' });
    expect(fake.calls.map((c) => c.method)).toContain('apps.connections.open');
  });

  it('refuses apps.connections.open with the bot token', async () => {
    fake = await startSlackFake({ socketMode: true });
    const res = await fetch(`${fake.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_auth' });
  });
});

import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole, type ConsoleSlack } from '../../src/console/index.js';
import type { SlackFake } from '../../src/devkit/index.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** A small app with the shapes the real one uses: a command, a confirmed button, a menu and a modal. */
function trivialApp(slack: ConsoleSlack): App {
  const app = new App({
    receiver: slack.receiver,
    token: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
    logger: slack.logger,
    clientOptions: { slackApiUrl: slack.slackApiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/leihs', async ({ ack, command, respond, client }) => {
    await ack('Searching…');
    if (command.text === 'ask') {
      await client.chat.postMessage({
        channel: 'C0APPROVE1',
        text: 'approval',
        blocks: [
          section(`<@${command.user_id}> asks to create *Film Students*`),
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'approve',
                text: plain('Approve'),
                confirm: { title: plain('Approve?'), text: plain('This creates the group.'), confirm: plain('Approve'), deny: plain('Cancel') },
              },
              { type: 'button', action_id: 'reject', text: plain('Reject') },
              { type: 'static_select', action_id: 'pool', placeholder: plain('Pool'), options: [{ text: plain('Fotostudio'), value: 'FOTO' }] },
            ],
          },
        ],
      });
      await respond({ replace_original: true, text: 'Your request is waiting for a manager.' });
    } else {
      await respond({ replace_original: true, text: `found ${command.text}` });
    }
  });
  app.action('approve', async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as { user: { id: string }; container: { channel_id: string; message_ts: string } };
    await client.chat.update({ channel: b.container.channel_id, ts: b.container.message_ts, text: `Approved by <@${b.user.id}>`, blocks: [] });
  });
  app.action('pool', async ({ ack, respond, action }) => {
    await ack();
    await respond({ text: `pool ${(action as { selected_option: { value: string } }).selected_option.value}` });
  });
  app.shortcut('find', async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'find_modal',
        title: plain('Find'),
        submit: plain('Search'),
        blocks: [{ type: 'input', block_id: 'q', label: plain('What'), element: { type: 'plain_text_input', action_id: 'q_input' } }],
      },
    });
  });
  app.view('find_modal', async ({ ack, view, body, client }) => {
    const q = view.state.values.q?.q_input?.value;
    if (q === 'x') return ack({ response_action: 'errors', errors: { q: 'Type at least two letters.' } });
    await ack();
    await client.chat.postMessage({ channel: body.user.id, text: `searched ${q ?? ''}` });
  });
  return app;
}

async function play(script: string): Promise<string> {
  let text = '';
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  await runConsole({
    createApp: trivialApp,
    input: Readable.from([script]),
    output,
    errorOutput: output,
    leihs: { url: 'http://127.0.0.1:1', simulated: true },
    settleMs: 30,
  });
  return text;
}

/** Collects what the console writes; `until` waits, with a bound, for some text to show. */
function screen() {
  let text = '';
  const watchers = new Set<() => void>();
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      for (const w of watchers) w();
      done();
    },
  });
  const until = (wanted: string, from = 0, timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!text.includes(wanted, from)) return;
        watchers.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`"${wanted}" did not show within ${timeoutMs} ms; the screen:\n${text}`));
      }, timeoutMs);
      watchers.add(check);
      check();
    });
  return { output, until, text: () => text };
}

describe('the console in a terminal', () => {
  it('prints a channel message arriving at the idle prompt once, above the prompt, and redraws what was typed', async () => {
    const input = new PassThrough();
    const { output, until, text } = screen();
    let fake: SlackFake | undefined;
    const running = runConsole({
      createApp: trivialApp,
      input,
      output,
      errorOutput: output,
      interactive: true,
      leihs: { url: 'http://127.0.0.1:1', simulated: true },
      settleMs: 30,
      onReady: (f) => (fake = f),
    });
    try {
      await until('anna › ');
      if (!fake) throw new Error('the console never reported its Slack fake');
      input.write('/leihs find');
      await until('/leihs find');
      // The app's own timers (health monitor, expiry sweep) post like this, outside any turn.
      const slack = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
      await slack.chat.postEphemeral({ channel: 'C0OPS00001', user: 'U0MARCO0B', text: 'only for Marco' });
      await slack.chat.postMessage({ channel: 'U0MARCO0B', text: 'a DM to Marco' });
      await slack.chat.postMessage({ channel: 'C0OPS00001', text: 'The leihs API is down.' });
      await until('The leihs API is down.');
      const alertAt = text().indexOf('[leihs · in #leihs-ops]');
      // The line being typed was cleared first, and the prompt comes back with the typed text after it.
      expect(text().slice(alertAt - 8, alertAt)).toBe('\x1b[1G\x1b[0J');
      await until('anna › /leihs find', alertAt);

      input.end(' tripod\n');
      await running;
    } finally {
      input.destroy();
    }
    const screenText = text();
    expect(screenText.split('The leihs API is down.')).toHaveLength(2);
    expect(screenText.indexOf('The leihs API is down.')).toBeLessThan(screenText.indexOf('found find tripod'));
    expect(screenText).not.toContain('only for Marco');
    expect(screenText).not.toContain('a DM to Marco');
  });
});

describe('the console', () => {
  it('says in its first lines that leihs is the demo and how to connect real ones', async () => {
    const text = await play('');
    const lines = text.split('\n');
    expect(lines[2]).toContain('built-in demo leihs');
    expect(lines[3]).toContain('SLACK_BOT_TOKEN');
    expect(lines[4]).toBe('You are Anna Schmid (anna) in #general. Type /leihs help, or :help for the console.');
  });

  it('prints each piped command with its final answer and ends at end of input', async () => {
    const text = await play('/leihs find tripod\n');
    expect(text).toContain('anna › /leihs find tripod\n[leihs · in #general · only Anna Schmid sees this]\nfound find tripod\n');
    expect(text).not.toContain('Searching…');
  });

  it('plays an approval: Anna asks, :as marco, typing the number clicks after y confirms', async () => {
    const text = await play('/leihs ask\n:as marco\n1\ny\n');
    expect(text).toContain('[leihs · in #leihs-approvals]\n@anna.schmid asks to create *Film Students*\n[1] Approve  [2] Reject  [3] Pool ▾');
    expect(text).toContain('You are now Marco Bernasconi (marco).\nmarco › 1\nApprove?: This creates the group. (y = Approve, n = Cancel) y\n');
    expect(text).toContain('[leihs · in #leihs-approvals · updated]\nApproved by @marco.bernasconi');
  });

  it('sends nothing when the confirm dialog is answered no', async () => {
    const text = await play('/leihs ask\n1\nn\n');
    expect(text).toContain('Cancelled: nothing was sent.');
    expect(text).not.toContain('Approved by');
  });

  it('asks for an option when the number is a menu', async () => {
    const text = await play('/leihs ask\n3\nFotostudio\n');
    expect(text).toContain('Choose one (Fotostudio): Fotostudio\n');
    expect(text).toContain('pool FOTO');
  });

  it('turns a modal into prompts and shows its validation errors before asking again', async () => {
    const text = await play(':shortcut find\nx\ntripod\n');
    expect(text).toContain('[modal for Anna Schmid]\n┌ Find ┐\nWhat: ____\n(Search)');
    expect(text).toContain('What: x\nWhat: Type at least two letters.\nWhat: tripod\n');
    expect(text).toContain('[leihs · DM with Anna Schmid]\nsearched tripod');
  });

  it('lists people, refuses unknown names and answers plain text with a hint', async () => {
    const text = await play(':users\n:as zorro\nhello\n');
    expect(text).toContain('* anna               Anna Schmid        anna.schmid@hdk.example');
    expect(text).toContain('There is nobody called "zorro" here.');
    expect(text).toContain('Only slash commands reach the app here.');
  });
});

import { App } from '@slack/bolt';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole, type ConsoleSlack } from '../../src/console/index.js';

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

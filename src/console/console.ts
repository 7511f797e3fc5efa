/**
 * The local console: the real app, built by the caller's factory, on a loopback HTTP receiver,
 * driven through the Slack fake exactly as Slack drives it (signed requests, response_url, Web
 * API). You type what you would type in Slack; answers print as text with numbered buttons.
 * Piped input is read line by line, each answer printed once the app is quiet, and the console
 * ends at end of input. In a terminal, messages that arrive while it waits at the prompt (an ops
 * alert, a notice from the expiry sweep) print above the prompt as they come.
 */
import { HTTPReceiver, LogLevel, type App, type Logger, type Receiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clearScreenDown, createInterface, cursorTo, moveCursor, type Interface } from 'node:readline';
import { BOT_ID, BOT_USER_ID } from '../devkit/directory.js';
import { pickOption, type Interaction } from '../devkit/driver.js';
import { FAKE_SIGNING_SECRET, startSlackFake, type SlackFake } from '../devkit/slack-fake.js';
import { isVisibleTo, type SlackMessage, type SlackView } from '../devkit/transcript.js';
import { messages } from '../messages/index.js';
import { printTurn, type Clickable } from './printer.js';

const words = messages.console;

/** What the app factory gets: everything buildApp needs to talk to the fake Slack. */
export interface ConsoleSlack {
  receiver: Receiver;
  botToken: string;
  botId: string;
  botUserId: string;
  slackApiUrl: string;
  logger: Logger;
}

export interface ConsoleOptions {
  /** Builds the real app, e.g. `(slack) => buildApp(deps, slack)`. */
  createApp: (slack: ConsoleSlack) => App | Promise<App>;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Where app warnings and errors go (default: stderr). */
  errorOutput?: NodeJS.WritableStream;
  /** Which leihs the app talks to, for the first lines. */
  leihs: { url: string; simulated: boolean };
  /** Who types first (default Anna, a customer) and where (default #general). */
  user?: string;
  channel?: string;
  /** Prompt and echo as a terminal does (default: input.isTTY). */
  interactive?: boolean;
  /** How long the app must be quiet before an answer counts as complete (default 80 ms). */
  settleMs?: number;
  /** The most to wait for the app's follow-ups after one line (default 15 s). */
  maxWaitMs?: number;
  /** Called with the fake once it runs (tests look at its transcript). */
  onReady?: (fake: SlackFake) => void;
}

/** Reads lines one at a time, so prompts (confirm, modal fields) can take the next line too. */
class LineReader {
  private queue: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;
  private readonly rl: Interface;
  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    private readonly interactive: boolean,
  ) {
    const rl = createInterface({ input, ...(interactive ? { output, terminal: true } : { terminal: false }) });
    this.rl = rl;
    rl.on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else this.queue.push(line);
    });
    rl.on('close', () => {
      this.ended = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  /** The next line, after showing the prompt; undefined at end of input. */
  async next(prompt: string): Promise<string | undefined> {
    const echo = (line: string | undefined) => {
      if (!this.interactive && line !== undefined) this.output.write(`${prompt}${line}\n`);
      return line;
    };
    if (this.interactive) {
      this.rl.setPrompt(prompt);
      this.rl.prompt(true);
    }
    const queued = this.queue.shift();
    if (queued !== undefined) return echo(queued);
    if (this.ended) return undefined;
    return echo(await new Promise<string | undefined>((resolve) => (this.waiting = resolve)));
  }

  /** Stops reading, so an input that stays open (a terminal after `:quit`) does not keep the process alive. */
  close(): void {
    this.rl.close();
  }

  /**
   * Interactive only: prints text above the prompt the user is typing at, then draws the prompt
   * again with what they have typed so far and the cursor where it was.
   */
  printAbovePrompt(text: string): void {
    // In an input wider than the terminal, prompt(true) first moves up the rows the cursor was below
    // the prompt's start; that many blank lines keep it from drawing over the text.
    const { rows } = this.rl.getCursorPos();
    moveCursor(this.output, 0, -rows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this.output.write(`${text}\n${'\n'.repeat(rows)}`);
    this.rl.prompt(true);
  }
}

function consoleLogger(out: NodeJS.WritableStream): Logger {
  let level = LogLevel.WARN;
  const write = (prefix: string) => (...msg: unknown[]) => {
    out.write(`${prefix} ${msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ')}\n`);
  };
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: write('(app warning)'),
    error: write('(app error)'),
    setLevel: (l) => (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Runs the console until the input ends (or `:quit`), then stops the app and the fake. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const out = options.output;
  const say = (text: string) => out.write(`${text}\n`);
  const interactive = options.interactive ?? options.input.isTTY === true;
  const settleMs = options.settleMs ?? 80;
  const maxWaitMs = options.maxWaitMs ?? 15_000;

  const fake = await startSlackFake();
  const { directory, transcript, driver } = fake;
  const logger = consoleLogger(options.errorOutput ?? process.stderr);
  const receiver = new HTTPReceiver({ signingSecret: FAKE_SIGNING_SECRET, endpoints: '/slack/events', logger });
  const app = await options.createApp({
    receiver,
    botToken: fake.botToken,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    slackApiUrl: fake.apiUrl,
    logger,
  });
  let running = 0;
  app.use(async ({ next }) => {
    running += 1;
    try {
      await next();
    } finally {
      running -= 1;
    }
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  driver.useHttp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, FAKE_SIGNING_SECRET);
  options.onReady?.(fake);

  let user = directory.user(options.user ?? 'anna');
  let channel = directory.channel(options.channel ?? 'general');
  let clickables: Clickable[] = [];
  let printedUpTo = transcript.mark();
  const reader = new LineReader(options.input, out, interactive);
  /** True while an interactive console waits at its main prompt: what arrives then prints at once. */
  let atPrompt = false;
  let arrivalTimer: NodeJS.Timeout | undefined;
  const unsubscribe = transcript.subscribe(() => {
    if (atPrompt) arrivalTimer ??= setTimeout(printArrivals, settleMs);
  });

  say(words.bannerTitle);
  say(words.bannerSlack);
  say(options.leihs.simulated ? words.bannerLeihsDemo(options.leihs.url) : words.bannerLeihsReal(options.leihs.url));
  say(words.bannerConnect);
  say(words.bannerYou(`${user.realName} (${user.name.split('.')[0] ?? user.name})`, channel.name));

  /** Waits until no listener runs and no call to the fake is open for settleMs, at most maxWaitMs. */
  async function settle(): Promise<void> {
    const started = Date.now();
    let quietSince = Date.now();
    while (Date.now() - started < maxWaitMs) {
      await new Promise((r) => setTimeout(r, 10));
      if (running > 0 || fake.inFlight() > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= settleMs) return;
    }
    say(words.stillWorking(Math.round(maxWaitMs / 1000)));
  }

  /** Prints everything since the last print; returns views that opened for the acting user. */
  function flush(): SlackView[] {
    const events = transcript.events.slice(printedUpTo);
    printedUpTo = transcript.mark();
    if (events.length === 0) return [];
    const turn = printTurn(events, directory);
    if (turn.text) say(turn.text);
    if (turn.clickables.length > 0) clickables = turn.clickables;
    return turn.views.filter((v) => v.user === user.id && v.type === 'modal' && v.open);
  }

  /** Whether the acting user sees the message in Slack: in a channel, in their DM, or ephemeral to them. */
  function seesMessage(m: SlackMessage): boolean {
    const where = directory.findChannel(m.channel);
    return isVisibleTo(m, user.id) && (where?.isIm !== true || where.user === user.id);
  }

  /**
   * Prints what came while the user sat at the prompt (after settleMs, so a post and its quick update
   * print once), above the prompt. Buttons on it number on from the last answer's. Views, and
   * messages the acting user could not see, are passed over, so the next turn does not print them.
   */
  function printArrivals(): void {
    arrivalTimer = undefined;
    if (!atPrompt) return;
    const events = transcript.events.slice(printedUpTo).filter((e) => 'message' in e && seesMessage(e.message));
    printedUpTo = transcript.mark();
    if (events.length === 0) return;
    const arrived = printTurn(events, directory, clickables.length + 1);
    clickables = [...clickables, ...arrived.clickables];
    reader.printAbovePrompt(arrived.text);
  }

  async function turn(action: () => Promise<Interaction | undefined>): Promise<void> {
    await action();
    await settle();
    const opened = flush();
    const modal = opened.at(-1);
    if (modal) await fillModal(modal);
  }

  async function fillModal(view: SlackView): Promise<void> {
    for (let round = 0; round < 3; round += 1) {
      const current = transcript.topModal(user.id);
      if (!current || current !== view) return;
      const inputs = ((current.view.blocks as Record<string, unknown>[] | undefined) ?? []).filter((b) => b.type === 'input');
      if (inputs.length === 0) return;
      const values: Record<string, string> = {};
      for (const block of inputs) {
        const label = typeof block.label === 'object' && block.label !== null ? String((block.label as { text?: unknown }).text ?? '') : '';
        const element = (block.element ?? {}) as { options?: { text?: { text?: string } }[] };
        const choices = element.options?.map((o) => o.text?.text ?? '').join(', ');
        const answer = await reader.next(words.fieldPrompt(label, block.optional === true, choices));
        if (answer === undefined) return;
        if (answer.trim() !== '') values[String(block.block_id ?? '')] = answer.trim();
      }
      const sent = await driver.submitView(current, values);
      await settle();
      const body = sent.delivery.body as { response_action?: string; errors?: Record<string, string> } | undefined;
      const errors = body?.response_action === 'errors' ? (body.errors ?? {}) : undefined;
      const more = flush();
      if (!errors) {
        const next = more.at(-1);
        if (next && next !== view) await fillModal(next);
        return;
      }
      for (const [blockId, error] of Object.entries(errors)) {
        const block = inputs.find((b) => b.block_id === blockId);
        const label = block && typeof block.label === 'object' && block.label !== null ? String((block.label as { text?: unknown }).text ?? blockId) : blockId;
        say(words.fieldError(label, error));
      }
    }
    say(words.modalGaveUp);
  }

  async function click(n: number): Promise<void> {
    const found = clickables.find((c) => c.control.n === n);
    if (!found) return void say(words.noSuchButton(n));
    const { control, target } = found;
    if (control.confirm) {
      const c = control.confirm;
      const answer = await reader.next(words.confirmPrompt(c.title, c.text, c.confirm, c.deny));
      if (!/^y(es)?$/i.test(answer?.trim() ?? '')) return void say(words.cancelled);
    }
    let option: string | undefined;
    if (control.options) {
      const answer = (await reader.next(words.choosePrompt(control.options.map((o) => o.label).join(', '))))?.trim() ?? '';
      const chosen = pickOption(control.options.map((o) => ({ text: { text: o.label }, value: o.value })), answer);
      if (typeof chosen?.value !== 'string') return void say(words.noSuchOption(answer));
      option = chosen.value;
    }
    if (control.url) say(words.opensLink(control.url));
    await turn(() => driver.clickButton(target, control.actionId, { user: user.id, ...(option !== undefined ? { option } : {}) }));
  }

  function meta(line: string): 'quit' | undefined {
    const [word = '', ...rest] = line.split(/\s+/);
    const arg = rest.join(' ');
    switch (word) {
      case ':help':
        say(words.help);
        return undefined;
      case ':users':
        say(words.usersHeader);
        for (const u of directory.users.filter((p) => !p.isBot)) say(words.userLine(u.name.split('.')[0] ?? u.name, u.realName, u.email, u.id === user.id));
        return undefined;
      case ':as': {
        const found = directory.findUser(arg);
        if (!found || found.isBot) return void say(words.unknownUser(arg));
        user = found;
        say(words.nowActingAs(`${found.realName} (${found.name.split('.')[0] ?? found.name})`));
        return undefined;
      }
      case ':in': {
        const found = directory.findChannel(arg);
        if (!found || found.isIm) return void say(words.unknownChannel(arg));
        channel = found;
        say(words.nowInChannel(found.name));
        return undefined;
      }
      case ':quit':
      case ':exit':
        return 'quit';
      default:
        say(words.unknownMeta(word));
        return undefined;
    }
  }

  try {
    for (;;) {
      flush();
      atPrompt = interactive;
      const line = await reader.next(`${user.name.split('.')[0] ?? user.name} › `);
      atPrompt = false;
      if (line === undefined) break;
      const text = line.trim();
      if (text === '') continue;
      if (text === ':home') await turn(() => driver.appHomeOpened(user.id));
      else if (text.startsWith(':shortcut')) await turn(() => driver.shortcut(text.slice(':shortcut'.length).trim(), user.id));
      else if (text.startsWith(':')) {
        if (meta(text) === 'quit') break;
      } else if (/^\d+$/.test(text)) await click(Number(text));
      else if (text.startsWith('/')) {
        const [command = '', ...rest] = text.split(/\s+/);
        await turn(() => driver.slashCommand({ user: user.id, channel: channel.id, command, text: rest.join(' ') }));
      } else say(words.notACommand);
    }
    await settle();
    flush();
    if (interactive) say(words.goodbye);
  } finally {
    atPrompt = false;
    reader.close();
    unsubscribe();
    clearTimeout(arrivalTimer);
    await app.stop();
    await fake.close();
  }
}

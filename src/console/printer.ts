/**
 * Turns what happened in the fake Slack during one turn into readable text: each message or view
 * once, in its final state, with where it is and who sees it, and every button numbered across the
 * turn so typing the number can click it.
 */
import type { Directory } from '../devkit/directory.js';
import { renderMessage, renderView, type Control } from '../devkit/render.js';
import type { SlackMessage, SlackView, TranscriptEvent } from '../devkit/transcript.js';
import { messages } from '../messages/index.js';

const words = messages.console;

export interface Clickable {
  control: Control;
  target: SlackMessage | SlackView;
}

export interface PrintedTurn {
  text: string;
  clickables: Clickable[];
  /** Views opened or updated during the turn, newest last. */
  views: SlackView[];
}

/** Buttons are numbered from `firstNumber` (default 1), so an arrival can add to the last answer's. */
export function printTurn(events: readonly TranscriptEvent[], directory: Directory, firstNumber = 1): PrintedTurn {
  const seen: (SlackMessage | SlackView)[] = [];
  const closed = new Set<SlackView>();
  const postedNow = new Set<SlackMessage>();
  for (const e of events) {
    if (e.kind === 'posted') postedNow.add(e.message);
    const item = 'message' in e ? e.message : e.view;
    if (e.kind === 'view_errors') continue;
    if (e.kind === 'view_closed') closed.add(e.view);
    else if (!('message' in e)) closed.delete(e.view);
    if (!seen.includes(item)) seen.push(item);
  }
  const realName = (id: string) => directory.findUser(id)?.realName ?? id;
  const names = { userName: (id: string) => directory.findUser(id)?.name, channelName: (id: string) => directory.findChannel(id)?.name };
  const parts: string[] = [];
  const clickables: Clickable[] = [];
  const views: SlackView[] = [];
  for (const item of seen) {
    const number = firstNumber + clickables.length;
    if ('ts' in item) {
      const rendered = renderMessage(item, { firstNumber: number, ...names });
      parts.push(`${messageHeader(item, directory, !postedNow.has(item))}\n${item.deleted ? '' : rendered.text}`.trimEnd());
      if (!item.deleted) clickables.push(...rendered.controls.map((control) => ({ control, target: item })));
    } else if (closed.has(item) || (item.type === 'modal' && !item.open)) {
      parts.push(`[${words.modalTitle(realName(item.user))} · ${words.modalClosed}]`);
    } else {
      const rendered = renderView(item.view, { firstNumber: number, ...names });
      const title = item.type === 'home' ? words.homeTitle(realName(item.user)) : words.modalTitle(realName(item.user));
      parts.push(`[${title}]\n${rendered.text}`);
      clickables.push(...rendered.controls.map((control) => ({ control, target: item })));
      views.push(item);
    }
  }
  return { text: parts.join('\n\n'), clickables, views };
}

function messageHeader(m: SlackMessage, directory: Directory, olderMessage: boolean): string {
  const channel = directory.findChannel(m.channel);
  const author = m.user === 'USLACKBOT' ? 'Slackbot' : (directory.findUser(m.user)?.name ?? m.user);
  const where = channel?.isIm && channel.user ? words.whereDm(directory.findUser(channel.user)?.realName ?? channel.user) : words.whereInChannel(channel?.name ?? m.channel);
  const notes = [where];
  if (m.ephemeralTo) notes.push(words.onlyVisibleTo(directory.findUser(m.ephemeralTo)?.realName ?? m.ephemeralTo));
  if (m.threadTs) notes.push(words.inThread);
  if (olderMessage && m.history.length > 0) notes.push(words.replaced);
  if (m.deleted) notes.push(words.deleted);
  return `[${author} · ${notes.join(' · ')}]`;
}

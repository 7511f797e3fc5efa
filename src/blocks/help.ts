/** Help, unknown-command and coming-soon answers. Pure. */
import { subcommands, type Subcommand } from '../commands/parse.js';
import { messages } from '../messages/index.js';
import { code, escapeMrkdwn } from './limits.js';
import { context, header, reply, section, type Reply } from './kit.js';

const m = messages.commands;

function usageLine(name: Subcommand): string {
  const u = m.usage[name];
  return `${code(u.usage)}\n${u.summary}`;
}

/** All commands, or one command with its examples. */
export function buildHelp(topic?: string): Reply {
  const known = subcommands.find((s) => s === topic);
  if (known) {
    const u = m.usage[known];
    const examples = u.examples.map((e) => `• ${code(e)}`).join('\n');
    return reply(`${u.usage}: ${u.summary}`, [
      header(m.helpTopicTitle(known)),
      section(usageLine(known)),
      section(`*${m.helpExamplesLabel}*\n${examples}`),
    ]);
  }
  const lines = subcommands.map((s) => usageLine(s));
  return reply(`${m.helpTitle}: ${m.helpIntro}`, [
    header(m.helpTitle),
    section(m.helpIntro),
    section(lines.slice(0, 7).join('\n\n')),
    section(lines.slice(7).join('\n\n')),
    context(m.helpFooter),
  ]);
}

export function buildUnknown(input: string, suggestion?: string): Reply {
  const word = input.split(/\s+/)[0] ?? input;
  const first = `${m.unknown(escapeMrkdwn(word).slice(0, 60))}${suggestion ? ` ${m.didYouMean(suggestion)}` : ''}`;
  const known = subcommands.find((s) => s === suggestion);
  const help = known ? buildHelp(known) : buildHelp();
  const blocks = known ? help.blocks.slice(1) : [section(m.unknownFallback), ...help.blocks.slice(2)];
  return reply(first, [section(first), ...blocks]);
}

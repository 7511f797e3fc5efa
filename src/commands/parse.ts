/**
 * `/leihs …` text → a zod-typed Intent. Covers every subcommand, including those other issues answer
 * (status, requests, group changes). Pure: no I/O, no Slack.
 */
import { z } from 'zod';

const text = z.string();

export const groupChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), name: text.min(1), description: text.min(1).optional() }),
  z.object({ action: z.literal('delete'), name: text.min(1) }),
  z.object({ action: z.literal('add_member'), user: text.min(1), group: text.min(1) }),
  z.object({ action: z.literal('remove_member'), user: text.min(1), group: text.min(1) }),
]);
export type GroupChange = z.infer<typeof groupChangeSchema>;

export const intentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('find'), words: text.min(1), pool: text.min(1).optional() }),
  z.object({ type: z.literal('item'), inventoryCode: text.min(1) }),
  z.object({ type: z.literal('model'), name: text.min(1) }),
  z.object({ type: z.literal('pools'), words: text }),
  z.object({ type: z.literal('pool'), name: text.min(1) }),
  z.object({ type: z.literal('users'), words: text.min(1) }),
  z.object({ type: z.literal('user'), query: text.min(1) }),
  z.object({ type: z.literal('groups'), words: text }),
  z.object({ type: z.literal('group'), name: text.min(1) }),
  z.object({ type: z.literal('categories'), words: text }),
  z.object({ type: z.literal('whoami') }),
  z.object({ type: z.literal('help'), topic: text.min(1).optional() }),
  z.object({ type: z.literal('status'), verbose: z.boolean() }),
  z.object({ type: z.literal('requests') }),
  z.object({ type: z.literal('group_change'), change: groupChangeSchema }),
  z.object({ type: z.literal('unknown'), input: text, suggestion: text.optional() }),
]);
export type Intent = z.infer<typeof intentSchema>;
export type IntentType = Intent['type'];
export type IntentOf<T extends IntentType> = Extract<Intent, { type: T }>;

/** The subcommands people type, in the order help lists them. `group` covers group changes too. */
export const subcommands = [
  'find',
  'item',
  'model',
  'pools',
  'pool',
  'users',
  'user',
  'groups',
  'group',
  'categories',
  'whoami',
  'status',
  'requests',
  'help',
] as const;
export type Subcommand = (typeof subcommands)[number];

/** Other words for a subcommand, English and German. */
const aliases: Record<string, Subcommand> = {
  search: 'find',
  suche: 'find',
  suchen: 'find',
  finde: 'find',
  finden: 'find',
  gegenstand: 'item',
  modell: 'model',
  geräteparks: 'pools',
  gerätepark: 'pool',
  people: 'users',
  personen: 'users',
  benutzer: 'user',
  person: 'user',
  gruppen: 'groups',
  gruppe: 'group',
  kategorien: 'categories',
  me: 'whoami',
  ich: 'whoami',
  health: 'status',
  anfragen: 'requests',
  hilfe: 'help',
  '?': 'help',
};

const groupActions: Record<string, GroupChange['action']> = {
  create: 'create',
  new: 'create',
  erstellen: 'create',
  neu: 'create',
  delete: 'delete',
  löschen: 'delete',
  add: 'add_member',
  hinzufügen: 'add_member',
  remove: 'remove_member',
  entfernen: 'remove_member',
};

interface Token {
  value: string;
  quoted: boolean;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '„': '“', '«': '»', '‘': '’', '”': '”' };

/** Splits on whitespace; "double", 'single', “curly”, „German“ and «guillemet» quotes keep spaces. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const chars = [...input.replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ')];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const close = QUOTES[ch];
    const startsWord = i === 0 || /\s/.test(chars[i - 1] ?? ' ');
    if (close !== undefined && startsWord) {
      let j = i + 1;
      while (j < chars.length && chars[j] !== close && !(close === '“' && chars[j] === '”')) j += 1;
      tokens.push({ value: chars.slice(i + 1, j).join('').trim().replace(/\s+/g, ' '), quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/.test(chars[j] ?? ' ')) j += 1;
    tokens.push({ value: chars.slice(i, j).join(''), quoted: false });
    i = j;
  }
  return tokens.filter((t) => t.value.length > 0);
}

const join = (tokens: Token[]): string => tokens.map((t) => t.value).join(' ');
const lower = (t: Token | undefined): string => (t && !t.quoted ? t.value.toLowerCase() : '');

/** Edit distance with swapped neighbours counting as one edit (optimal string alignment), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The subcommand nearest to a typo, if one is close enough to be a likely meaning. */
export function nearestSubcommand(word: string): Subcommand | undefined {
  const w = word.toLowerCase();
  if (w.length < 2 || w.length > 20) return undefined;
  let best: { name: Subcommand; distance: number } | undefined;
  const candidates: [string, Subcommand][] = [...subcommands.map((s): [string, Subcommand] => [s, s]), ...Object.entries(aliases)];
  for (const [spelling, name] of candidates) {
    const distance = editDistance(w, spelling);
    if (!best || distance < best.distance) best = { name, distance };
  }
  const allowed = w.length <= 4 ? 1 : 2;
  return best && best.distance <= allowed ? best.name : undefined;
}

export function resolveSubcommand(word: string): Subcommand | undefined {
  const w = word.toLowerCase();
  if ((subcommands as readonly string[]).includes(w)) return w as Subcommand;
  return aliases[w];
}

/** Parses the text after `/leihs`. Never throws: anything unclear becomes `help` or `unknown`. */
export function parseCommand(input: string): Intent {
  return intentSchema.parse(toIntent(input));
}

function toIntent(input: string): Intent {
  const tokens = tokenize(input);
  const [head, ...rest] = tokens;
  if (!head) return { type: 'help' };
  const subcommand = head.quoted ? undefined : resolveSubcommand(head.value);
  if (!subcommand) {
    const suggestion = head.quoted ? undefined : nearestSubcommand(head.value);
    return { type: 'unknown', input: input.trim(), ...(suggestion ? { suggestion } : {}) };
  }
  const args = join(rest);
  const needs = <T extends Intent>(build: () => T): Intent => (args ? build() : { type: 'help', topic: subcommand });
  switch (subcommand) {
    case 'find':
      return parseFind(rest);
    case 'item':
      return needs(() => ({ type: 'item', inventoryCode: rest[0]?.value ?? '' }));
    case 'model':
      return needs(() => ({ type: 'model', name: args }));
    case 'pools':
      return { type: 'pools', words: args };
    case 'pool':
      return args ? { type: 'pool', name: args } : { type: 'pools', words: '' };
    case 'users':
      return needs(() => ({ type: 'users', words: args }));
    case 'user':
      return needs(() => ({ type: 'user', query: args }));
    case 'groups':
      return { type: 'groups', words: args };
    case 'group':
      return parseGroup(rest);
    case 'categories':
      return { type: 'categories', words: args };
    case 'whoami':
      return { type: 'whoami' };
    case 'status':
      return { type: 'status', verbose: rest.some((t) => ['--verbose', '-v', 'verbose', 'details'].includes(lower(t))) };
    case 'requests':
      return { type: 'requests' };
    case 'help': {
      const topic = rest[0] ? (resolveSubcommand(rest[0].value) ?? nearestSubcommand(rest[0].value)) : undefined;
      return topic ? { type: 'help', topic } : { type: 'help' };
    }
  }
}

/** `find <words> [in <pool>]`: the last unquoted `in` with words on both sides names the pool. */
function parseFind(rest: Token[]): Intent {
  let cut = -1;
  for (let i = rest.length - 2; i >= 1; i -= 1) {
    if (['in', 'im'].includes(lower(rest[i]))) {
      cut = i;
      break;
    }
  }
  const words = join(cut < 0 ? rest : rest.slice(0, cut));
  if (!words) return { type: 'help', topic: 'find' };
  return cut < 0 ? { type: 'find', words } : { type: 'find', words, pool: join(rest.slice(cut + 1)) };
}

/**
 * `group <name>` shows a group; `group create <name> [— description]`, `group delete <name>`,
 * `group add <user> to <group>`, `group remove <user> from <group>` request a change.
 */
function parseGroup(rest: Token[]): Intent {
  const [verb, ...tail] = rest;
  const action = groupActions[lower(verb)];
  if (!verb) return { type: 'help', topic: 'group' };
  if (!action) return { type: 'group', name: join(rest) };
  if (tail.length === 0) return { type: 'help', topic: 'group' };
  if (action === 'create') return parseGroupCreate(tail);
  if (action === 'delete') return { type: 'group_change', change: { action, name: join(tail) } };
  const [user, ...afterUser] = tail;
  const groupTokens = ['to', 'zu', 'from', 'aus', 'von'].includes(lower(afterUser[0])) ? afterUser.slice(1) : afterUser;
  const group = join(groupTokens);
  if (!user || !group) return { type: 'help', topic: 'group' };
  return { type: 'group_change', change: { action, user: user.value, group } };
}

const DESCRIPTION_SEPARATORS = ['—', '–', '-', '--', ':'];

function parseGroupCreate(tail: Token[]): Intent {
  const [first, ...more] = tail;
  let nameTokens: Token[];
  let descriptionTokens: Token[];
  if (first?.quoted) {
    nameTokens = [first];
    descriptionTokens = DESCRIPTION_SEPARATORS.includes(lower(more[0])) ? more.slice(1) : more;
  } else {
    const separator = tail.findIndex((t) => !t.quoted && DESCRIPTION_SEPARATORS.includes(t.value));
    nameTokens = separator < 0 ? tail : tail.slice(0, separator);
    descriptionTokens = separator < 0 ? [] : tail.slice(separator + 1);
  }
  const name = join(nameTokens);
  const description = join(descriptionTokens);
  if (!name) return { type: 'help', topic: 'group' };
  return { type: 'group_change', change: description ? { action: 'create', name, description } : { action: 'create', name } };
}

/**
 * The fake Slack workspace: one team, the bot, people whose emails exist in the demo leihs (see the
 * shared contract) and three channels. Ids look like Slack's and never change between runs.
 */

export const TEAM_ID = 'T0123ABCD';
export const TEAM_DOMAIN = 'hdk-demo';
export const API_APP_ID = 'A0LEIHS001';
export const BOT_ID = 'B0123ABCD';
export const BOT_USER_ID = 'U0BOT0001';

export interface FakeUser {
  id: string;
  /** Slack handle, e.g. `anna.schmid`. */
  name: string;
  realName: string;
  email: string;
  tz: string;
  locale: string;
  isBot: boolean;
  deleted: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** DMs (`D…`) belong to one person and the bot. */
  isIm: boolean;
  user?: string;
}

const person = (id: string, name: string, realName: string, email: string): FakeUser => ({
  id,
  name,
  realName,
  email,
  tz: 'Europe/Zurich',
  locale: 'en-US',
  isBot: false,
  deleted: false,
});

export function defaultUsers(): FakeUser[] {
  return [
    person('U0ANNA0SC', 'anna.schmid', 'Anna Schmid', 'anna.schmid@hdk.example'),
    person('U0MARCO0B', 'marco.bernasconi', 'Marco Bernasconi', 'marco.bernasconi@hdk.example'),
    person('U0RUTH0KE', 'ruth.keller', 'Ruth Keller', 'ruth.keller@hdk.example'),
    person('U0LENA0HU', 'lena.huber', 'Lena Huber', 'lena.huber@hdk.example'),
    person('U0JONAS0M', 'jonas.meier', 'Jonas Meier', 'jonas.meier@hdk.example'),
    person('U0NOBODY1', 'nobody', 'No Body', 'nobody@elsewhere.example'),
    { ...person(BOT_USER_ID, 'leihs', 'leihs', 'leihs-bot@hdk.example'), isBot: true },
  ];
}

export function defaultChannels(): FakeChannel[] {
  return [
    { id: 'C0GENERAL1', name: 'general', isIm: false },
    { id: 'C0APPROVE1', name: 'leihs-approvals', isIm: false },
    { id: 'C0OPS00001', name: 'leihs-ops', isIm: false },
  ];
}

/** People and channels, found by id, handle, first name or `#name`. */
export class Directory {
  readonly users: FakeUser[];
  readonly channels: FakeChannel[];

  constructor(users: FakeUser[] = defaultUsers(), channels: FakeChannel[] = defaultChannels()) {
    this.users = users;
    this.channels = channels;
  }

  /** `U0ANNA0SC`, `anna.schmid`, `anna`, `@anna` or `Anna Schmid`; undefined when nobody matches. */
  findUser(ref: string): FakeUser | undefined {
    const key = ref.trim().replace(/^@/, '').toLowerCase();
    return this.users.find(
      (u) =>
        u.id.toLowerCase() === key ||
        u.name === key ||
        u.name.split('.')[0] === key ||
        u.realName.toLowerCase() === key ||
        u.email === key,
    );
  }

  user(ref: string): FakeUser {
    const found = this.findUser(ref);
    if (!found) throw new Error(`The Slack fake has no user "${ref}"; known: ${this.users.map((u) => u.name).join(', ')}`);
    return found;
  }

  /** `C0GENERAL1`, `general`, `#general`, or a DM id. */
  findChannel(ref: string): FakeChannel | undefined {
    const key = ref.trim().replace(/^#/, '').toLowerCase();
    return this.channels.find((c) => c.id.toLowerCase() === key || c.name === key);
  }

  channel(ref: string): FakeChannel {
    const found = this.findChannel(ref);
    if (!found) throw new Error(`The Slack fake has no channel "${ref}"`);
    return found;
  }

  /** The bot's DM with a person, created on first use as `conversations.open` would. */
  dmWith(userId: string): FakeChannel {
    const existing = this.channels.find((c) => c.isIm && c.user === userId);
    if (existing) return existing;
    const dm: FakeChannel = { id: `D${userId.slice(1)}`, name: `dm-${this.findUser(userId)?.name ?? userId}`, isIm: true, user: userId };
    this.channels.push(dm);
    return dm;
  }
}

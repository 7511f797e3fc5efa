/**
 * Slack user → leihs user, by email: users.info (scopes users:read, users:read.email) gives the email
 * and time zone; the admin users list with `term=<email>` gives the exact leihs match. Cached with a
 * TTL; approvals ask with `{ fresh: true }` so a decision never rests on a stale mapping.
 */
import type { Clock } from '../clock.js';
import { TtlCache } from '../util/ttl-cache.js';
import type { LeihsReader, LeihsUser } from './leihs-reader.js';

/** The part of the Slack Web API this needs; a Bolt `client` fits. */
export interface SlackUsersApi {
  users: {
    info(args: { user: string }): Promise<{
      user?: { id?: string; deleted?: boolean; is_bot?: boolean; tz?: string; locale?: string; profile?: { email?: string } };
    }>;
  };
}

export interface SlackProfile {
  slackUserId: string;
  email?: string;
  tz?: string;
  locale?: string;
  isBot: boolean;
  deleted: boolean;
}

export type Identity =
  | { linked: true; slack: SlackProfile; leihsUser: LeihsUser }
  | { linked: false; slack: SlackProfile; reason: 'no_email' | 'not_in_leihs' | 'bot_or_deleted' };

export interface IdentityService {
  /** Email, time zone and locale from Slack (cached). */
  slackProfile(slack: SlackUsersApi, slackUserId: string, opts?: { fresh?: boolean }): Promise<SlackProfile>;
  /** The leihs user behind a Slack user, or why there is none. */
  resolve(slack: SlackUsersApi, slackUserId: string, opts?: { fresh?: boolean }): Promise<Identity>;
}

export function createIdentityService(opts: { reader: LeihsReader; clock: Clock; ttlMs: number }): IdentityService {
  const profiles = new TtlCache<string, SlackProfile>(opts.clock, opts.ttlMs);
  const users = new TtlCache<string, LeihsUser | null>(opts.clock, opts.ttlMs);

  async function loadProfile(slack: SlackUsersApi, slackUserId: string): Promise<SlackProfile> {
    const { user } = await slack.users.info({ user: slackUserId });
    return {
      slackUserId,
      email: user?.profile?.email?.trim() || undefined,
      tz: user?.tz,
      locale: user?.locale,
      isBot: user?.is_bot === true,
      deleted: user?.deleted === true,
    };
  }

  const service: IdentityService = {
    slackProfile(slack, slackUserId, o) {
      if (o?.fresh) profiles.delete(slackUserId);
      return profiles.get(slackUserId, () => loadProfile(slack, slackUserId));
    },
    async resolve(slack, slackUserId, o) {
      const slackProfile = await service.slackProfile(slack, slackUserId, o);
      if (slackProfile.isBot || slackProfile.deleted) return { linked: false, slack: slackProfile, reason: 'bot_or_deleted' };
      const email = slackProfile.email?.toLowerCase();
      if (!email) return { linked: false, slack: slackProfile, reason: 'no_email' };
      if (o?.fresh) users.delete(email);
      const leihsUser = await users.get(email, async () => (await opts.reader.findUserByEmail(email)) ?? null);
      return leihsUser ? { linked: true, slack: slackProfile, leihsUser } : { linked: false, slack: slackProfile, reason: 'not_in_leihs' };
    },
  };
  return service;
}

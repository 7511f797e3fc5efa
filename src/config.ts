/**
 * The environment, parsed with zod (design rule 3). A bad or missing variable stops startup with one
 * line naming it and saying what it should be. `.env` in the working directory is read when present.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { messages } from './messages/index.js';

const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** "90s", "15m", "24h", "7d" or a bare number of seconds → milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
  const ms = Math.round(value * factor);
  return ms > 0 ? ms : undefined;
}

/** Node's timers take at most 2^31 − 1 ms (about 24.8 days); a longer interval would fire at once, again and again. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

const duration = (what: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be a duration such as 60s, 15m or 24h (${what})` });
      return z.NEVER;
    }
    if (ms > MAX_DURATION_MS) {
      ctx.addIssue({ code: 'custom', message: `must be at most 24d (${what})` });
      return z.NEVER;
    }
    return ms;
  });

const httpUrl = z
  .string()
  .url({ message: 'must be a URL such as https://leihs.example.org' })
  .refine((u) => /^https?:\/\//.test(u), { message: 'must start with http:// or https://' })
  // Credentials in the URL would end up in links the app shows; leihs takes the token in LEIHS_TOKEN.
  .refine((u) => !/^https?:\/\/[^/]*@/.test(u), { message: 'must not contain a user name or password (put the API token in LEIHS_TOKEN)' })
  .transform((u) => u.replace(/\/+$/, ''));

const positiveInt = (message: string) =>
  z
    .string()
    .regex(/^\d+$/, { message })
    .transform(Number)
    .refine((n) => n > 0, { message });

const list = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  );

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, { message: 'must be a bot token starting with xoxb-' }).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1, { message: 'must be the signing secret from the app settings' }).optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, { message: 'must be an app-level token starting with xapp-' }).optional(),
  SLACK_API_URL: httpUrl.optional(),
  SLACK_BOT_ID: z.string().regex(/^B[A-Z0-9]+$/, { message: 'must be a bot id such as B0123ABCD' }).optional(),
  SLACK_BOT_USER_ID: z.string().regex(/^[UW][A-Z0-9]+$/, { message: 'must be a user id such as U0123ABCD' }).optional(),
  PORT: z
    .string()
    .regex(/^\d+$/, { message: 'must be a port number such as 3000 (0 picks a free one)' })
    .transform(Number)
    .refine((n) => n <= 65535, { message: 'must be a port number such as 3000 (0 picks a free one)' })
    .default(3000),
  HOST: z.string().min(1).optional(),

  LEIHS_URL: httpUrl.optional(),
  LEIHS_TOKEN: z.string().min(1, { message: 'must be a leihs API token' }).optional(),
  LEIHS_TIMEOUT: duration('leihs request timeout').default(10_000),
  LEIHS_FANOUT_CONCURRENCY: positiveInt('must be a whole number of parallel pool requests, such as 40').default(40),
  LEIHS_CACHE_TTL: duration('how long pools, roles and categories are cached').default(60_000),

  LEIHS_APPROVALS_CHANNEL: z.string().regex(/^[CGD][A-Z0-9]+$/, { message: 'must be a channel id such as C0123ABCD' }).optional(),
  LEIHS_APPROVERS: list.default([]),
  LEIHS_ALLOW_SELF_APPROVAL: booleanFromString.default(false),
  LEIHS_REQUEST_TTL: duration('how long a group change request stays open').default(86_400_000),

  LEIHS_OPS_CHANNEL: z.string().regex(/^[CGD][A-Z0-9]+$/, { message: 'must be a channel id such as C0123ABCD' }).optional(),
  LEIHS_OPS_MENTION: z
    .string()
    .regex(/^(<!subteam\^[A-Z0-9]+>|<@[UW][A-Z0-9]+>|[SUW][A-Z0-9]+)$/, {
      message: 'must be a user id (U…), a user group id (S…) or <!subteam^S…>',
    })
    .optional(),
  LEIHS_MONITOR_INTERVAL: duration('how often the health monitor runs').default(60_000),
  LEIHS_TOKEN_WARN_DAYS: positiveInt('must be a whole number of days, such as 14').default(14),
  LEIHS_TOKEN_EXPIRES_AT: z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2027-01-31T12:00:00Z' }).optional(),

  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' }).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], { message: 'must be debug, info, warn or error' }).default('info'),
});

type Env = z.infer<typeof envSchema>;

/** Every environment variable the app reads (.env.example documents each one). */
export const envVariableNames: readonly string[] = Object.keys(envSchema.shape);

export type SlackMode = 'socket' | 'http' | 'console';

export interface Config {
  mode: SlackMode;
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    botId?: string;
    botUserId?: string;
    port: number;
    /** Address to listen on (HOST); all interfaces when absent. */
    host?: string;
  };
  leihs: {
    /** Absent in console mode without LEIHS_URL: the demo simulator is started instead. */
    url?: string;
    token?: string;
    timeoutMs: number;
    fanoutConcurrency: number;
    cacheTtlMs: number;
  };
  approvals: {
    channel?: string;
    approvers: string[];
    allowSelfApproval: boolean;
    requestTtlMs: number;
  };
  ops: {
    channel?: string;
    mention?: string;
    monitorIntervalMs: number;
    tokenWarnDays: number;
    tokenExpiresAt?: Date;
  };
  store: { dataDir: string; databaseUrl?: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment; throws ConfigError with one line naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}`);
  }
  return toConfig(parsed.data);
}

function toConfig(e: Env): Config {
  let mode: SlackMode = 'console';
  if (e.SLACK_BOT_TOKEN) {
    mode = e.SLACK_APP_TOKEN ? 'socket' : 'http';
    if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
      throw new ConfigError(messages.startup.signingSecretMissing);
    }
    if (!e.LEIHS_URL) throw new ConfigError(messages.startup.leihsUrlMissing);
  }
  if (e.LEIHS_URL && !e.LEIHS_TOKEN) {
    throw new ConfigError(messages.startup.leihsTokenMissing);
  }
  return {
    mode,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      botId: e.SLACK_BOT_ID,
      botUserId: e.SLACK_BOT_USER_ID,
      port: e.PORT,
      host: e.HOST,
    },
    leihs: {
      url: e.LEIHS_URL,
      token: e.LEIHS_TOKEN,
      timeoutMs: e.LEIHS_TIMEOUT,
      fanoutConcurrency: e.LEIHS_FANOUT_CONCURRENCY,
      cacheTtlMs: e.LEIHS_CACHE_TTL,
    },
    approvals: {
      channel: e.LEIHS_APPROVALS_CHANNEL,
      approvers: e.LEIHS_APPROVERS,
      allowSelfApproval: e.LEIHS_ALLOW_SELF_APPROVAL,
      requestTtlMs: e.LEIHS_REQUEST_TTL,
    },
    ops: {
      channel: e.LEIHS_OPS_CHANNEL,
      mention: e.LEIHS_OPS_MENTION,
      monitorIntervalMs: e.LEIHS_MONITOR_INTERVAL,
      tokenWarnDays: e.LEIHS_TOKEN_WARN_DAYS,
      tokenExpiresAt: e.LEIHS_TOKEN_EXPIRES_AT ? new Date(e.LEIHS_TOKEN_EXPIRES_AT) : undefined,
    },
    store: { dataDir: e.DATA_DIR, databaseUrl: e.DATABASE_URL },
    logLevel: e.LOG_LEVEL,
  };
}

/** Reads `.env` from the working directory into process.env (existing variables win). */
export function readDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

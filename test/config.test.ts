import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, envVariableNames, loadConfig, parseDuration } from '../src/config.js';

describe('config', () => {
  it('starts the console with defaults when no Slack or leihs variables are set', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('console');
    expect(config.slack.port).toBe(3000);
    expect(config.leihs.url).toBeUndefined();
    expect(config.approvals.requestTtlMs).toBe(24 * 3600 * 1000);
    expect(config.ops.monitorIntervalMs).toBe(60_000);
    expect(config.store.dataDir).toBe('./data');
  });

  it('chooses Socket Mode when an app token is set and HTTP mode otherwise', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-test-1', LEIHS_URL: 'https://leihs.example.org/', LEIHS_TOKEN: 'T' };
    expect(loadConfig({ ...base, SLACK_APP_TOKEN: 'xapp-test-1' }).mode).toBe('socket');
    const http = loadConfig({ ...base, SLACK_SIGNING_SECRET: 's' });
    expect(http.mode).toBe('http');
    expect(http.leihs.url).toBe('https://leihs.example.org');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a port number/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ LEIHS_URL: 'leihs.example.org', LEIHS_TOKEN: 'x' }, /^LEIHS_URL must/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, /^SLACK_BOT_TOKEN must be a bot token/],
    [{ LEIHS_REQUEST_TTL: 'tomorrow' }, /^LEIHS_REQUEST_TTL must be a duration/],
    // Past 2^31 − 1 ms, setInterval fires every millisecond: the monitor would hammer leihs.
    [{ LEIHS_MONITOR_INTERVAL: '30d' }, /^LEIHS_MONITOR_INTERVAL must be at most 24d/],
    [{ LEIHS_OPS_CHANNEL: '#ops' }, /^LEIHS_OPS_CHANNEL must be a channel id/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', LEIHS_URL: 'https://l.example', LEIHS_TOKEN: 't' }, /^SLACK_SIGNING_SECRET must be set/],
    [{ LEIHS_URL: 'https://l.example' }, /^LEIHS_TOKEN must be set/],
    [{ LEIHS_URL: 'https://bot:secret@leihs.example.org', LEIHS_TOKEN: 't' }, /^LEIHS_URL must not contain a user name or password/],
  ])('stops with one line naming the bad variable (%j)', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it('never echoes a secret value in its error', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-test-secret-value' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('secret-value');
    }
  });

  it('takes PORT=0 (a free port, for tests and side-by-side runs) and an optional HOST', () => {
    expect(loadConfig({ PORT: '0', HOST: '127.0.0.1' }).slack).toMatchObject({ port: 0, host: '127.0.0.1' });
    expect(loadConfig({}).slack.host).toBeUndefined();
  });

  it('keeps SLACK_API_URL without its trailing slash (the Web API client adds one)', () => {
    expect(loadConfig({ SLACK_API_URL: 'https://slack-gov.com/api/' }).slack.apiUrl).toBe('https://slack-gov.com/api');
  });

  it('has every variable it reads documented in .env.example, and nothing more', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...envVariableNames].sort());
  });

  it('parses durations with units and bare seconds', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('0')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
  });
});

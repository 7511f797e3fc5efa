import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from '../src/config.js';

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
    [{ LEIHS_URL: 'leihs.example.org', LEIHS_TOKEN: 'x' }, /^LEIHS_URL must/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, /^SLACK_BOT_TOKEN must be a bot token/],
    [{ LEIHS_REQUEST_TTL: 'tomorrow' }, /^LEIHS_REQUEST_TTL must be a duration/],
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
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('secret-value');
    }
  });

  it('parses durations with units and bare seconds', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('0')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
  });
});

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS, startLeihsSimulator, TOKEN_NAMES } from '../../src/sim/leihs/index.js';
import { call, poolId } from './helpers.js';

const CLI = fileURLToPath(new URL('../../src/sim/leihs/cli.ts', import.meta.url));

describe('the leihs-sim CLI', () => {
  it('prints exactly one JSON object {url, tokens} as the first line with --json, and serves', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--json', '--port', '0', '--fault', 'GET /admin/users/=503'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no output within 15 s')), 15_000);
        lines.once('line', (line) => {
          clearTimeout(timer);
          resolve(line);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const printed = JSON.parse(first) as { url: string; tokens: Record<string, string> };
      expect(Object.keys(printed)).toEqual(['url', 'tokens']);
      expect(Object.keys(printed.tokens).sort()).toEqual([...TOKEN_NAMES].sort());
      expect(printed.tokens).toEqual(DEMO_TOKENS);
      const res = await request(`${printed.url}/admin/users/`, { headers: { accept: 'application/json', authorization: `Token ${printed.tokens.admin}` } });
      await res.body.text();
      expect(res.statusCode).toBe(503);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('demo tokens', () => {
  it('are fixed 32-character Base32 strings', () => {
    for (const token of Object.values(DEMO_TOKENS)) expect(token).toMatch(/^[A-Z2-7]{32}$/);
    expect(new Set(Object.values(DEMO_TOKENS)).size).toBe(TOKEN_NAMES.length);
  });
});

describe('determinism', () => {
  it('builds the same data from the same seed and clock', async () => {
    const now = () => new Date('2026-12-04T09:00:00Z');
    const [a, b] = [await startLeihsSimulator({ now }), await startLeihsSimulator({ now })];
    try {
      const ids = (s: typeof a) => s.data.users.map((u) => `${u.id}${u.email}`).join();
      expect(ids(a)).toBe(ids(b));
      const items = (s: typeof a) => s.data.items.map((i) => `${i.inventory_code}${i.model_id}${i.reservation?.end_date}`).join();
      expect(items(a)).toBe(items(b));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('scale', () => {
  it('starts with 50 pools, 20 000 users, 5 000 models and 50 000 items and answers searches', async () => {
    const started = performance.now();
    const sim = await startLeihsSimulator({ pools: 50, users: 20_000, models: 5_000, items: 50_000 });
    const startMs = performance.now() - started;
    try {
      expect(sim.data.items).toHaveLength(50_000);
      const foto = poolId(sim, 'FOTO');
      await call(sim, `/inventory/${foto}/list/?search=tripod&page=1&size=20`, { token: sim.tokens.admin });
      const t0 = performance.now();
      const res = await call(sim, `/inventory/${foto}/list/?search=tripod&type=model&with_items=true&retired=false&page=1&size=20`, { token: sim.tokens.admin });
      const searchMs = performance.now() - t0;
      expect(res.status).toBe(200);
      expect(res.json<{ data: unknown[] }>().data.length).toBeGreaterThan(0);
      const t1 = performance.now();
      const users = await call(sim, '/admin/users/?term=anna.schmid@hdk.example', { token: sim.tokens.admin });
      const userMs = performance.now() - t1;
      expect(users.json<{ users: unknown[] }>().users).toHaveLength(1);
      const t2 = performance.now();
      const people = await call(sim, `/inventory/${foto}/users/?search=meier&page=1&size=20`, { token: sim.tokens.admin });
      const peopleMs = performance.now() - t2;
      expect(people.status).toBe(200);
      console.log(
        `simulator at 50 pools / 20k users / 5k models / 50k items: start ${startMs.toFixed(0)} ms, ` +
          `list search ${searchMs.toFixed(1)} ms, admin email lookup ${userMs.toFixed(1)} ms, inventory people search ${peopleMs.toFixed(1)} ms, ` +
          `heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
      );
    } finally {
      await sim.close();
    }
  });
});

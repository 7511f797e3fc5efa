import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec, startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { call, poolId } from './helpers.js';

let sim: LeihsSimulator;
beforeAll(async () => {
  sim = await startLeihsSimulator({ control: true });
});
afterEach(() => {
  sim.faults.clear();
});
afterAll(async () => {
  await sim.close();
});

describe('fault rules', () => {
  it('answers a matching route with the given status and body', async () => {
    sim.faults.add({ method: 'GET', path: '/admin/groups/', status: 502, body: 'Bad Gateway' });
    const res = await call(sim, '/admin/groups/', { token: sim.tokens.admin });
    expect([res.status, res.text]).toEqual([502, 'Bad Gateway']);
    expect((await call(sim, '/admin/users/?per-page=1', { token: sim.tokens.admin })).status).toBe(200);
  });

  it('matches a glob across path segments and a RegExp', async () => {
    sim.faults.add({ path: '/inventory/*', status: 504 });
    sim.faults.add({ path: /^\/my\//, status: 503 });
    expect((await call(sim, `/inventory/${poolId(sim, 'FOTO')}/list/`, { token: sim.tokens.admin })).status).toBe(504);
    expect((await call(sim, '/my/auth-info', { token: sim.tokens.admin })).status).toBe(503);
  });

  it('delays a response by delayMs', async () => {
    sim.faults.add({ path: '/admin/status', delayMs: 150 });
    const started = performance.now();
    const res = await call(sim, '/admin/status');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('resets the connection', async () => {
    sim.faults.add({ path: '/admin/status', reset: true });
    await expect(call(sim, '/admin/status')).rejects.toThrow();
  });

  it('sends malformed JSON with 200', async () => {
    sim.faults.add({ path: '/admin/users/', malformedJson: true });
    const res = await call(sim, '/admin/users/', { token: sim.tokens.admin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(() => res.json()).toThrow();
  });

  it('serves the SPA HTML with 200 for html', async () => {
    sim.faults.add({ path: '/admin/*', html: true });
    const res = await call(sim, '/admin/users/', { token: sim.tokens.admin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('makes status routes answer 900 with a body that says what is wrong when unhealthy', async () => {
    sim.faults.add({ path: '/*/status', unhealthy: true });
    for (const path of ['/admin/status', '/inventory/status']) {
      const res = await call(sim, path);
      expect(res.status, path).toBe(900);
      const body = res.json<{ memory: Record<string, unknown>; 'health-checks': Record<string, { 'healthy?': boolean; message: string }> }>();
      expect(body.memory['ok?']).toBe(false);
      expect(Object.values(body['health-checks'])[0]?.['healthy?']).toBe(false);
    }
  });

  it('answers like an older instance without the service when notDeployed', async () => {
    sim.faults.add({ path: '/inventory/*', notDeployed: true });
    const res = await call(sim, '/inventory/status');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('applies a rule only `times` times', async () => {
    sim.faults.add({ path: '/admin/status', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(sim, '/admin/status')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('removes one rule by id', async () => {
    const id = sim.faults.add({ path: '/admin/status', status: 503 });
    sim.faults.remove(id);
    expect((await call(sim, '/admin/status')).status).toBe(200);
  });
});

describe('the CLI fault syntax', () => {
  it('parses METHOD PATH=EFFECT forms', () => {
    expect(parseFaultSpec('GET /inventory/*=503')).toEqual({ method: 'GET', path: '/inventory/*', status: 503 });
    expect(parseFaultSpec('/admin/status=900')).toEqual({ path: '/admin/status', unhealthy: true });
    expect(parseFaultSpec('* /admin/*=reset')).toEqual({ path: '/admin/*', reset: true });
    expect(parseFaultSpec('/inventory/*=notDeployed')).toEqual({ path: '/inventory/*', notDeployed: true });
    expect(parseFaultSpec('/admin/*=delay:2000')).toEqual({ path: '/admin/*', delayMs: 2000 });
    expect(parseFaultSpec('/admin/*=html')).toEqual({ path: '/admin/*', html: true });
    expect(parseFaultSpec('nonsense')).toBeUndefined();
  });
});

describe('control endpoints', () => {
  async function control(method: 'POST' | 'DELETE', path: string, body?: unknown) {
    const res = await request(`${sim.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, text };
  }

  it('adds a fault with POST /__sim/faults, removes it by id, and clears all', async () => {
    const added = await control('POST', '/__sim/faults', { path: '/admin/status', status: 503 });
    const { id } = JSON.parse(added.text) as { id: string };
    expect((await call(sim, '/admin/status')).status).toBe(503);
    expect((await control('DELETE', `/__sim/faults/${id}`)).status).toBe(204);
    expect((await call(sim, '/admin/status')).status).toBe(200);
    await control('POST', '/__sim/faults', { path: '/admin/status', status: 503 });
    expect((await control('DELETE', '/__sim/faults')).status).toBe(204);
    expect((await call(sim, '/admin/status')).status).toBe(200);
  });

  it('moves a demo token expiry with POST /__sim/token-expiry', async () => {
    const past = new Date(sim.now().getTime() - 60_000).toISOString();
    expect((await control('POST', '/__sim/token-expiry', { name: 'groupManager', expiresAt: past })).status).toBe(200);
    expect((await call(sim, '/my/auth-info', { token: sim.tokens.groupManager })).status).toBe(401);
  });

  it('treats /__sim/* like any unknown path when control is off', async () => {
    const plain = await startLeihsSimulator();
    try {
      const res = await request(`${plain.url}/__sim/faults`, { method: 'POST', body: '{"path":"/admin/status","status":503}' });
      await res.body.text();
      expect(res.statusCode).toBe(404);
      expect((await call(plain, '/admin/status')).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});

describe('latency', () => {
  it('adds latencyMs to every response', async () => {
    const slow = await startLeihsSimulator({ latencyMs: 120 });
    try {
      const started = performance.now();
      await call(slow, '/admin/status');
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      await slow.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKENS, startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { TOKEN_ERROR } from '../../src/sim/leihs/http.js';
import { call, poolId } from './helpers.js';

let sim: LeihsSimulator;
beforeAll(async () => {
  sim = await startLeihsSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe('admin routes and slashes', () => {
  it('answers 544 text for a collection without its trailing slash, before auth', async () => {
    const res = await call(sim, '/admin/groups');
    expect(res.status).toBe(544);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('No handler for the route /admin/groups');
  });

  it('answers 544 for a single resource with a trailing slash', async () => {
    const res = await call(sim, `/admin/inventory-pools/${poolId(sim, 'FOTO')}/`, { token: sim.tokens.admin });
    expect(res.status).toBe(544);
  });

  it('answers an unsafe unauthenticated request with the CSRF 403 before routing', async () => {
    const res = await call(sim, '/admin/groups', { method: 'POST', body: { name: 'x' } });
    expect(res.status).toBe(403);
    expect(res.text).toBe('The anti-csrf-token cookie value is not set.');
  });

  it('serves the SPA HTML with 200 to */*, no Accept and the axios default', async () => {
    for (const accept of ['*/*', null, 'application/json, text/plain, */*']) {
      const res = await call(sim, '/admin/groups/', { token: sim.tokens.admin, accept });
      expect(res.status, String(accept)).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<!DOCTYPE html>');
    }
  });

  it('serves the my SPA HTML with 200 to */* on GET, even with a valid token', async () => {
    const res = await call(sim, '/my/auth-info', { token: sim.tokens.customer, accept: '*/*' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('gives JSON when json has a higher q than */*', async () => {
    const res = await call(sim, '/admin/groups/', { token: sim.tokens.admin, accept: 'application/json, */*;q=0.5' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('sends Vary: Accept on admin responses', async () => {
    const res = await call(sim, '/admin/groups/', { token: sim.tokens.admin });
    expect(res.headers.vary).toBe('Accept');
  });
});

describe('status routes', () => {
  it('answers /admin/status and /my/status without auth as JSON whatever the Accept', async () => {
    for (const path of ['/admin/status', '/my/status']) {
      const res = await call(sim, path, { accept: '*/*' });
      expect(res.status).toBe(200);
      expect(Object.keys(res.json())).toEqual(['memory', 'db-pool', 'health-checks']);
    }
  });

  it('answers /inventory/status with JSON only for a JSON Accept, else the SPA', async () => {
    expect((await call(sim, '/inventory/status')).json()).toHaveProperty('health-checks');
    const html = await call(sim, '/inventory/status', { accept: '*/*' });
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('authentication', () => {
  it('answers admin without auth with 403 Not authorized, never 401', async () => {
    const res = await call(sim, '/admin/users/');
    expect(res.status).toBe(403);
    expect(res.text).toBe('Not authorized');
  });

  it('ignores a Bearer header: the request is unauthenticated (403 in admin, 401 JSON in inventory)', async () => {
    const authorization = `Bearer ${sim.tokens.admin}`;
    expect((await call(sim, '/admin/users/', { authorization })).status).toBe(403);
    const inv = await call(sim, `/inventory/${poolId(sim, 'FOTO')}/models/`, { authorization });
    expect(inv.status).toBe(401);
    expect(inv.json()).toEqual({ status: 'failure', message: 'Not authenticated' });
  });

  it('accepts the Token prefix in any case', async () => {
    const res = await call(sim, '/admin/users/?per-page=1', { authorization: `TOKEN ${sim.tokens.admin}` });
    expect(res.status).toBe(200);
  });

  it('accepts Basic base64(x:secret) and base64(secret:) in admin, not in my or inventory', async () => {
    for (const pair of [`anything:${sim.tokens.admin}`, `${sim.tokens.admin}:`]) {
      const authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
      expect((await call(sim, '/admin/users/?per-page=1', { authorization })).status).toBe(200);
    }
    const authorization = `Basic ${Buffer.from(`x:${sim.tokens.admin}`).toString('base64')}`;
    expect((await call(sim, '/my/auth-info', { authorization })).status).toBe(401);
    expect((await call(sim, `/inventory/${poolId(sim, 'FOTO')}/models/`, { authorization })).status).toBe(401);
  });

  it('answers expired, disabled-user and unknown tokens with the 401 token text', async () => {
    for (const token of [sim.tokens.expired, sim.tokens.disabledUser, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      for (const path of ['/admin/users/', '/my/auth-info', `/inventory/${poolId(sim, 'FOTO')}/models/`]) {
        const res = await call(sim, path, { token });
        expect(res.status, path).toBe(401);
        expect(res.text).toBe(TOKEN_ERROR);
      }
    }
  });

  it('answers my without auth with 401 Authentication required!', async () => {
    const res = await call(sim, '/my/auth-info');
    expect(res.status).toBe(401);
    expect(res.text).toBe('Authentication required!');
  });

  it('returns the auth entity from /my/auth-info with access-rights and admin scopes AND is_admin', async () => {
    const bot = (await call(sim, '/my/auth-info', { token: sim.tokens.admin })).json<Record<string, unknown>>();
    expect(bot).toMatchObject({ email: 'leihs-bot@hdk.example', 'authentication-method': 'token', scope_admin_read: true, scope_admin_write: true });
    const rights = bot['access-rights'] as { role: string; inventory_pool_id: string }[];
    expect(rights).toHaveLength(4);
    expect(rights.every((r) => r.role === 'inventory_manager')).toBe(true);
    const ruth = (await call(sim, '/my/auth-info', { token: sim.tokens.adminWithoutScopes })).json();
    expect(ruth).toMatchObject({ is_admin: true, scope_admin_read: false, scope_admin_write: false });
  });

  it('answers /my/auth-info/ (with a slash) authenticated with 404 text', async () => {
    const res = await call(sim, '/my/auth-info/', { token: sim.tokens.customer });
    expect(res.status).toBe(404);
    expect(res.text).toBe('There is no handler for this resource and the accepted content type.');
  });

  it('honours a token expiry moved by setTokenExpiry', async () => {
    const other = await startLeihsSimulator();
    try {
      expect((await call(other, '/my/auth-info', { token: DEMO_TOKENS.customer })).status).toBe(200);
      other.setTokenExpiry('customer', new Date(other.now().getTime() - 1000));
      expect((await call(other, '/my/auth-info', { token: DEMO_TOKENS.customer })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

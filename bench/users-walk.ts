/**
 * One walk over every user of a leihs instance through the leihs client, in a fresh process so its
 * memory is its own: `--mode inventory` (the avatar-free inventory users endpoint) or `--mode admin`
 * (the admin users list, which carries a base64 avatar in every row). Prints one JSON line:
 * {rows, bytes, peakRssGrowthMb, ms}. Started by the users scenario; runs with --expose-gc.
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildConnector, Pool } from 'undici';
import { collect, createLeihsClient } from '../src/leihs/index.js';
import { walkInventoryPages } from '../src/leihs/paginate.js';

export const PAGE_SIZE = 100;
const sampleEveryMs = 2;

const { values } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' }, mode: { type: 'string' } } });
const { url, token, mode } = values;
if (!url || !token || (mode !== 'inventory' && mode !== 'admin')) {
  console.error('usage: users-walk.ts --url URL --token TOKEN --mode inventory|admin');
  process.exit(2);
}

// Bytes transferred: what every socket to leihs read, headers included.
const sockets: Socket[] = [];
const connector = buildConnector({});
const dispatcher = new Pool(new URL(url).origin, {
  connections: 1,
  connect: (options, callback) =>
    connector(options, (error, socket) => {
      if (socket) sockets.push(socket as Socket);
      if (error) callback(error, null);
      else callback(null, socket);
    }),
});
const client = createLeihsClient({ baseUrl: url, token, dispatcher });

const pools = await collect(client.admin.pools({ perPage: 100 }));
const pool = pools.find((p) => p.is_active);
if (!pool) throw new Error('no active pool to read users through');

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage.rss();
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, sampleEveryMs);
const bytesBefore = sockets.reduce((sum, s) => sum + s.bytesRead, 0);

let rows = 0;
const started = performance.now();
const walk =
  mode === 'inventory'
    ? walkInventoryPages((paging) => client.inventory.users(pool.id, paging), PAGE_SIZE)
    : client.admin.users({ accountEnabled: 'any', perPage: PAGE_SIZE });
for await (const user of walk) {
  if (user.id) rows++;
  peak = Math.max(peak, process.memoryUsage.rss());
}
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
const bytes = sockets.reduce((sum, s) => sum + s.bytesRead, 0) - bytesBefore;

console.log(JSON.stringify({ rows, bytes, peakRssGrowthMb: (peak - before) / 2 ** 20, ms }));
await client.close();
await dispatcher.close();

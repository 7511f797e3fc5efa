/** The my service (`/my/*`): token only (no Basic), 401 text without auth, `/my/auth-info` as the entity map. */
import { authEntityJson } from './auth.js';
import { isSafeMethod, json, negotiateAdmin, spaHtml, text, type Reply, type RequestContext } from './http.js';

export function handleMy(ctx: RequestContext): Reply {
  if (!isSafeMethod(ctx.method) && !ctx.auth) return text(403, 'The anti-csrf-token cookie value is not set.');
  const accept = negotiateAdmin(ctx.headers.accept);
  if (accept === 'html' && isSafeMethod(ctx.method)) return spaHtml('my');
  if (!ctx.auth) return text(401, 'Authentication required!');
  if (ctx.path === '/my/auth-info' && isSafeMethod(ctx.method) && accept === 'json') return json(200, authEntityJson(ctx.data, ctx.auth));
  return text(404, 'There is no handler for this resource and the accepted content type.');
}

/** Token authentication as leihs-clj-shared does it: `Token <secret>` (any case), optionally Basic, never Bearer. */
import { fail, TOKEN_ERROR, untyped, type AuthEntity } from './http.js';
import { accessRights, type SimData } from './model.js';

/** The secret in an Authorization header, or undefined when the header carries none leihs recognises. */
export function extractSecret(header: string | undefined, allowBasic: boolean): string | undefined {
  if (!header) return undefined;
  const token = /^token\s+(.*)$/i.exec(header);
  if (token) return token[1]?.trim();
  const basic = allowBasic ? /^basic\s+(.*)$/i.exec(header) : null;
  if (basic) {
    const decoded = Buffer.from(basic[1]?.trim() ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const parts = colon < 0 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return parts.filter((p) => p.length > 0).at(-1);
  }
  return undefined;
}

/** Validates a secret: known, `now < expires_at`, user enabled; otherwise the 401 token text. */
export function authenticate(data: SimData, secret: string | undefined, now: Date): AuthEntity | null {
  if (secret === undefined) return null;
  const token = data.index.tokenBySecret.get(secret);
  const user = token ? data.index.userById.get(token.user_id) : undefined;
  if (!token || !user || !(now.getTime() < token.expires_at.getTime()) || !user.account_enabled) {
    fail(untyped(401, TOKEN_ERROR));
  }
  return { user, token };
}

/** admin scopes = token scope AND users.is_admin; writes also need admin_write. */
export function hasAdminScopes(auth: AuthEntity | null, method: string): boolean {
  if (!auth || !auth.user.is_admin || !auth.token.scope_admin_read) return false;
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || auth.token.scope_admin_write;
}

export function hasSystemAdminScopes(auth: AuthEntity | null, method: string): boolean {
  if (!auth || !auth.user.is_system_admin || !auth.token.scope_system_admin_read) return false;
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || auth.token.scope_system_admin_write;
}

/** The authenticated entity as `/my/auth-info` serialises it. */
export function authEntityJson(data: SimData, auth: AuthEntity): Record<string, unknown> {
  const { user, token } = auth;
  return {
    id: user.id,
    user_id: user.id,
    firstname: user.firstname,
    lastname: user.lastname,
    email: user.email,
    is_admin: user.is_admin,
    is_system_admin: user.is_system_admin,
    account_enabled: user.account_enabled,
    scope_read: token.scope_read,
    scope_write: token.scope_write,
    scope_admin_read: token.scope_admin_read && user.is_admin,
    scope_admin_write: token.scope_admin_write && user.is_admin,
    scope_system_admin_read: token.scope_system_admin_read && user.is_system_admin,
    scope_system_admin_write: token.scope_system_admin_write && user.is_system_admin,
    api_token_id: token.id,
    api_token_created_at: token.created_at,
    'authentication-method': 'token',
    'access-rights': accessRights(data, user.id),
  };
}

/** Exact path routing like bidi/reitit: the whole path must match, `/` and no `/` are different routes. */
import type { Reply, RequestContext } from './http.js';

export type Handler = (ctx: RequestContext) => Reply;

export interface Route {
  pattern: RegExp;
  keys: string[];
  authorize: (ctx: RequestContext) => boolean;
  methods: Partial<Record<string, Handler>>;
}

/**
 * `:name` matches bidi's default `[A-Za-z0-9\-_.]+`; `:*name` matches `[^/]+` (user ids may be emails).
 */
export function route(template: string, authorize: Route['authorize'], methods: Route['methods']): Route {
  const keys: string[] = [];
  const source = template.replace(/:(\*?)([a-z]+)/g, (_, any: string, key: string) => {
    keys.push(key);
    return any ? '([^/]+)' : '([A-Za-z0-9\\-_.]+)';
  });
  return { pattern: new RegExp(`^${source}$`), keys, authorize, methods };
}

export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    candidate.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { route: candidate, params };
  }
  return undefined;
}

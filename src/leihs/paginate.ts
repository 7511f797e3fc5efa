/**
 * leihs's two ways of paging.
 * Admin: `page` from 1 (page 0 is a PostgreSQL 409 in leihs, so it is never sent) and `per-page`
 * 1..1000, no totals: walk until a page comes back shorter than asked.
 * Inventory: `page`/`size`, answered as `{data, pagination: {total_rows, total_pages, page, size}}`.
 */
import type { InventoryPage } from './schemas.js';

export const adminMaxPerPage = 1000;
/** The admin users list carries an avatar in every row (Corrections 7): read it in small pages. */
export const adminUsersMaxPerPage = 100;

export interface AdminPaging {
  /** Rows per request; clamped to 1..max. */
  perPage?: number;
  /** First page to read (≥ 1). */
  startPage?: number;
  /** Stop after this many rows in total. */
  limit?: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** Walks admin pages as an async iterator; stops at a short (or over-long) page, an empty page or `limit`. */
export async function* walkAdminPages<T>(
  fetchPage: (page: number, perPage: number) => Promise<T[]>,
  paging: AdminPaging & { defaultPerPage: number; maxPerPage?: number },
): AsyncGenerator<T, void, undefined> {
  const perPage = clamp(paging.perPage ?? paging.defaultPerPage, 1, paging.maxPerPage ?? adminMaxPerPage);
  let remaining = paging.limit ?? Number.POSITIVE_INFINITY;
  for (let page = Math.max(1, Math.trunc(paging.startPage ?? 1)); remaining > 0; page++) {
    const rows = await fetchPage(page, perPage);
    for (const row of rows) {
      if (remaining <= 0) return;
      remaining--;
      yield row;
    }
    // A short page is the last; a page longer than asked means paging was ignored: also the last.
    if (rows.length !== perPage) return;
  }
}

/** Collects an async iterable into an array (optionally only the first `limit`). */
export async function collect<T>(rows: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const row of rows) {
    out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

export interface InventoryPaging {
  /** 1-based; values below 1 become 1. */
  page?: number;
  /** Rows per page; values below 1 become the default. */
  size?: number;
}

export const inventoryDefaultSize = 25;

/** The `page`/`size` query for inventory; always both, so leihs answers with totals. */
export function inventoryPageQuery(paging: InventoryPaging = {}, defaultSize = inventoryDefaultSize): { page: number; size: number } {
  const page = Math.max(1, Math.trunc(paging.page ?? 1));
  const size = paging.size !== undefined && paging.size >= 1 ? Math.trunc(paging.size) : defaultSize;
  return { page, size };
}

/** Walks inventory pages until the last one (by total_pages, or a short page). */
export async function* walkInventoryPages<T>(
  fetchPage: (paging: { page: number; size: number }) => Promise<InventoryPage<T>>,
  size = inventoryDefaultSize,
): AsyncGenerator<T, void, undefined> {
  for (let page = 1; ; page++) {
    const result = await fetchPage({ page, size });
    yield* result.data;
    if (page >= result.pagination.total_pages || result.data.length < size) return;
  }
}

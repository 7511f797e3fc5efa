/**
 * Runs one store test suite against both engines. SQLite gets a fresh temporary directory per
 * location; PostgreSQL (from TEST_DATABASE_URL) a fresh schema per location, dropped afterwards.
 * Without a reachable PostgreSQL its suite is registered as skipped, with the reason in its name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Clock } from '../../src/clock.js';
import { openStore } from '../../src/store/index.js';
import { sqliteFileName } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

/** One place data lives; `open` may be called more than once (a restart opens the same place). */
export interface StoreLocation {
  open(clock?: Clock): Promise<Store>;
  /** Runs SQL outside the store's API, as an operator at the database would. */
  rawExec(sql: string): Promise<void>;
  rawQuery(sql: string): Promise<Record<string, unknown>[]>;
}

export interface Engine {
  name: 'SQLite' | 'PostgreSQL';
  /** Why this engine's suite is skipped, or undefined when it runs. */
  skipReason?: string;
  newLocation(): StoreLocation;
  /** Removes everything the locations created. */
  cleanUp(): Promise<void>;
}

/** TEST_DATABASE_URL, or the local PostgreSQL that CI and developer machines run (trust auth, database test). */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** undefined when PostgreSQL answers at testDatabaseUrl, else why not (for the skip name). */
export async function postgresSkipReason(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch {
    return `no PostgreSQL at ${testDatabaseUrl.replace(/\/\/[^@/]*@/, '//')}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function sqliteEngine(): Engine {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    newLocation() {
      const dataDir = mkdtempSync(join(tmpdir(), 'leihs-slack-store-'));
      dirs.push(dataDir);
      const withDb = <T>(use: (db: Database.Database) => T): T => {
        const db = new Database(join(dataDir, sqliteFileName));
        try {
          return use(db);
        } finally {
          db.close();
        }
      };
      return {
        open: (clock) => openStore({ dataDir }, clock ? { clock } : {}),
        rawExec: async (sql) => withDb((db) => void db.exec(sql)),
        rawQuery: async (sql) => withDb((db) => db.prepare(sql).all() as Record<string, unknown>[]),
      };
    },
    async cleanUp() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresEngine(skipReason: string | undefined): Engine {
  const schemas: string[] = [];
  const databaseUrl = testDatabaseUrl ?? '';
  const withClient = async <T>(schema: string | undefined, use: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: databaseUrl, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    skipReason,
    newLocation() {
      const schema = `test_store_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return {
        open: (clock) => openStore({ dataDir: '', databaseUrl }, clock ? { clock, schema } : { schema }),
        rawExec: (sql) => withClient(schema, async (client) => void (await client.query(sql))),
        rawQuery: (sql) => withClient(schema, async (client) => (await client.query(sql)).rows as Record<string, unknown>[]),
      };
    },
    async cleanUp() {
      const dropping = schemas.splice(0);
      if (dropping.length === 0 || skipReason) return;
      await withClient(undefined, async (client) => {
        for (const schema of dropping) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      });
    },
  };
}

/** Both engines: SQLite always, PostgreSQL when reachable (else marked skipped with the reason). */
export async function engines(): Promise<Engine[]> {
  return [sqliteEngine(), postgresEngine(await postgresSkipReason())];
}

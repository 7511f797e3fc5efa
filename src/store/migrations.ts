/**
 * Versioned schema migrations, run at open for both engines. Append new versions at the end; never
 * edit one that has shipped. Each engine records applied versions in `schema_migrations`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'requests, audit events, monitor state, locks',
    sql: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        params TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','executing','approved','rejected','failed','expired')),
        requester_slack_user_id TEXT NOT NULL,
        requester_email TEXT,
        requester_leihs_user_id TEXT,
        request_channel TEXT,
        approval_channel TEXT,
        approval_message_ts TEXT,
        decider_slack_user_id TEXT,
        decider_email TEXT,
        decider_leihs_user_id TEXT,
        outcome TEXT,
        reason TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        decided_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX requests_status_updated ON requests (status, updated_at);

      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL,
        actor_slack_user_id TEXT NOT NULL,
        actor_email TEXT,
        actor_leihs_user_id TEXT,
        requester_slack_user_id TEXT NOT NULL,
        requester_email TEXT,
        requester_leihs_user_id TEXT,
        leihs_response TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX audit_events_request ON audit_events (request_id, seq);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

      CREATE TABLE monitor_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE locks (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
];

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'requests, audit events, monitor state, locks',
    sql: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        params JSONB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','executing','approved','rejected','failed','expired')),
        requester_slack_user_id TEXT NOT NULL,
        requester_email TEXT,
        requester_leihs_user_id TEXT,
        request_channel TEXT,
        approval_channel TEXT,
        approval_message_ts TEXT,
        decider_slack_user_id TEXT,
        decider_email TEXT,
        decider_leihs_user_id TEXT,
        outcome JSONB,
        reason TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        decided_at TIMESTAMPTZ,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX requests_status_updated ON requests (status, updated_at);

      CREATE TABLE audit_events (
        seq BIGSERIAL PRIMARY KEY,
        request_id TEXT NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL,
        actor_slack_user_id TEXT NOT NULL,
        actor_email TEXT,
        actor_leihs_user_id TEXT,
        requester_slack_user_id TEXT NOT NULL,
        requester_email TEXT,
        requester_leihs_user_id TEXT,
        leihs_response JSONB,
        at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX audit_events_request ON audit_events (request_id, seq);
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$;
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

      CREATE TABLE monitor_state (
        key TEXT PRIMARY KEY,
        value JSONB NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );

      CREATE TABLE locks (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
];

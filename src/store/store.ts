/**
 * The store: the only state that outlives a request (design rule 5). One interface, two engines:
 * SQLite (embedded default, one process) and PostgreSQL (several replicas share it).
 *
 * Requests move pending → executing → approved | rejected | failed | expired only by compare-and-set
 * (`transition`), so a double click or two replicas can never run a change twice. Audit events are
 * append-only: there is no API to change or remove one, and both engines refuse it with a trigger.
 */

export type RequestStatus = 'pending' | 'executing' | 'approved' | 'rejected' | 'failed' | 'expired';

export const requestStatuses: readonly RequestStatus[] = ['pending', 'executing', 'approved', 'rejected', 'failed', 'expired'];

/** Statuses a request never leaves. */
export const finalStatuses: readonly RequestStatus[] = ['approved', 'rejected', 'expired'];

/** A person as the approval flow knows them: the signed Slack user id plus what identity resolved. */
export interface Person {
  slackUserId: string;
  email?: string;
  leihsUserId?: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface NewRequest {
  /** What would change, e.g. `group_create`; the service owns the vocabulary. */
  action: string;
  /** The exact change (names, ids, counts shown to the approver), as JSON. */
  params: JsonValue;
  requester: Person;
  /** The channel the request was made in, when there was one. */
  requestChannel?: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface StoredRequest extends NewRequest {
  /** Short opaque id; the only thing an Approve button carries. */
  id: string;
  status: RequestStatus;
  approvalChannel?: string;
  approvalMessageTs?: string;
  decider?: Person;
  decidedAt?: Date;
  /** What leihs answered on success, e.g. `{ groupId }`. */
  outcome?: JsonValue;
  /** leihs's reason on failure, in plain words. */
  reason?: string;
  updatedAt: Date;
}

/** Fields a transition may set along with the status. `undefined` leaves a field as it is. */
export interface RequestPatch {
  decider?: Person;
  decidedAt?: Date;
  outcome?: JsonValue;
  reason?: string | null;
  updatedAt: Date;
}

export interface TransitionOptions {
  /** Only move the request when it has not expired at this time (`expiresAt > unexpiredAt`). */
  unexpiredAt?: Date;
}

export interface ListRequestsQuery {
  statuses?: readonly RequestStatus[];
  /** Only requests with `expiresAt <= expiredBy` (for the expiry sweeper). */
  expiredBy?: Date;
  limit: number;
}

export interface NewAuditEvent {
  requestId: string;
  /** The request's action, e.g. `group_create`. */
  action: string;
  /** What happened: requested, approved, rejected, failed, expired, denied, retried… */
  outcome: string;
  /** Who did it (the requester for `requested`, the clicker otherwise). */
  actor: Person;
  requester: Person;
  /** What leihs answered (status and body summary, or the error sentence), when it was called. */
  leihsResponse?: JsonValue;
  at: Date;
}

export interface AuditEvent extends NewAuditEvent {
  /** Increasing with insertion order. */
  seq: number;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  /** Resolves when the database answers; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;

  createRequest(request: NewRequest): Promise<StoredRequest>;
  getRequest(id: string): Promise<StoredRequest | undefined>;
  /** Records where the approval message was posted. */
  setApprovalMessage(id: string, channel: string, messageTs: string): Promise<void>;
  /**
   * Compare-and-set: moves the request from one of `from` to `to` and applies `patch`, in one atomic
   * step. Returns the updated request for the one caller that won, `undefined` for everybody else.
   */
  transition(
    id: string,
    from: RequestStatus | readonly RequestStatus[],
    to: RequestStatus,
    patch: RequestPatch,
    options?: TransitionOptions,
  ): Promise<StoredRequest | undefined>;
  /** Newest first (by last change). */
  listRequests(query: ListRequestsQuery): Promise<StoredRequest[]>;
  /** How many requests are in one of `statuses`. */
  countRequests(statuses: readonly RequestStatus[]): Promise<number>;

  appendAudit(event: NewAuditEvent): Promise<AuditEvent>;
  /** Oldest first. */
  listAudit(query: { requestId?: string; limit: number }): Promise<AuditEvent[]>;

  getMonitorState(key: string): Promise<JsonValue | undefined>;
  putMonitorState(key: string, value: JsonValue): Promise<void>;

  /** Takes or renews a lease; true when `holderId` holds `name` for the next `ttlMs`. */
  tryAcquireLock(name: string, holderId: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holderId` holds it. */
  releaseLock(name: string, holderId: string): Promise<void>;
}

const idAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A short opaque request id such as `R7K3QX9AM2`: 45 random bits, no look-alike characters. */
export function newRequestId(random: (size: number) => Uint8Array): string {
  const bytes = random(9);
  let id = 'R';
  for (const byte of bytes) id += idAlphabet[byte % idAlphabet.length];
  return id;
}

export function asStatusList(from: RequestStatus | readonly RequestStatus[]): readonly RequestStatus[] {
  return typeof from === 'string' ? [from] : from;
}

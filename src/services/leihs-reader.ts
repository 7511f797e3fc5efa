/**
 * What the read side needs from leihs, in plain data. leihs-reader-client.ts implements it with the
 * leihs client; service tests use small fakes. Failures are LeihsErrors from the client.
 */
export type PoolRole = 'customer' | 'group_manager' | 'lending_manager' | 'inventory_manager';

export const roleRank: Record<PoolRole, number> = { customer: 0, group_manager: 1, lending_manager: 2, inventory_manager: 3 };

/** Roles that may read a pool's inventory list and items (leihs-api.md §8, §11). */
export const searchRoles: ReadonlySet<PoolRole> = new Set(['group_manager', 'lending_manager', 'inventory_manager']);
/**
 * Roles that manage a pool: they may search its people (inventory users endpoint), and holding one in
 * some pool is what leihs's groups endpoints ask of a non-admin (who may approve a group change).
 */
export const managerRoles: ReadonlySet<PoolRole> = new Set(['lending_manager', 'inventory_manager']);

export interface AccessRight {
  poolId: string;
  role: PoolRole;
}

export interface AuthInfo {
  userId: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  login?: string;
  isAdmin: boolean;
  isSystemAdmin: boolean;
  scopes: { read: boolean; write: boolean; adminRead: boolean; adminWrite: boolean };
  accessRights: AccessRight[];
}

export interface PoolSummary {
  id: string;
  name: string;
  shortname?: string;
  isActive: boolean;
}

export interface PoolDetail extends PoolSummary {
  email?: string;
  description?: string;
  contact?: string;
}

export interface Person {
  id: string;
  firstname?: string;
  lastname?: string;
  login?: string;
  email?: string;
  accountEnabled: boolean;
}

export interface LeihsUser extends Person {
  isAdmin?: boolean;
}

export interface PoolPerson extends Person {
  role: PoolRole;
}

export interface UserPoolRole {
  poolId: string;
  poolName?: string;
  role: PoolRole;
}

export interface ModelRow {
  id: string;
  name: string;
  manufacturer?: string;
  borrowable: number;
  inStock: number;
  items: number;
}

export interface ItemRow {
  id: string;
  inventoryCode: string;
  modelId?: string;
  modelName?: string;
  ownerPoolId?: string;
  responsiblePoolId?: string;
  responsiblePoolName?: string;
  buildingName?: string;
  buildingCode?: string;
  roomName?: string;
  shelf?: string;
  isBorrowable: boolean;
  isBroken: boolean;
  isIncomplete: boolean;
  retired: boolean;
  /** The current (unreturned) reservation: who has it and until when (YYYY-MM-DD). */
  reservation?: { userName?: string; endDate?: string };
}

export interface GroupSummary {
  id: string;
  name: string;
  organization?: string;
  memberCount?: number;
}

export interface GroupDetail extends GroupSummary {
  description?: string;
}

export interface CategoryNode {
  id: string;
  name: string;
  modelsCount?: number;
  children: CategoryNode[];
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface PageRequest {
  page: number;
  size: number;
}

export interface LeihsReader {
  authInfo(): Promise<AuthInfo>;
  /** Reads `/inventory/status` once; rejects with a LeihsError (reason inventory_not_deployed on an older leihs). */
  inventoryStatus(): Promise<void>;
  listPools(): Promise<PoolSummary[]>;
  getPool(poolId: string): Promise<PoolDetail | undefined>;
  listPoolManagers(poolId: string, limit: number): Promise<PoolPerson[]>;
  searchModels(poolId: string, words: string, page: PageRequest): Promise<Page<ModelRow>>;
  /** `retired: false` leaves retired items out; without it leihs lists them too. */
  searchItems(poolId: string, query: { search?: string; modelId?: string; retired?: boolean }, page: PageRequest): Promise<Page<ItemRow>>;
  searchPeople(poolId: string, words: string, page: PageRequest): Promise<Page<Person>>;
  /** Exact, case-insensitive email match through the admin users list. */
  findUserByEmail(email: string): Promise<LeihsUser | undefined>;
  /** The user's effective role in each active pool where they have one. */
  userPoolRoles(user: { id: string; email?: string }, pools: PoolSummary[]): Promise<UserPoolRole[]>;
  listGroups(term: string, limit: number): Promise<GroupSummary[]>;
  getGroup(groupId: string): Promise<GroupDetail | undefined>;
  listGroupMembers(groupId: string, limit: number): Promise<Person[]>;
  categoryTree(): Promise<CategoryNode[]>;
}

/** How a person is named in every answer: first and last name, else login, else email. leihs rows may carry nulls. */
export function personName(p: { firstname?: string | null; lastname?: string | null; login?: string | null; email?: string | null }): string {
  const name = [p.firstname, p.lastname].filter(Boolean).join(' ').trim();
  return name || p.login || p.email || '?';
}

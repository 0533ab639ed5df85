import type { Clock } from '../../platform/clock.js';
import { invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { isPhoneRegion } from '../../common/identifiers.js';
import type { WorkspaceRow, WorkspacesRepo } from './workspaces.repo.js';
import { reason } from '../../platform/reasons.js';
import { createForbidden } from './workspaces.errors.js';

/** A workspace (one brand or shop) as the API shows it. */
export interface Workspace {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  phoneRegion: string;
  createdAt: number;
}

/** Fields a workspace is created or edited with. */
export interface WorkspaceInput {
  name: string;
  timezone?: string;
  currency?: string;
  phoneRegion?: string;
}

/** Creates, reads and edits workspaces. */
export class WorkspacesService {
  // Workspace settings are read on every ingested event; they change rarely, so keep them in memory.
  private readonly cache = new Map<string, Workspace>();

  constructor(
    private readonly repo: WorkspacesRepo,
    private readonly clock: Clock,
  ) {}

  /** Creates a workspace with defaults: Europe/Moscow, RUB, phone region RU. */
  async create(input: WorkspaceInput): Promise<Workspace> {
    const now = this.clock.now();
    const row: WorkspaceRow = {
      id: newId('ws', 9),
      name: checkName(input.name),
      timezone: checkTimezone(input.timezone ?? 'Europe/Moscow'),
      currency: checkCurrency(input.currency ?? 'RUB'),
      phone_region: checkRegion(input.phoneRegion ?? 'RU'),
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    return toWorkspace(row);
  }

  /** One workspace; throws not_found when it does not exist. */
  async get(id: string): Promise<Workspace> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = await this.repo.get(id);
    if (!row) throw notFound('Workspace');
    const workspace = toWorkspace(row);
    this.cache.set(id, workspace);
    return workspace;
  }

  /** Edits a workspace's settings. */
  async update(id: string, input: Partial<WorkspaceInput>): Promise<Workspace> {
    await this.get(id);
    await this.repo.update(id, {
      ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
      ...(input.timezone !== undefined ? { timezone: checkTimezone(input.timezone) } : {}),
      ...(input.currency !== undefined ? { currency: checkCurrency(input.currency) } : {}),
      ...(input.phoneRegion !== undefined ? { phone_region: checkRegion(input.phoneRegion) } : {}),
      updated_at: this.clock.now(),
    });
    this.cache.delete(id);
    return this.get(id);
  }

  /** Workspaces a user belongs to, with their role in each. */
  async listForUser(userId: string): Promise<(Workspace & { role: string })[]> {
    const rows = await this.repo.listForUser(userId);
    return rows.map((r) => ({ ...toWorkspace(r), role: r.role }));
  }

  /**
   * Refuses a user who may not create workspaces: only an owner of some workspace may, or anyone
   * while the installation has none (then the only account is the first start's owner).
   * See docs/decisions.md, "Who creates workspaces".
   */
  async checkMayCreate(userId: string): Promise<void> {
    if (await this.repo.ownsAny(userId)) return;
    if (!(await this.repo.anyWorkspace())) return;
    throw createForbidden();
  }

  /** Every workspace of the installation. */
  async listAll(): Promise<Workspace[]> {
    return (await this.repo.listAll()).map(toWorkspace);
  }
}

function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    currency: row.currency,
    phoneRegion: row.phone_region,
    createdAt: row.created_at,
  };
}

function checkName(name: string): string {
  const value = name.trim();
  if (!value) throw invalid('name', reason('must_not_be_empty', {}));
  if (value.length > 100) throw invalid('name', reason('too_long', { max: 100 }));
  return value;
}

function checkTimezone(tz: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw invalid('timezone', reason('timezone_invalid', { value: tz }));
  }
}

function checkCurrency(code: string): string {
  const value = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(value) || !Intl.supportedValuesOf('currency').includes(value)) {
    throw invalid('currency', reason('currency_invalid', { value: code }));
  }
  return value;
}

function checkRegion(region: string): string {
  const value = region.trim().toUpperCase();
  if (!isPhoneRegion(value)) throw invalid('phoneRegion', reason('region_invalid', { value: region }));
  return value;
}


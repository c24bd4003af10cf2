import { SANDBOX_TENANT_ID, type TenantProfile, type TenantsFile } from '../../../shared/domain/tenant';
import { AppError } from '../errors';
import type { TenantRecorder } from './events';
import type { TenantStore } from './store';

export interface LaunchChoice {
  /** A tenant's id or name (names ignore case); the last used tenant when absent. */
  tenant?: string;
  /** Open that tenant read-only for the session. */
  readOnly?: boolean;
}

export function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0 || trimmed.length > 120)
    throw new AppError('INVALID_INPUT', 'Give the tenant a name of 1 to 120 characters.');
  return trimmed;
}

/**
 * The tenants file as the session sees it: loaded once (a file that cannot be used is a notice and
 * a fresh list), the tenant open now (from the last used one, or the launch options), and the
 * tenants opened read-only for this session only.
 */
export function createProfiles(deps: {
  store: TenantStore;
  launch?: LaunchChoice;
  record: TenantRecorder;
  /** Called when a profile changes: its clients are rebuilt with the new profile. */
  onChanged: (id: string) => void;
}) {
  let state: TenantsFile | undefined;
  let notice: string | null = null;
  const sessionReadOnly = new Set<string>();
  let activeId: string | null = null;
  const record = deps.record;

  async function data(): Promise<TenantsFile> {
    if (!state) {
      // Loaded once: a file that cannot be used is a notice and a fresh list (see store.load).
      const loaded = await deps.store.load();
      state = loaded.file;
      notice = loaded.notice;
      activeId = state.tenants.some((t) => t.id === state?.lastUsedId) ? state.lastUsedId : SANDBOX_TENANT_ID;
      await applyLaunchChoice(state);
    }
    return state;
  }

  /** The launch options pick the first tenant without changing the last used one on disk. */
  async function applyLaunchChoice(file: TenantsFile): Promise<void> {
    const choice = deps.launch;
    if (!choice) return;
    if (choice.tenant !== undefined) {
      const wanted = choice.tenant.trim().toLowerCase();
      const found =
        file.tenants.find((t) => t.id === choice.tenant) ?? file.tenants.find((t) => t.name.toLowerCase() === wanted);
      if (found) activeId = found.id;
      else {
        const fallback = file.tenants.find((t) => t.id === activeId)?.name ?? 'the last used tenant';
        notice = [
          notice,
          `No tenant has the name or id "${choice.tenant}" (from --tenant): ${fallback} is open instead.`,
        ]
          .filter(Boolean)
          .join(' ');
      }
    }
    const opened = file.tenants.find((t) => t.id === activeId);
    if (choice.readOnly && opened) {
      sessionReadOnly.add(opened.id);
      await record('tenant.openedReadOnly', opened, { detail: { from: 'launch option' } });
    }
  }

  async function commit(next: TenantsFile): Promise<void> {
    await deps.store.save(next);
    state = next;
  }

  async function profile(id: string): Promise<TenantProfile> {
    const found = (await data()).tenants.find((t) => t.id === id);
    if (!found) throw new AppError('TENANT_NOT_FOUND');
    return found;
  }

  async function replaceProfile(next: TenantProfile): Promise<void> {
    const file = await data();
    await commit({ ...file, tenants: file.tenants.map((t) => (t.id === next.id ? next : t)) });
    deps.onChanged(next.id);
  }

  function effectiveReadOnly(tenant: TenantProfile): boolean {
    return tenant.readOnly || sessionReadOnly.has(tenant.id);
  }

  return {
    data,
    commit,
    profile,
    replaceProfile,
    effectiveReadOnly,
    sessionReadOnly,
    notice: () => notice,
    activeId: () => activeId,
    setActiveId: (id: string | null) => {
      activeId = id;
    },
  };
}

export type Profiles = ReturnType<typeof createProfiles>;

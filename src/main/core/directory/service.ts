import { sameUserName } from '../scim/filter';
import type { Directory, GroupRow, MemberDetail, MemberRow } from '../../../shared/domain/directory';
import type { Group, Member } from '../../../shared/domain/scim';
import type { AuditService } from '../audit/service';
import type { Dialogs } from '../deps';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import { pathSegment } from '../scim/client';
import type { EvidenceSealing } from '../evidence/manifest';
import { exportMembers } from './export';
import { listingNotice } from './listing-notice';
import { curlFor, toGroupRow, toMemberRow } from './rows';
import { DIRECTORY_ROWS_MAX } from '../../../shared/ipc/contract';
import type { TenantService } from '../tenants/service';
import { createSnapshots, type Snapshots } from './snapshots';
import { withBefore } from '../scim/audited';

/** Members sent in one PATCH when a selection is assigned to a group. */
export const ADD_MEMBERS_CHUNK = 100;
/** Member rows gathered before a `directory.rows` event is sent (below the contract's limit). */
const ROWS_BATCH = 5_000;

export interface DirectoryDeps {
  /** How exports are sealed (manifest and signature); unsigned without it. */
  evidence?: EvidenceSealing;
  tenants: TenantService;
  events: CoreEvents;
  audit: AuditService;
  dialogs: Dialogs;
  now: () => Date;
  log: Logger;
  /** The listing kept per tenant, when it is shared (the audit names targets from it). */
  snapshots?: Snapshots;
}

/**
 * Members and groups of a tenant, as the console shows them: one listing of both (joined, so a
 * member's groups are right whichever side the server fills in), and every single-member and
 * group action, each read back by the SCIM client and mirrored into the last listing kept here
 * for exports.
 */
export function createDirectoryService(deps: DirectoryDeps) {
  const kept = deps.snapshots ?? createSnapshots();
  const { rememberMember, rememberGroup, beforeOf } = kept;
  const loads = new Map<string, AbortController>();

  /** A member in full, as the detail panel shows it; its row is remembered for exports. */
  async function detailOf(tenantId: string, member: Member): Promise<MemberDetail> {
    const { tenantUrl } = await deps.tenants.auditContext(tenantId);
    const url = `${tenantUrl.replace(/\/+$/, '')}/Users/${pathSegment(member.id)}`;
    return { member, row: rememberMember(tenantId, member), curl: curlFor(url) };
  }

  function progress(taskId: string, label: string, done: number, total: number | null, finished: boolean): void {
    deps.events.emit('task.progress', { taskId, label, done, total, finished });
  }

  return {
    /**
     * Lists every member and group of the tenant, reporting members loaded / total as pages
     * arrive. A newer load of the same tenant cancels the older one.
     */
    async load(tenantId: string, taskId: string): Promise<Directory> {
      loads.get(tenantId)?.abort();
      const controller = new AbortController();
      loads.set(tenantId, controller);
      const client = await deps.tenants.clientFor(tenantId);
      const label = 'Loading members';
      progress(taskId, label, 0, null, false);
      let lastSent = 0;
      // Rows are sent in batches as pages arrive; the answer still carries the whole, joined list.
      let batch: MemberRow[] = [];
      const streamed = new Map<string, MemberRow>();
      let batchStarted = 0;
      // One page may hold far more rows than an event may carry: send them in slices.
      const flush = () => {
        for (let i = 0; i < batch.length; i += DIRECTORY_ROWS_MAX) {
          deps.events.emit('directory.rows', { taskId, rows: batch.slice(i, i + DIRECTORY_ROWS_MAX) });
        }
        batch = [];
      };
      try {
        const [users, groups] = await Promise.all([
          client.listUsers({
            signal: controller.signal,
            onItems: (items) => {
              if (batch.length === 0) batchStarted = Date.now();
              for (const item of items) {
                const row = toMemberRow(item);
                streamed.set(row.id, row);
                batch.push(row);
              }
              if (batch.length >= ROWS_BATCH || Date.now() - batchStarted > 250) flush();
            },
            onProgress: (loaded, total) => {
              // At most ~100 events for any tenant size: enough for a smooth bar, cheap over IPC.
              const step = Math.max(100, Math.floor((total ?? 10_000) / 100));
              if (loaded - lastSent >= step || loaded === total) {
                lastSent = loaded;
                progress(taskId, label, loaded, total, false);
              }
            },
          }),
          client.listGroups({ signal: controller.signal }),
        ]);
        flush();
        const groupRows = groups.items.map(toGroupRow);
        const byMember = new Map<string, string[]>();
        for (const g of groupRows) {
          for (const id of g.memberIds) {
            const list = byMember.get(id);
            if (list) list.push(g.id);
            else byMember.set(id, [g.id]);
          }
        }
        // The rows already made for streaming, with the groups that list each member added.
        const members = users.items.map((u) => {
          const row = streamed.get(u.id) ?? toMemberRow(u);
          const listed = byMember.get(u.id);
          return listed ? { ...row, groupIds: [...new Set([...row.groupIds, ...listed])] } : row;
        });
        kept.replace(tenantId, members, groupRows);
        progress(taskId, label, members.length, members.length, true);
        return {
          members,
          groups: groupRows,
          truncated: users.truncated || groups.truncated,
          skipped: users.skipped + groups.skipped,
          notice: listingNotice(users, groups),
          announcedMembers: users.total,
          loadedAt: deps.now().toISOString(),
        };
      } catch (error) {
        progress(taskId, label, lastSent, null, true);
        throw error;
      } finally {
        if (loads.get(tenantId) === controller) loads.delete(tenantId);
      }
    },

    /**
     * One member in full, with the raw resource the server sent (secrets scrubbed), and the curl
     * command that reads it, with the token left as $SCIM_TOKEN.
     */
    async member(tenantId: string, memberId: string): Promise<MemberDetail> {
      return detailOf(tenantId, await (await deps.tenants.clientFor(tenantId)).getUser(memberId));
    },

    async provision(
      tenantId: string,
      input: { userName: string; givenName: string; familyName: string },
    ): Promise<{ member: MemberRow; outcome: 'created' | 'existing' }> {
      const client = await deps.tenants.clientFor(tenantId);
      // The listing is compared ignoring case: a server whose filter compares case-exactly would miss the member.
      let listedId: string | null = null;
      for (const m of kept.of(tenantId).members.values()) if (sameUserName(m.userName, input.userName)) listedId = m.id;
      const result = await client.createUser(input, { listedId });
      return { member: rememberMember(tenantId, result.member), outcome: result.outcome };
    },

    /** The member as main read it back after the change: the detail panel shows it without asking again. */
    async setActive(tenantId: string, memberId: string, active: boolean): Promise<MemberDetail> {
      const client = await deps.tenants.clientFor(tenantId);
      const before = beforeOf(tenantId, { type: 'setActive', userName: '', userId: memberId, active });
      return detailOf(tenantId, await withBefore(before, () => client.setActive(memberId, active)));
    },

    async remove(tenantId: string, memberId: string): Promise<void> {
      const client = await deps.tenants.clientFor(tenantId);
      const before = beforeOf(tenantId, { type: 'delete', userName: '', userId: memberId });
      await withBefore(before, () => client.deleteUser(memberId));
      kept.forgetMember(tenantId, memberId);
    },

    async createGroup(tenantId: string, displayName: string): Promise<GroupRow> {
      const group = await (await deps.tenants.clientFor(tenantId)).createGroup(displayName);
      return rememberGroup(tenantId, group);
    },

    async renameGroup(tenantId: string, groupId: string, displayName: string): Promise<GroupRow> {
      const group = await (await deps.tenants.clientFor(tenantId)).renameGroup(groupId, displayName);
      return rememberGroup(tenantId, group);
    },

    async deleteGroup(tenantId: string, groupId: string): Promise<void> {
      await (await deps.tenants.clientFor(tenantId)).deleteGroup(groupId);
      kept.forgetGroup(tenantId, groupId);
    },

    /**
     * Adds members to a group, ADD_MEMBERS_CHUNK per PATCH, each chunk audited and read back.
     * Members already in the group are skipped; progress is reported per chunk.
     */
    async addMembers(tenantId: string, groupId: string, memberIds: string[], taskId: string | null): Promise<GroupRow> {
      const client = await deps.tenants.clientFor(tenantId);
      // Who is in the group already, read now (the cheapest read the server supports): the listing
      // kept here may predate a job, and a member left out as "already in" would be a silent no-op.
      const wanted = [...new Set(memberIds)];
      const presence = await client.membershipOf(groupId, wanted, 'add');
      const todo = wanted.filter((id) => presence.get(id) !== true);
      const label = 'Adding members to the group';
      let group: Group | null = null;
      if (todo.length === 0) group = await client.getGroup(groupId);
      for (let i = 0; i < todo.length; i += ADD_MEMBERS_CHUNK) {
        if (taskId) progress(taskId, label, i, todo.length, false);
        // Each was not in the group (the ones that were are left out above): what an undo restores.
        group = await withBefore({ member: false }, () =>
          client.addMembers(groupId, todo.slice(i, i + ADD_MEMBERS_CHUNK)),
        );
        rememberGroup(tenantId, group);
      }
      if (taskId) progress(taskId, label, todo.length, todo.length, true);
      return rememberGroup(tenantId, group!);
    },

    async removeMember(tenantId: string, groupId: string, memberId: string): Promise<GroupRow> {
      const client = await deps.tenants.clientFor(tenantId);
      const before = beforeOf(tenantId, {
        type: 'removeFromGroup',
        userName: '',
        userId: memberId,
        groupId,
        groupName: '',
      });
      const group = await withBefore(before, () => client.removeMember(groupId, memberId));
      return rememberGroup(tenantId, group);
    },

    /** The last listing as kept here (every change since mirrored in): what bulk jobs change from. */
    state: kept.state,
    exportMembers: (tenantId: string, memberIds: string[], format: 'csv' | 'json') =>
      exportMembers(deps, kept.peek(tenantId), tenantId, memberIds, format),
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;

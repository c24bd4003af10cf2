import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import { useUi, type View } from '../../stores/ui';
import { directoryKeys } from '../directory/queries';
import { useMembersUi } from '../directory/store';
import { READ_ONLY_REASON } from '../../components/WriteButton';
import { useOpenTenant } from '../tenants/queries';
import { SWITCH_KEY_LABEL } from '../tenants/TenantSwitcher';
import type { Command } from './CommandPalette';

const isMac = navigator.platform.toLowerCase().includes('mac');
const MOD = isMac ? '⌘' : 'Ctrl+';

/** True when the key went to a text field (shortcuts without a modifier must not fire there). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/** Every command the palette offers, and the global shortcuts that run the same commands. */
export function useCommands(tenants: TenantView[], active: TenantView | null): Command[] {
  const setView = useUi((s) => s.setView);
  const openDialog = useUi((s) => s.openDialog);
  const dialog = useUi((s) => s.dialog);
  const client = useQueryClient();
  const open = useOpenTenant();
  const activeMember = useMembersUi((s) => s.focusedMemberId);

  const commands = useMemo<Command[]>(() => {
    const goto = (view: View, label: string, shortcut?: string): Command => ({
      id: `go-${view}`,
      group: 'Go to',
      label,
      ...(shortcut ? { shortcut } : {}),
      run: () => setView(view),
    });
    const readOnly = active?.effectiveReadOnly ? READ_ONLY_REASON : false;
    const list: Command[] = [
      goto('overview', 'Overview'),
      goto('members', 'Members', `${MOD}Shift+M`),
      goto('groups', 'Groups', `${MOD}Shift+G`),
      goto('import', 'Import members from CSV', `${MOD}Shift+U`),
      goto('jobs', 'Jobs', `${MOD}Shift+J`),
      goto('tenants', 'Tenants'),
      {
        id: 'go-lookup',
        group: 'Go to',
        label: 'Find a person in every tenant',
        keywords: 'lookup search email access support where',
        run: () => useUi.getState().findPerson(''),
      },
      goto('audit', 'Audit history'),
      goto('about', 'About'),
      {
        id: 'search',
        group: 'Members',
        label: 'Search members',
        keywords: 'find filter',
        shortcut: '/',
        run: () => {
          setView('members');
          useMembersUi.getState().focusSearch();
        },
      },
      {
        id: 'refresh',
        group: 'Members',
        label: 'Refresh members and groups',
        keywords: 'reload',
        shortcut: 'F5',
        disabled: active ? false : 'No tenant is open.',
        run: () => active && void client.invalidateQueries({ queryKey: directoryKeys.tenant(active.id) }),
      },
      {
        id: 'select-all',
        group: 'Members',
        label: 'Select all members shown',
        keywords: 'selection',
        shortcut: `${MOD}A`,
        run: () => {
          setView('members');
          useMembersUi.getState().selectAllVisible();
        },
      },
      {
        id: 'provision',
        group: 'Members',
        label: 'Provision member…',
        keywords: 'create add new user',
        shortcut: `${MOD}Shift+N`,
        disabled: readOnly,
        run: () => openDialog({ kind: 'provision' }),
      },
      {
        id: 'deactivate',
        group: 'Members',
        label: 'Deactivate the open member…',
        keywords: 'suspend disable',
        shortcut: `${MOD}Shift+D`,
        disabled: readOnly || (activeMember ? false : 'Open a member first.'),
        run: () => activeMember && openDialog({ kind: 'set-active', memberId: activeMember, active: false }),
      },
      {
        id: 'reactivate',
        group: 'Members',
        label: 'Reactivate the open member…',
        keywords: 'enable activate',
        disabled: readOnly || (activeMember ? false : 'Open a member first.'),
        run: () => activeMember && openDialog({ kind: 'set-active', memberId: activeMember, active: true }),
      },
      {
        id: 'create-group',
        group: 'Groups',
        label: 'Create group…',
        keywords: 'new',
        disabled: readOnly,
        run: () => openDialog({ kind: 'create-group' }),
      },
      { id: 'add-tenant', group: 'Tenants', label: 'Add tenant…', run: () => openDialog({ kind: 'add-tenant' }) },
      ...tenants.slice(0, 20).map((t, i) => ({
        id: `tenant-${t.id}`,
        group: 'Switch tenant',
        label: t.name,
        keywords: 'tenant open switch',
        ...(i < 9 ? { shortcut: `${SWITCH_KEY_LABEL}${i + 1}` } : {}),
        disabled: t.id === active?.id ? 'Already open.' : (false as const),
        run: () => open.mutate({ tenantId: t.id, readOnly: false }),
      })),
    ];
    return list;
  }, [tenants, active, activeMember, setView, openDialog, client, open]);

  useEffect(() => {
    const byId = new Map(commands.map((c) => [c.id, c]));
    const fire = (id: string, event: KeyboardEvent) => {
      const command = byId.get(id);
      if (!command || command.disabled) return;
      event.preventDefault();
      command.run();
    };
    const onKey = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'k') {
        event.preventDefault();
        openDialog({ kind: 'palette' });
        return;
      }
      if (dialog) return; // a dialog owns the keyboard
      // F5 only: Ctrl+R is the developer menu's page reload in unpackaged builds.
      if (event.key === 'F5') return fire('refresh', event);
      if (mod && event.shiftKey && key === 'm') return fire('go-members', event);
      if (mod && event.shiftKey && key === 'g') return fire('go-groups', event);
      if (mod && event.shiftKey && key === 'u') return fire('go-import', event);
      if (mod && event.shiftKey && key === 'j') return fire('go-jobs', event);
      if (mod && event.shiftKey && key === 'n') return fire('provision', event);
      if (mod && event.shiftKey && key === 'd') return fire('deactivate', event);
      if (event.key === '/' && !typing(event.target)) return fire('search', event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, dialog, openDialog]);

  return commands;
}

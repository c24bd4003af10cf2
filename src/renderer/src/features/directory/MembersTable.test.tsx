// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory, MemberRow } from '../../../../shared/domain/directory';
import { useToasts } from '../../stores/toasts';
import { MembersTable } from './MembersTable';
import { useSetActive } from './mutations';
import { directoryKeys } from './queries';
import { EMPTY_SELECTION, type Selection } from './selection';

afterEach(() => {
  cleanup();
  delete (window as { api?: unknown }).api;
});

function member(i: number): MemberRow {
  return {
    id: `m${i}`,
    userName: `person${i}@acme.example`,
    givenName: null,
    familyName: null,
    displayName: `Person ${String(i).padStart(2, '0')}`,
    email: null,
    active: i % 3 !== 0,
    roles: ['member'],
    groupIds: [],
    lastModified: null,
  };
}

const members = Array.from({ length: 6 }, (_, i) => member(i));

/** The table with its selection and cursor held as the Members view holds them. */
function Harness({ rows }: { rows: number[] }) {
  const [positions] = useState(() => Int32Array.from(rows));
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [activeId, setActive] = useState<string | null>(null);
  return (
    <MembersTable
      members={members}
      rows={positions}
      groups={new Map()}
      columns={['email', 'status']}
      sort={{ key: 'name', direction: 'asc' }}
      onSort={() => undefined}
      selection={selection}
      onSelection={setSelection}
      activeId={activeId}
      onActive={setActive}
      query=""
      busy={false}
      empty={<p>No members match</p>}
    />
  );
}

const row = (i: number) => screen.getByText(`Person ${String(i).padStart(2, '0')}`).closest('[role="row"]')!;
const selected = () =>
  [...document.querySelectorAll('[role="row"][aria-selected="true"]')].map((r) => r.getAttribute('data-member-id'));

describe('MembersTable (rendered)', () => {
  it('a plain click views without selecting; Shift+click selects the range in display order, Ctrl/Cmd+click toggles', () => {
    // Display order differs from the listing's: the range must follow what is on screen.
    render(<Harness rows={[5, 3, 1, 0, 2, 4]} />);
    fireEvent.click(row(3));
    expect(selected()).toEqual([]);
    expect(row(3).getAttribute('aria-current')).toBe('true');
    fireEvent.click(row(2), { shiftKey: true });
    expect(selected()).toEqual(['m3', 'm1', 'm0', 'm2']);
    fireEvent.click(row(1), { ctrlKey: true });
    expect(selected()).toEqual(['m3', 'm0', 'm2']);
    fireEvent.click(row(4), { metaKey: true });
    expect(selected()).toEqual(['m3', 'm0', 'm2', 'm4']);
    expect(row(4).getAttribute('aria-current')).toBe('true');
  });

  it('moves with the arrow keys, extends with Shift, toggles with Space, selects all shown with Ctrl+A, clears with Escape', () => {
    render(<Harness rows={[0, 1, 2, 3]} />);
    const body = screen.getByRole('rowgroup', { name: /Members list/ });
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    expect(row(0).getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(body, { key: ' ' });
    expect(selected()).toEqual(['m0']);
    fireEvent.keyDown(body, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(body, { key: 'ArrowDown', shiftKey: true });
    expect(selected()).toEqual(['m0', 'm1', 'm2']);
    expect(row(2).getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(body, { key: 'Escape' });
    expect(selected()).toEqual([]);
    fireEvent.keyDown(body, { key: 'a', ctrlKey: true });
    // Only the members shown (rows), not the whole listing.
    expect(selected()).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(screen.getByLabelText<HTMLInputElement>('Select all members shown').checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Select all members shown'));
    expect(selected()).toEqual([]);
  });

  it('shows the empty state inside the grid when nothing matches', () => {
    render(<Harness rows={[]} />);
    expect(screen.getByRole('grid', { name: 'Members' }).textContent).toContain('No members match');
    expect(screen.getByLabelText<HTMLInputElement>('Select all members shown').disabled).toBe(true);
  });
});

describe('optimistic deactivation (rendered hook)', () => {
  const tenantId = 't1';
  const key = directoryKeys.tenant(tenantId);
  const dir: Directory = {
    members,
    groups: [],
    truncated: false,
    skipped: 0,
    notice: null,
    announcedMembers: null,
    loadedAt: '2026-11-23T00:00:00.000Z',
  };

  function setup(answer: () => Promise<unknown>) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.setQueryData(key, dir);
    let seenWhileInFlight: boolean | undefined;
    (window as { api?: unknown }).api = {
      members: {
        deactivate: async () => {
          seenWhileInFlight = client.getQueryData<Directory>(key)!.members[1]!.active;
          return answer();
        },
      },
      audit: { query: async () => ({ ok: true, value: { entries: [], nextBefore: null } }) },
    };
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const hook = renderHook(() => useSetActive(), { wrapper });
    return { client, hook, inFlight: () => seenWhileInFlight };
  }

  it('shows the change at once and rolls it back, with the SSO explanation, when nothing changed', async () => {
    useToasts.setState({ toasts: [] });
    const { client, hook, inFlight } = setup(async () => ({
      ok: false,
      // As main words it (the error's hint).
      error: {
        code: 'SCIM_SILENT_NO_OP',
        message:
          'The SCIM server accepted the change but nothing changed. With InVision this usually means SAML SSO is not active for the team, so provisioning is ignored: turn on SSO, then retry.',
      },
    }));
    await act(async () => {
      await hook.result.current
        .mutateAsync({ tenantId, memberId: 'm1', active: false, label: 'Person 01' })
        .catch(() => undefined);
    });
    expect(inFlight()).toBe(false);
    expect(client.getQueryData<Directory>(key)!.members[1]!.active).toBe(true);
    await waitFor(() => expect(useToasts.getState().toasts.at(-1)?.message).toMatch(/SAML SSO is not active/));
    expect(useToasts.getState().toasts.at(-1)).toMatchObject({ tone: 'warning', code: 'SCIM_SILENT_NO_OP' });
  });

  it('keeps the server read-back on success, and fills the member detail with it (no second read)', async () => {
    const row = { ...members[1]!, active: false, lastModified: '2026-11-23T10:00:00.000Z' };
    const detail = { member: { id: row.id, raw: { active: false } }, row, curl: 'curl …/Users/m1' };
    const { client, hook } = setup(async () => ({ ok: true, value: detail }));
    await act(async () => {
      await hook.result.current.mutateAsync({ tenantId, memberId: 'm1', active: false, label: 'Person 01' });
    });
    expect(client.getQueryData<Directory>(key)!.members[1]).toMatchObject({
      active: false,
      lastModified: '2026-11-23T10:00:00.000Z',
    });
    expect(client.getQueryData(directoryKeys.member(tenantId, 'm1'))).toEqual(detail);
    expect(client.getQueryState(directoryKeys.member(tenantId, 'm1'))?.isInvalidated).toBe(false);
  });
});

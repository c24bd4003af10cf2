import { TableHead } from '../../components/TableHead';
import { useEffect, useState, type FormEvent } from 'react';
import type { PersonInTenant } from '../../../../shared/domain/lookup';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { FocusHeading } from '../../components/FocusHeading';
import { useUi } from '../../stores/ui';
import { useMembersUi } from '../directory/store';
import { useOpenTenant } from '../tenants/queries';
import { useFindPerson } from './queries';
import { EMAIL_PATTERN } from '../../../../shared/domain/member-text';

/**
 * Find a person: where does this email have access? One read per tenant on this computer (nothing
 * written), a row per tenant with the member's state and groups, and Open to see them there.
 */
export function LookupView({ active }: { active: TenantView | null }) {
  const initial = useUi((s) => s.lookup);
  const [email, setEmail] = useState(initial);
  const find = useFindPerson();
  const { mutate } = find;
  const asked = find.variables ?? '';
  // Opened from the palette with an email: search at once.
  useEffect(() => {
    if (EMAIL_PATTERN.test(initial)) mutate(initial);
  }, [initial, mutate]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = email.trim();
    if (EMAIL_PATTERN.test(value)) mutate(value);
  };
  const results = find.data?.results ?? [];
  const found = results.filter((r) => r.state === 'found').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  return (
    <section className="panel panel-wide" aria-labelledby="lookup-title">
      <header className="panel-header">
        <h1 id="lookup-title">Find a person</h1>
        <p className="panel-subtitle">
          Where does someone have access? Every tenant on this computer is asked for this email (one read each, nothing
          is changed).
        </p>
      </header>
      <form className="lookup-form" role="search" aria-label="Find a person in every tenant" onSubmit={submit}>
        <input
          type="email"
          className="input"
          aria-label="Email (userName)"
          placeholder="alice@customer.example"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={find.isPending || !EMAIL_PATTERN.test(email.trim())}
        >
          {find.isPending ? 'Searching…' : 'Search every tenant'}
        </button>
      </form>
      <ErrorText error={find.error} />
      {find.data && !find.isPending ? (
        <>
          <FocusHeading className="lookup-summary">
            {found === 0 ? `${asked} is in no tenant` : `${asked} is in ${found} of ${results.length} tenants`}
            {failed ? ` (${failed} could not answer)` : ''}
          </FocusHeading>
          <table className="table table-lookup" aria-label="Tenants searched">
            <TableHead columns={['Tenant', 'Member', 'Groups']} actions />
            <tbody>
              {results.map((r) => (
                <LookupRow key={r.tenantId} result={r} activeId={active?.id ?? null} />
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function LookupRow({ result: r, activeId }: { result: PersonInTenant; activeId: string | null }) {
  const open = useOpenTenant();
  const setView = useUi((s) => s.setView);
  const setHandoff = useUi((s) => s.setHandoff);
  const focusMember = useMembersUi((s) => s.focusMember);
  const show = (memberId: string) => {
    if (r.tenantId === activeId) {
      focusMember(memberId);
      setView('members');
      return;
    }
    setHandoff({ tenantId: r.tenantId, memberId });
    open.mutate({ tenantId: r.tenantId, readOnly: false }, { onSuccess: () => setView('members') });
  };
  return (
    <tr>
      <th scope="row">{r.tenantName}</th>
      {r.state === 'found' && r.member ? (
        <>
          <td>
            <div>
              {r.member.name}{' '}
              <span className={r.member.active ? 'pill pill-success' : 'pill pill-inactive'}>
                {r.member.active ? 'Active' : 'Inactive'}
              </span>
            </div>
            <div className="cell-sub">{r.member.userName}</div>
          </td>
          <td className="cell-wrap">
            {r.member.groupsKnown ? r.member.groups.join(', ') || 'No groups' : 'Not listed by the server'}
          </td>
          <td>
            <button
              type="button"
              className="button button-small"
              onClick={() => show(r.member!.id)}
              disabled={open.isPending}
              aria-label={`Open ${r.member.name} in ${r.tenantName}`}
            >
              Open
            </button>
          </td>
        </>
      ) : (
        <td colSpan={3} className={r.state === 'failed' ? 'cell-warning cell-wrap' : 'cell-muted'}>
          {r.state === 'failed' ? `Could not answer: ${r.error?.message ?? 'unknown error'}` : 'Not a member'}
        </td>
      )}
    </tr>
  );
}

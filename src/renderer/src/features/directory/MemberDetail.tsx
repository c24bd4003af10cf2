import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import { type GroupRow, type MemberRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { shortDateTime } from '../../lib/dates';
import { CopyButton } from '../../components/CopyButton';
import { ErrorText } from '../../components/ErrorText';
import { useUi } from '../../stores/ui';
import { useMemberAudit } from '../audit/queries';
import { useRemoveFromGroup } from './mutations';
import { useMemberDetail } from './queries';
import { DetailPanel } from '../../components/DetailPanel';
import { WriteButton } from '../../components/WriteButton';

/**
 * One member: attributes, groups, the raw SCIM resource (read fresh from the server), Copy as
 * curl, this member's audit entries, and every single-member action.
 */
export function MemberDetail({
  tenant,
  member,
  groups,
  onClose,
}: {
  tenant: TenantView;
  member: MemberRow;
  groups: ReadonlyMap<string, GroupRow>;
  onClose: () => void;
}) {
  const detail = useMemberDetail(tenant.id, member.id);
  const audit = useMemberAudit(member);
  const openDialog = useUi((s) => s.openDialog);
  const removeFromGroup = useRemoveFromGroup();
  const readOnly = tenant.effectiveReadOnly;
  const name = memberName(member);
  const full = detail.data?.member;

  return (
    <DetailPanel
      label="Member detail"
      title={name}
      subtitle={memberEmail(member)}
      onClose={onClose}
      className="detail member-detail"
    >
      <div className="detail-status">
        <span className={member.active ? 'pill pill-success' : 'pill pill-inactive'}>
          {member.active ? 'Active' : 'Inactive'}
        </span>
        {member.roles.map((r) => (
          <span key={r} className="pill">
            {r}
          </span>
        ))}
      </div>
      <div className="detail-actions">
        {member.active ? (
          <WriteButton
            readOnly={readOnly}
            className="button button-small"
            onClick={() => openDialog({ kind: 'set-active', memberId: member.id, active: false })}
          >
            Deactivate
          </WriteButton>
        ) : (
          <WriteButton
            readOnly={readOnly}
            className="button button-small"
            onClick={() => openDialog({ kind: 'set-active', memberId: member.id, active: true })}
          >
            Reactivate
          </WriteButton>
        )}
        <WriteButton
          readOnly={readOnly}
          className="button button-small"
          onClick={() => openDialog({ kind: 'add-to-group', memberIds: [member.id] })}
        >
          Add to group…
        </WriteButton>
        <WriteButton
          readOnly={readOnly}
          className="button button-small button-danger-text"
          onClick={() => openDialog({ kind: 'delete-member', memberId: member.id })}
        >
          Delete…
        </WriteButton>
      </div>

      <section aria-labelledby="detail-attributes">
        <h3 id="detail-attributes" className="detail-heading">
          Attributes
        </h3>
        <dl className="detail-facts">
          <dt>userName</dt>
          <dd>{member.userName}</dd>
          <dt>Given name</dt>
          <dd>{member.givenName ?? '—'}</dd>
          <dt>Family name</dt>
          <dd>{member.familyName ?? '—'}</dd>
          <dt>Email</dt>
          <dd>{memberEmail(member)}</dd>
          <dt>ID</dt>
          <dd className="cell-mono">
            {member.id} <CopyButton text={member.id} label="Copy member id" />
          </dd>
          <dt>Created</dt>
          <dd>{shortDateTime(full?.created)}</dd>
          <dt>Last modified</dt>
          <dd>{shortDateTime(member.lastModified)}</dd>
        </dl>
      </section>

      <section aria-labelledby="detail-groups">
        <h3 id="detail-groups" className="detail-heading">
          Groups ({member.groupIds.length})
        </h3>
        {member.groupIds.length === 0 ? (
          <p className="cell-muted">In no group.</p>
        ) : (
          <ul className="chip-list" aria-label="Groups of this member">
            {member.groupIds.map((id) => {
              const label = groups.get(id)?.displayName ?? id;
              return (
                <li key={id} className="chip">
                  <span>{label}</span>
                  <WriteButton
                    readOnly={readOnly}
                    className="chip-remove"
                    label={`Remove from ${label}`}
                    disabled={removeFromGroup.isPending}
                    onClick={() =>
                      removeFromGroup.mutate({
                        tenantId: tenant.id,
                        groupId: id,
                        memberId: member.id,
                        label: memberName(member),
                      })
                    }
                  >
                    ×
                  </WriteButton>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="detail-raw">
        <div className="detail-heading-row">
          <h3 id="detail-raw" className="detail-heading">
            Raw SCIM resource
          </h3>
          {detail.data ? (
            <span className="detail-heading-actions">
              <CopyButton
                text={JSON.stringify(detail.data.member.raw, null, 2)}
                label="Copy JSON"
                caption="Copy JSON"
              />
              <CopyButton text={detail.data.curl} label="Copy as curl" caption="Copy as curl" />
            </span>
          ) : null}
        </div>
        {detail.isPending ? (
          <p className="cell-muted" role="status">
            Reading the member from the server…
          </p>
        ) : detail.isError ? (
          <ErrorText error={detail.error} />
        ) : (
          <>
            <pre className="json" aria-label="Raw SCIM JSON" tabIndex={0}>
              {JSON.stringify(detail.data.member.raw, null, 2)}
            </pre>
            <p className="field-hint">
              Copy as curl gives <code>curl … $SCIM_TOKEN …</code>: set SCIM_TOKEN yourself; the console never exports
              the token.
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="detail-audit">
        <h3 id="detail-audit" className="detail-heading">
          Changes made from this console
        </h3>
        {audit.data?.entries.length ? (
          <ul className="audit-mini" aria-label="Audit entries for this member">
            {audit.data.entries.map((e) => (
              <li key={e.id}>
                <span className={`pill pill-${e.outcome}`}>{e.outcome}</span> <span>{e.action}</span>{' '}
                <span className="cell-muted">{shortDateTime(e.at)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="cell-muted">{audit.isPending ? 'Loading…' : 'No changes recorded for this member.'}</p>
        )}
      </section>
    </DetailPanel>
  );
}

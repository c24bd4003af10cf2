import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ColumnMappingView, ImportFile, ImportPlanView, PlanOptionsView } from '../../../../shared/domain/jobs';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { getApi, unwrap } from '../../lib/api';
import { toast } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { ProgressBar } from '../directory/ProgressBar';
import { newTaskId, useTasks } from '../directory/queries';
import { WriteButton } from '../directory/WriteButton';
import { jobKeys } from '../jobs/queries';
import { formatNumber } from '../../lib/numbers';
import { DryRunCard } from './DryRunCard';

const FIELDS: Array<{ id: keyof ColumnMappingView; label: string; required?: true }> = [
  { id: 'userName', label: 'Email (userName)', required: true },
  { id: 'givenName', label: 'Given name' },
  { id: 'familyName', label: 'Family name' },
  { id: 'groups', label: 'Groups' },
  { id: 'active', label: 'Active / status' },
];

const SOURCES: Record<NonNullable<ImportFile['source']>, string> = {
  okta: 'an Okta user export',
  entra: 'a Microsoft Entra ID user download',
  google: 'a Google Workspace user download',
  console: "this console's member export",
};

const DELIMITERS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

type Plan = ImportPlanView & { planId: string };

const NO_OPTIONS: PlanOptionsView = {
  deactivateMissing: false,
  createUnknownGroups: false,
  removeUnlistedGroups: false,
};

/**
 * The import wizard: choose a CSV (main reads it), map its columns, review the plan (counts, rows
 * with problems, the drift against the tenant, every request of the dry run), then apply it as a job.
 */
export function ImportView({ tenant }: { tenant: TenantView }) {
  const [file, setFile] = useState<ImportFile | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingView | null>(null);
  const [options, setOptions] = useState<PlanOptionsView>(NO_OPTIONS);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [taskId] = useState(() => newTaskId('import'));
  const task = useTasks((s) => s.tasks[taskId]);
  const step = plan ? 3 : file ? 2 : 1;

  const choose = useMutation({
    mutationFn: () => {
      useTasks.getState().start(taskId, 'Reading the file');
      return unwrap(getApi().import.chooseFile({ tenantId: tenant.id, taskId }));
    },
    onSettled: () => useTasks.getState().end(taskId),
    onSuccess: (chosen) => {
      if (!chosen) return;
      setFile(chosen);
      setMapping(chosen.mapping);
      setOptions(NO_OPTIONS);
      setPlan(null);
    },
  });
  const planning = useMutation({
    mutationFn: (input: { mapping: ColumnMappingView; options: PlanOptionsView }) => {
      useTasks.getState().start(taskId, `Reading the members of ${tenant.name}`, tenant.id);
      return unwrap(getApi().import.plan({ tenantId: tenant.id, importId: file!.importId, ...input, taskId }));
    },
    onSettled: () => useTasks.getState().end(taskId),
    onSuccess: (p) => setPlan(p),
  });

  const replan = (next: PlanOptionsView) => {
    setOptions(next);
    if (mapping) planning.mutate({ mapping, options: next });
  };

  return (
    <section className="view-fill" aria-labelledby="import-title">
      <header className="view-header">
        <div>
          <h1 id="import-title">Import members</h1>
          <p className="view-subtitle">
            From a CSV (an IdP export or your own) into {tenant.name}: nothing is written until you apply the plan.
          </p>
        </div>
      </header>
      <ol className="import-steps" aria-label="Import steps">
        {['Choose a file', 'Map columns', 'Review and apply'].map((label, i) => (
          <li key={label} aria-current={step === i + 1 ? 'step' : undefined}>
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      <div className="import-body">
        <div className="import-card">
          <h2>File</h2>
          <div className="toolbar">
            <button
              type="button"
              className={file ? 'button' : 'button button-primary'}
              onClick={() => choose.mutate()}
              disabled={choose.isPending}
            >
              {choose.isPending ? 'Reading…' : file ? 'Choose another file…' : 'Choose CSV file…'}
            </button>
            {file ? (
              <span className="cell-muted" aria-label="File summary">
                <strong>{file.fileName}</strong>: {formatNumber(file.rows)} rows, {file.encoding.toUpperCase()},{' '}
                {DELIMITERS[file.delimiter] ?? file.delimiter} separated
                {file.source ? `; looks like ${SOURCES[file.source]}` : ''}
              </span>
            ) : (
              <span className="cell-muted">
                CSV or Excel &ldquo;Unicode text&rdquo;, with a header row. Okta, Entra ID and Google Workspace exports
                are recognised.
              </span>
            )}
          </div>
          {choose.isPending && task ? <ProgressBar label={task.label} done={task.done} total={task.total} /> : null}
          {choose.error ? <ErrorText error={choose.error} /> : null}
          {file && (file.unreadableRows > 0 || file.replacedCharacters > 0) ? (
            <p className="form-error" role="alert">
              {file.unreadableRows > 0
                ? `${formatNumber(file.unreadableRows)} rows could not be read; the plan lists them by number. `
                : ''}
              {file.replacedCharacters > 0
                ? `${formatNumber(file.replacedCharacters)} characters were not valid ${file.encoding.toUpperCase()}: save the file as UTF-8 and choose it again if names look wrong.`
                : ''}
            </p>
          ) : null}
        </div>

        {file && mapping ? (
          <MappingCard
            file={file}
            mapping={mapping}
            onMapping={(m) => {
              setMapping(m);
              setPlan(null);
            }}
            options={options}
            onOptions={(o) => {
              setOptions(o);
              setPlan(null);
            }}
            planning={planning.isPending}
            onPlan={() => planning.mutate({ mapping, options })}
          />
        ) : null}
        {planning.isPending && task ? <ProgressBar label={task.label} done={task.done} total={task.total} /> : null}
        {planning.error ? <ErrorText error={planning.error} /> : null}

        {plan && file ? (
          <PlanCard
            tenant={tenant}
            file={file}
            plan={plan}
            options={options}
            onReplan={replan}
            busy={planning.isPending}
          />
        ) : null}
      </div>
    </section>
  );
}

function MappingCard({
  file,
  mapping,
  onMapping,
  options,
  onOptions,
  planning,
  onPlan,
}: {
  file: ImportFile;
  mapping: ColumnMappingView;
  onMapping: (m: ColumnMappingView) => void;
  options: PlanOptionsView;
  onOptions: (o: PlanOptionsView) => void;
  planning: boolean;
  onPlan: () => void;
}) {
  return (
    <div className="import-card">
      <h2>Columns</h2>
      <p className="cell-muted">
        {file.mappingRemembered
          ? 'The mapping you used last time for these columns on this tenant.'
          : 'Suggested from the column names; check each one.'}
      </p>
      <div className="mapping-grid">
        {FIELDS.map((f) => (
          <label key={f.id} className="field">
            <span className="field-label">
              {f.label}
              {f.required ? ' (required)' : ''}
            </span>
            <select
              aria-label={`Column for ${f.label}`}
              value={mapping[f.id] ?? ''}
              onChange={(e) => onMapping({ ...mapping, [f.id]: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <option value="">— none —</option>
              {file.headers.map((h, i) => (
                <option key={i} value={i}>
                  {h || `Column ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {file.sample.length > 0 ? (
        <div className="table-scroll">
          <table className="table sample-table" aria-label="First rows of the file">
            <thead>
              <tr>
                {file.headers.map((h, i) => (
                  <th key={i} scope="col" title={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {file.sample.map((row, r) => (
                <tr key={r}>
                  {file.headers.map((_, i) => (
                    <td key={i} title={row[i] ?? ''}>
                      {row[i] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <fieldset className="form">
        <legend className="field-label">Options</legend>
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={options.createUnknownGroups}
            onChange={(e) => onOptions({ ...options, createUnknownGroups: e.target.checked })}
          />
          Create groups the file names that the tenant does not have
        </label>
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={options.removeUnlistedGroups}
            disabled={mapping.groups === null}
            onChange={(e) => onOptions({ ...options, removeUnlistedGroups: e.target.checked })}
          />
          The groups column is each member&rsquo;s full list: remove members from groups it does not name
        </label>
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={options.deactivateMissing}
            onChange={(e) => onOptions({ ...options, deactivateMissing: e.target.checked })}
          />
          Deactivate active members who are not in the file
        </label>
      </fieldset>
      <div className="toolbar">
        <button
          type="button"
          className="button button-primary"
          disabled={mapping.userName === null || planning}
          onClick={onPlan}
        >
          {planning ? 'Planning…' : 'Plan import'}
        </button>
        {mapping.userName === null ? <span className="form-error">Choose the email column first.</span> : null}
      </div>
    </div>
  );
}

const COUNT_LABELS: Array<[keyof Plan['counts'], string]> = [
  ['create', 'to create'],
  ['reactivate', 'to reactivate'],
  ['deactivate', 'to deactivate'],
  ['addToGroup', 'group additions'],
  ['removeFromGroup', 'group removals'],
  ['createGroup', 'groups to create'],
  ['noChange', 'already right'],
  ['rejected', 'rows with errors'],
];

function PlanCard({
  tenant,
  file,
  plan,
  options,
  onReplan,
  busy,
}: {
  tenant: TenantView;
  file: ImportFile;
  plan: Plan;
  options: PlanOptionsView;
  onReplan: (o: PlanOptionsView) => void;
  busy: boolean;
}) {
  const [typed, setTyped] = useState('');
  const setView = useUi((s) => s.setView);
  const client = useQueryClient();
  const apply = useMutation({
    mutationFn: () =>
      unwrap(
        getApi().import.apply({
          tenantId: tenant.id,
          importId: plan.importId,
          planId: plan.planId,
          confirmation: plan.safeguard.required ? typed : null,
        }),
      ),
    onSuccess: (job) => {
      toast({ tone: 'info', message: `Started: ${job.title}. Follow it in Jobs.` });
      void client.invalidateQueries({ queryKey: jobKeys.all });
      setView('jobs');
    },
  });
  const errors = plan.issues.filter((i) => i.severity === 'error').length;
  const warnings = plan.issues.length - errors;
  const confirmed = !plan.safeguard.required || typed.trim().toLowerCase() === plan.safeguard.phrase;
  const drift = plan.drift;
  return (
    <>
      <div className="import-card" aria-label="Plan">
        <h2>Plan</h2>
        <p className="cell-muted">
          {formatNumber(plan.rows)} rows of {file.fileName} against {formatNumber(plan.activeMembers)} active members of{' '}
          {tenant.name}: {formatNumber(plan.stepCount)} change{plan.stepCount === 1 ? '' : 's'} in{' '}
          {formatNumber(plan.writeCount)} write request{plan.writeCount === 1 ? '' : 's'} (group changes go up to 100
          members per request), {formatNumber(plan.requestCount)} requests with the read that checks each.
        </p>
        <div className="plan-counts">
          {COUNT_LABELS.map(([key, label]) => (
            <div key={key} className="plan-count" aria-label={`${plan.counts[key]} ${label}`}>
              <strong className={key === 'rejected' && plan.counts[key] ? 'text-danger' : undefined}>
                {formatNumber(plan.counts[key])}
              </strong>
              <span>{label}</span>
            </div>
          ))}
        </div>
      </div>

      <div className="import-card">
        <h2>Drift against the tenant</h2>
        <ul className="plain-list">
          <li>
            <strong>{formatNumber(drift.activeNotInFile.length)}</strong> active in InVision but not in the file
            (possible orphans after offboarding)
            {drift.activeNotInFile.length > 0 ? `: ${preview(drift.activeNotInFile.map((m) => m.userName))}` : ''}
          </li>
          <li>
            <strong>{formatNumber(drift.inFileNotInTenant.length)}</strong> in the file but not in InVision
            {drift.inFileNotInTenant.length > 0 ? `: ${preview(drift.inFileNotInTenant)}` : ''}
          </li>
          <li>
            <strong>{formatNumber(drift.inactiveButActiveInFile.length)}</strong> inactive in InVision but active in the
            file
            {drift.inactiveButActiveInFile.length > 0
              ? `: ${preview(drift.inactiveButActiveInFile.map((m) => m.userName))}`
              : ''}
          </li>
        </ul>
        {drift.activeNotInFile.length > 0 && !options.deactivateMissing ? (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => onReplan({ ...options, deactivateMissing: true })}
          >
            Plan to deactivate the {formatNumber(drift.activeNotInFile.length)} not in the file
          </button>
        ) : null}
        {plan.unknownGroups.length > 0 && !options.createUnknownGroups ? (
          <p>
            The file names {plan.unknownGroups.length} group{plan.unknownGroups.length === 1 ? '' : 's'} the tenant does
            not have ({preview(plan.unknownGroups)}).{' '}
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() => onReplan({ ...options, createUnknownGroups: true })}
            >
              Create them
            </button>
          </p>
        ) : null}
      </div>

      {plan.issues.length > 0 ? (
        <div className="import-card">
          <h2>
            Rows with problems ({formatNumber(errors)} error{errors === 1 ? '' : 's'}, {formatNumber(warnings)} warning
            {warnings === 1 ? '' : 's'})
          </h2>
          <p className="cell-muted">
            Rows with errors are left out; fix them in the file and choose it again to include them.
          </p>
          <div className="table-scroll">
            <table className="table" aria-label="Rows with problems">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {plan.issues.map((issue, i) => (
                  <tr key={i}>
                    <td className="cell-num">{issue.row || '—'}</td>
                    <td>
                      <span className={issue.severity === 'error' ? 'pill pill-failure' : 'pill pill-unknown'}>
                        {issue.severity}
                      </span>
                    </td>
                    <td>{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      <DryRunCard tenantId={tenant.id} plan={plan} />

      <div className="import-card">
        <h2>Apply</h2>
        {plan.safeguard.required ? (
          <div className="form">
            <p className="form-error" role="alert">
              {plan.safeguard.reasons.join('; ')}.
            </p>
            <label className="field">
              <span className="field-label">
                Type <strong>{plan.safeguard.phrase}</strong> to confirm
              </span>
              <input aria-label="Confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} />
            </label>
          </div>
        ) : null}
        <div className="toolbar">
          <WriteButton
            readOnly={tenant.effectiveReadOnly}
            className={plan.safeguard.required ? 'button button-danger' : 'button button-primary'}
            disabled={plan.stepCount === 0 || !confirmed || apply.isPending || busy}
            onClick={() => apply.mutate()}
          >
            {apply.isPending
              ? 'Starting…'
              : plan.stepCount === 0
                ? 'Nothing to apply'
                : `Apply ${formatNumber(plan.stepCount)} step${plan.stepCount === 1 ? '' : 's'}`}
          </WriteButton>
          <span className="cell-muted">
            Runs as a job: pause, cancel, Retry failed and the result report are in Jobs.
          </span>
        </div>
        {apply.error ? <ErrorText error={apply.error} /> : null}
      </div>
    </>
  );
}

function preview(names: readonly string[], n = 5): string {
  const shown = names.slice(0, n).join(', ');
  return names.length > n ? `${shown} and ${formatNumber(names.length - n)} more` : shown;
}

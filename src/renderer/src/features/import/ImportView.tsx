import { useState } from 'react';
import type { ColumnMappingView, ImportFile, PlanOptionsView } from '../../../../shared/domain/jobs';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { TaskProgressBar } from '../../components/ProgressBar';
import { formatNumber } from '../../lib/numbers';
import { MappingCard } from './MappingCard';
import { PlanCard } from './PlanCard';
import { useImportCalls, type Plan } from './queries';

const SOURCES: Record<NonNullable<ImportFile['source']>, string> = {
  okta: 'an Okta user export',
  entra: 'a Microsoft Entra ID user download',
  google: 'a Google Workspace user download',
  console: "this console's member export",
};

const DELIMITERS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

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
  /** The plan came from a plan file: reviewed and applied here, planned again only where its CSV is. */
  const [opened, setOpened] = useState(false);
  const calls = useImportCalls(tenant);
  const { task, choose, plan: planning, openPlan } = calls;
  const step = plan ? 3 : file ? 2 : 1;

  const chooseFile = () =>
    choose.mutate(undefined, {
      onSuccess: (chosen) => {
        if (!chosen) return;
        setOpened(false);
        setFile(chosen);
        setMapping(chosen.mapping);
        setOptions(NO_OPTIONS);
        setPlan(null);
      },
    });
  const openPlanFile = () =>
    openPlan.mutate(undefined, {
      onSuccess: (found) => {
        if (!found) return;
        setFile(null);
        setMapping(null);
        setPlan(found);
        setOpened(true);
      },
    });
  const makePlan = (input: { mapping: ColumnMappingView; options: PlanOptionsView }) =>
    planning.mutate({ importId: file!.importId, ...input }, { onSuccess: setPlan });

  const replan = (next: PlanOptionsView) => {
    setOptions(next);
    if (mapping) makePlan({ mapping, options: next });
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
              onClick={chooseFile}
              disabled={choose.isPending}
            >
              {choose.isPending ? 'Reading…' : file ? 'Choose another file…' : 'Choose CSV file…'}
            </button>
            <button type="button" className="button" onClick={openPlanFile} disabled={openPlan.isPending}>
              {openPlan.isPending ? 'Checking…' : 'Open a plan file…'}
            </button>
            {file ? (
              <span className="cell-muted" aria-label="File summary">
                <strong>{file.fileName}</strong>: {formatNumber(file.rows)} rows, {file.encoding.toUpperCase()},{' '}
                {DELIMITERS[file.delimiter] ?? file.delimiter} separated
                {file.source ? `; looks like ${SOURCES[file.source]}` : ''}
              </span>
            ) : opened && plan?.origin ? (
              <span className="cell-muted" aria-label="File summary">
                Plan file <strong>{plan.origin.fileName}</strong>: {formatNumber(plan.stepCount)} steps, signature
                checked
              </span>
            ) : (
              <span className="cell-muted">
                CSV or Excel &ldquo;Unicode text&rdquo;, with a header row. Okta, Entra ID and Google Workspace exports
                are recognised.
              </span>
            )}
          </div>
          <TaskProgressBar task={task} when={choose.isPending} />
          {choose.error ? <ErrorText error={choose.error} /> : null}
          {openPlan.error ? <ErrorText error={openPlan.error} /> : null}
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
            // An option changes what the plan does, not what the file says: with a plan on
            // screen it plans again at once, as "Create them" and "Plan to deactivate" do.
            onOptions={(o) => (plan ? replan(o) : setOptions(o))}
            planning={planning.isPending}
            onPlan={() => makePlan({ mapping, options })}
          />
        ) : null}
        <TaskProgressBar task={task} when={planning.isPending} />
        {planning.error ? <ErrorText error={planning.error} /> : null}

        {plan && (file || opened) ? (
          <PlanCard
            tenant={tenant}
            fileName={file?.fileName ?? plan.origin?.source ?? 'the file'}
            plan={plan}
            options={options}
            onReplan={opened ? null : replan}
            busy={planning.isPending}
            apply={calls.apply}
            check={calls.check}
            task={task}
          />
        ) : null}
      </div>
    </section>
  );
}

import type { ConnectionReport } from '../../../../shared/domain/scim';

const MARK = { ok: '✓', warn: '!', fail: '✕', skipped: '–' } as const;
const WORD = { ok: 'passed', warn: 'warning', fail: 'failed', skipped: 'not checked' } as const;

/** The read-only connection test, one line per step, in the order it ran. */
export function ConnectionSteps({ report }: { report: ConnectionReport }) {
  return (
    <div className="steps-wrap">
      <p className={report.ok ? 'steps-summary steps-ok' : 'steps-summary steps-fail'} role="status">
        {report.ok
          ? 'Connection test passed. Nothing was written to the tenant.'
          : 'Connection test failed. Nothing was saved.'}
      </p>
      <ol className="steps" aria-label="Connection test results">
        {report.steps.map((step) => (
          <li key={step.id} className={`step step-${step.status}`}>
            <span className="step-mark" aria-hidden="true">
              {MARK[step.status]}
            </span>
            <span className="step-label">
              {step.label}
              <span className="visually-hidden">: {WORD[step.status]}</span>
            </span>
            <span className="step-detail">
              {step.detail}
              {step.ms !== null ? <span className="step-ms"> · {step.ms} ms</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

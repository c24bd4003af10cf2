import { FocusHeading } from '../../components/FocusHeading';
import { ScrollArea } from '../../components/ScrollArea';
import { StatusLegend } from './StatusLegend';
import type { ColumnMappingView, ImportFile, PlanOptionsView } from '../../../../shared/domain/jobs';

const FIELDS: Array<{ id: keyof ColumnMappingView; label: string; required?: true }> = [
  { id: 'userName', label: 'Email (userName)', required: true },
  { id: 'givenName', label: 'Given name' },
  { id: 'familyName', label: 'Family name' },
  { id: 'groups', label: 'Groups' },
  { id: 'active', label: 'Active / status' },
];

/** Step 2: which column holds each field (remembered per tenant and header row), a sample of the file, the plan's options. */
export function MappingCard({
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
      <FocusHeading>Columns</FocusHeading>
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
      {mapping.active !== null ? <StatusLegend source={file.source} /> : null}
      {file.sample.length > 0 ? (
        <ScrollArea label="First rows of the file, scrollable">
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
        </ScrollArea>
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
            checked={options.createPending ?? false}
            disabled={mapping.active === null}
            onChange={(e) => onOptions({ ...options, createPending: e.target.checked })}
          />
          Create members not yet active in the source (Okta STAGED, PROVISIONED), as inactive members
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

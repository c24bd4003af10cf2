import { useShallow } from 'zustand/react/shallow';
import type { TenantView } from '../../../../shared/domain/tenant';
import { WriteButton } from '../../components/WriteButton';
import { formatNumber } from '../../lib/numbers';
import { useUi } from '../../stores/ui';
import { useMembersUi } from './store';

/** What can be done with the selected members, or (nothing selected) how many are shown and Select all matching. */
export function SelectionBar({
  tenant,
  shown,
  total,
  onExport,
}: {
  tenant: TenantView;
  shown: number;
  total: number;
  onExport: (memberIds: string[]) => void;
}) {
  const { selection, setSelection, selectAllVisible } = useMembersUi(
    useShallow((s) => ({ selection: s.selection, setSelection: s.setSelection, selectAllVisible: s.selectAllVisible })),
  );
  const openDialog = useUi((s) => s.openDialog);
  const readOnly = tenant.effectiveReadOnly;
  const selected = selection.ids.size;
  return (
    <div className="selection-bar" aria-live="polite">
      {selected > 0 ? (
        <>
          <span>
            <strong>{formatNumber(selected)}</strong> selected
          </span>
          <WriteButton
            readOnly={readOnly}
            className="button button-small"
            onClick={() => openDialog({ kind: 'add-to-group', memberIds: [...selection.ids] })}
          >
            Add to group…
          </WriteButton>
          <WriteButton
            readOnly={readOnly}
            className="button button-small"
            onClick={() => openDialog({ kind: 'bulk', action: 'removeFromGroup', memberIds: [...selection.ids] })}
          >
            Remove from group…
          </WriteButton>
          <WriteButton
            readOnly={readOnly}
            className="button button-small"
            onClick={() => openDialog({ kind: 'bulk', action: 'deactivate', memberIds: [...selection.ids] })}
          >
            Deactivate…
          </WriteButton>
          <WriteButton
            readOnly={readOnly}
            className="button button-small"
            onClick={() => openDialog({ kind: 'bulk', action: 'reactivate', memberIds: [...selection.ids] })}
          >
            Reactivate…
          </WriteButton>
          <WriteButton
            readOnly={readOnly}
            className="button button-small button-danger-text"
            onClick={() => openDialog({ kind: 'bulk', action: 'delete', memberIds: [...selection.ids] })}
          >
            Delete…
          </WriteButton>
          <button type="button" className="button button-small" onClick={() => onExport([...selection.ids])}>
            Export selected
          </button>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => setSelection({ ids: new Set(), anchor: null })}
          >
            Clear selection
          </button>
        </>
      ) : (
        <>
          <span className="cell-muted">
            Showing {formatNumber(shown)} of {formatNumber(total)}
          </span>
          {shown > 0 && shown !== total ? (
            <button type="button" className="button button-ghost button-small" onClick={selectAllVisible}>
              Select all {formatNumber(shown)} matching
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}

import { memo } from 'react';
import type { GroupRow, MemberRow } from '../../../../shared/domain/directory';
import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import { shortDate } from '../../lib/dates';
import type { ColumnId } from './store';

/** One row of the members grid: the select box, the name, and the chosen columns. */
export const MemberGridRow = memo(function MemberGridRow({
  member: m,
  index,
  template,
  columns,
  groups,
  selected,
  active,
  onClick,
  onToggle,
}: {
  member: MemberRow;
  index: number;
  template: string;
  columns: readonly ColumnId[];
  groups: ReadonlyMap<string, GroupRow>;
  selected: boolean;
  active: boolean;
  onClick: (id: string, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => void;
  onToggle: (id: string, shiftKey: boolean) => void;
}) {
  const name = memberName(m);
  const groupNames = m.groupIds.map((id) => groups.get(id)?.displayName ?? id).join(', ');
  return (
    <div
      className="grid-row grid-body-row"
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-current={active ? 'true' : undefined}
      data-member-id={m.id}
      style={{ gridTemplateColumns: template }}
      // Shift+click extends the selection; without this it would also select the text between.
      onMouseDown={(event) => {
        if (event.shiftKey) event.preventDefault();
      }}
      onClick={(event) => onClick(m.id, event)}
    >
      <div className="grid-cell grid-cell-select" role="gridcell">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          // The grid is one Tab stop; Space selects the row it highlights.
          tabIndex={-1}
          checked={selected}
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => onToggle(m.id, (event.nativeEvent as MouseEvent).shiftKey)}
        />
      </div>
      <div className="grid-cell grid-cell-name" role="rowheader" title={name}>
        {name}
      </div>
      {columns.map((c) => {
        switch (c) {
          case 'email':
            return (
              <div key={c} className="grid-cell cell-muted" role="gridcell" title={memberEmail(m)}>
                {memberEmail(m)}
              </div>
            );
          case 'status':
            return (
              <div key={c} className="grid-cell" role="gridcell">
                <span className={m.active ? 'pill pill-success' : 'pill pill-inactive'}>
                  {m.active ? 'Active' : 'Inactive'}
                </span>
              </div>
            );
          case 'groups':
            return (
              <div key={c} className="grid-cell cell-muted" role="gridcell" title={groupNames}>
                {groupNames || '—'}
              </div>
            );
          case 'role':
            return (
              <div key={c} className="grid-cell cell-muted" role="gridcell">
                {m.roles.join(', ') || '—'}
              </div>
            );
          case 'id':
            return (
              <div key={c} className="grid-cell cell-mono" role="gridcell" title={m.id}>
                {m.id}
              </div>
            );
          case 'lastModified':
            return (
              <div key={c} className="grid-cell cell-muted cell-num" role="gridcell">
                {shortDate(m.lastModified)}
              </div>
            );
        }
      })}
    </div>
  );
});

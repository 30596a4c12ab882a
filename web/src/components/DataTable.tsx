// A list's table as the staff and operator pages draw it: in its scroll box (TableScroll, named
// `label`), a row of column headings, then the page's own rows. And a row's button that acts on that
// row (RowAction). The page keeps the list's states (QueryStatus) and what each row says.
import type { ReactNode } from 'react';
import { TableScroll } from './ui.tsx';

/** A column's heading: its text; a number's column right-aligned (num); a column of row buttons named for screen readers only (hidden). */
export type ColumnHeading = string | { text: string; num?: boolean; hidden?: boolean };

export function DataTable({
  label,
  columns,
  children,
  className,
  testId,
  caption,
}: {
  /** The scroll box's name when it scrolls (usually the section's heading). */
  label: string;
  columns: ColumnHeading[];
  /** The rows (<tr>). */
  children?: ReactNode;
  /** Classes besides data-table (closure-table: wrapped text, the action kept in view). */
  className?: string;
  testId?: string;
  /** The table's own name, read only by screen readers. */
  caption?: string;
}) {
  return (
    <TableScroll label={label}>
      <table className={className ? `data-table ${className}` : 'data-table'} data-testid={testId}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) => {
              const { text, num = false, hidden = false } = typeof c === 'string' ? { text: c } : c;
              return (
                <th key={i} scope="col" className={num ? 'num' : undefined}>
                  {hidden ? <span className="visually-hidden">{text}</span> : text}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A button acting on one row (retry, send again, revoke): named in full for screen readers (`label`:
 * which row), off while `busy` (an action of the list runs), and, where it cannot be undone, asking
 * `confirm` first.
 */
export function RowAction({
  children,
  label,
  busy,
  onAct,
  confirm,
  className = 'button secondary',
}: {
  children: ReactNode;
  label: string;
  busy: boolean;
  onAct: () => void;
  confirm?: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={className}
      disabled={busy}
      aria-label={label}
      onClick={() => {
        if (confirm !== undefined && !window.confirm(confirm)) return;
        onAct();
      }}
    >
      {children}
    </button>
  );
}

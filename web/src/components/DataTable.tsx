// A list's table as the staff and operator pages draw it: in its scroll box (TableScroll, named
// `label`), a row of column headings, then the page's own rows; a list query's table (QueryTable)
// says the query's states first, as every page does. And a row's button that acts on that row
// (RowAction). What each row says stays with the page.
import type { ReactNode } from 'react';
import { QueryStatus, TableScroll, type QueryLike } from './ui.tsx';

/** A column's heading: its text; a number's column right-aligned (num); a column of row buttons named for screen readers only (hidden). */
export type ColumnHeading = string | { text: string; num?: boolean; hidden?: boolean };

interface DataTableProps {
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
  /**
   * On a phone each row is a card of label–value lines (styles.css .table-cards), nothing past the screen's edge:
   * the rows' cells then carry their column's name (data-label) and the rows and cells their roles (role="row",
   * role="cell"), which keep it a table to screen readers once its display changes, as the table's own here do.
   */
  cards?: boolean;
}

export function DataTable({ label, columns, children, className, testId, caption, cards = false }: DataTableProps) {
  const classes = ['data-table', ...(cards ? ['table-cards'] : []), ...(className ? [className] : [])].join(' ');
  const role = (r: string) => (cards ? { role: r } : {});
  return (
    <TableScroll label={label}>
      <table className={classes} data-testid={testId} {...role('table')}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead {...role('rowgroup')}>
          <tr {...role('row')}>
            {columns.map((c, i) => {
              const { text, num = false, hidden = false } = typeof c === 'string' ? { text: c } : c;
              return (
                <th key={i} scope="col" className={num ? 'num' : undefined} {...role('columnheader')}>
                  {hidden ? <span className="visually-hidden">{text}</span> : text}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody {...role('rowgroup')}>{children}</tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A list query's table: its states said as on every page (QueryStatus: loading, a failure with a
 * retry, `empty` when no rows came back), then, when rows came back, what goes `above` them (a count)
 * and the table, a `row` each (a <tr> with its key).
 */
export function QueryTable<T, R>({
  query,
  rows,
  empty,
  above,
  row,
  ...table
}: Omit<DataTableProps, 'children'> & {
  query: QueryLike<T>;
  rows: (data: T) => R[];
  empty: ReactNode;
  above?: (data: T) => ReactNode;
  row: (r: R) => ReactNode;
}) {
  const list = query.data === undefined ? [] : rows(query.data);
  return (
    <>
      <QueryStatus query={query} rows={(d) => rows(d).length} empty={empty} />
      {query.data !== undefined && list.length > 0 ? (
        <>
          {above?.(query.data)}
          <DataTable {...table}>{list.map((r) => row(r))}</DataTable>
        </>
      ) : null}
    </>
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

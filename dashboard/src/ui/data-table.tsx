import type { ComponentChildren } from 'preact';

export interface Column<Row> {
  label: string;
  cell(row: Row): ComponentChildren;
  /** Numbers align right. */
  numeric?: boolean;
}

/** A plain, labelled table: the way to read every chart's figures without seeing the chart. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey(row: Row, index: number): string;
  empty?: string;
}) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.label} class={column.numeric ? 'num' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column, columnIndex) =>
                  columnIndex === 0 ? (
                    <th scope="row" key={column.label}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.label} class={column.numeric ? 'num' : undefined}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

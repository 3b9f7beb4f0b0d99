import { useMemo, useState, type ReactNode } from 'react'

export interface Column<Row> {
  key: string
  label: string
  /** The value sorted on; null sorts last. */
  sortValue: (row: Row) => string | number | null
  render: (row: Row) => ReactNode
  numeric?: boolean
}

interface SortableTableProps<Row> {
  label: string
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (row: Row) => string
  initialSort: { key: string; descending: boolean }
  /** Extra classes for the table, e.g. 'table-one-line'. */
  className?: string
}

/** A table whose headers are buttons: click or Enter sorts, again reverses; aria-sort tells screen readers. */
export function SortableTable<Row>({ label, columns, rows, rowKey, initialSort, className }: SortableTableProps<Row>) {
  const [sort, setSort] = useState(initialSort)
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key) ?? columns[0]!
    return [...rows].sort((a, b) => {
      const x = column.sortValue(a)
      const y = column.sortValue(b)
      if (x === y) return 0
      if (x === null) return 1
      if (y === null) return -1
      const order = x < y ? -1 : 1
      return sort.descending ? -order : order
    })
  }, [rows, columns, sort])
  return (
    <table className={className ? `table ${className}` : 'table'} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => {
            const active = c.key === sort.key
            return (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="sort-button" onClick={() => setSort({ key: c.key, descending: active ? !sort.descending : c.numeric === true })}>
                  {c.label}
                  <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.key} className={c.numeric ? 'num' : undefined}>
                {c.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export interface Interval {
  start: number
  end: number
}

/** Merges overlapping intervals; the result is sorted and disjoint. */
export function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end >= i.start).sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const i of sorted) {
    const last = merged.at(-1)
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end)
    else merged.push({ ...i })
  }
  return merged
}

export const totalLength = (intervals: Interval[]) => union(intervals).reduce((sum, i) => sum + (i.end - i.start), 0)

/** Gaps of at least `minGap` between the merged intervals, within [from, to]. */
export function gaps(intervals: Interval[], from: number, to: number, minGap: number): Interval[] {
  const result: Interval[] = []
  let cursor = from
  for (const i of union(intervals)) {
    if (i.start - cursor >= minGap) result.push({ start: cursor, end: i.start })
    cursor = Math.max(cursor, i.end)
  }
  if (to - cursor >= minGap) result.push({ start: cursor, end: to })
  return result
}

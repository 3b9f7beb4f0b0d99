import { expect, it } from 'vitest'
import { formatDuration } from './format-duration'

it('reads durations as a person would, without a trailing zero unit', () => {
  expect([null, NaN, 850, 12_340, 245_000, 20 * 60_000, 3 * 3_600_000 + 12 * 60_000, 3 * 3_600_000, 52 * 3_600_000, 48 * 3_600_000].map(formatDuration)).toEqual([
    '–', '–', '850 ms', '12.3 s', '4 min 5 s', '20 min', '3 h 12 min', '3 h', '2 d 4 h', '2 d',
  ])
})

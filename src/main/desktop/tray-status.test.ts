import { describe, expect, it } from 'vitest'
import { trayView } from './tray-status'

const now = new Date('2026-12-02T15:00:00')
const commands = (view: ReturnType<typeof trayView>) => view.menu.flatMap((item) => (item !== 'separator' && item.command ? [item.command] : []))

describe('tray status', () => {
  it('shows tracking on, today\'s runs, and the menu with pause', () => {
    const view = trayView({ pausedUntil: null, runsToday: 12, lastIngestError: null }, now)
    expect(view.tooltip).toBe('Session Buddy\nTracking on · 12 skill runs today')
    expect(view.icon).toBe('tracking')
    expect(commands(view)).toEqual(['open-window', 'pause-1h', 'open-data-folder', 'quit'])
    expect(view.menu[0]).toEqual({ label: 'Tracking on' })
  })

  it('while paused says until when, offers resume instead of pause, and shows the paused icon', () => {
    const until = new Date('2026-12-02T16:00:00')
    const view = trayView({ pausedUntil: until.toISOString(), runsToday: 1, lastIngestError: null }, now)
    const time = until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    expect(view.menu[0]).toEqual({ label: `Tracking paused until ${time}` })
    expect(view.menu[1]).toEqual({ label: '1 skill run today' })
    expect(commands(view)).toEqual(['open-window', 'resume', 'open-data-folder', 'quit'])
    expect(view.icon).toBe('paused')
  })

  it('names today\'s last ingest problem by file and line, shortened, and forgets it the next day', () => {
    const error = { file: '/home/dev/app/.session-buddy/events/2026-12-02-4242.jsonl', line: 17, reason: `not JSON: ${'x'.repeat(100)}`, at: '2026-12-02T14:10:00' }
    const view = trayView({ pausedUntil: null, runsToday: 0, lastIngestError: error }, now)
    expect(view.icon).toBe('problem')
    const line = view.menu[2] as { label: string }
    expect(line.label).toMatch(/^Last ingest problem: 2026-12-02-4242\.jsonl:17 \(not JSON: x+…\)$/)
    expect(line.label.length).toBeLessThan(110)
    expect(view.tooltip.split('\n')).toHaveLength(3)

    const tomorrow = trayView({ pausedUntil: null, runsToday: 0, lastIngestError: error }, new Date('2026-12-03T09:00:00'))
    expect(tomorrow.icon).toBe('tracking')
    expect(tomorrow.tooltip.split('\n')).toHaveLength(2)
  })
})

import type BetterSqlite3 from 'better-sqlite3'
import type { ChangeBus } from '../api/change-bus'
import { readDesktopSettings } from './desktop-settings'

export interface DesktopNotification {
  title: string
  body: string
}

/** How many failed runs in a row make a notification. */
export const FAILURES_IN_A_ROW = 3
/** Failures that ended this long ago or less are looked at (an event can reach the app a little late). */
const RECENT_MS = 15 * 60_000
/** Checks wait for ingest to go quiet this long, so a burst of events is one check. */
const CHECK_DELAY_MS = 1000

interface FailingSkill {
  projectId: number
  project: string
  skill: string
  /** Consecutive failed runs up to the newest one with a known outcome. */
  inARow: number
  /** The run before the streak (0 when the streak is all there is): the same streak is told once. */
  anchor: number
}

/**
 * Skills whose latest runs (in a tracked project, outcome known) failed `FAILURES_IN_A_ROW` times or more in a
 * row, among skills with a failure that ended recently. Runs whose outcome is unknown, and runs still going,
 * neither break nor extend a streak.
 */
export function failingStreaks(sqlite: BetterSqlite3.Database, now = Date.now()): FailingSkill[] {
  const recent = sqlite
    .prepare(
      `select distinct i.project_id, p.name, i.skill_name from skill_invocations i join projects p on p.id = i.project_id
       where i.status = 'failed' and i.ended_at > ? and p.track = 1`,
    )
    .all(new Date(now - RECENT_MS).toISOString()) as Array<{ project_id: number; name: string; skill_name: string }>
  const lastGood = sqlite.prepare(
    `select id, started_at from skill_invocations where project_id = ? and skill_name = ? and status in ('completed', 'abandoned')
     order by started_at desc, id desc limit 1`,
  )
  const failedSince = sqlite.prepare(
    `select count(*) from skill_invocations where project_id = ? and skill_name = ? and status = 'failed' and started_at > ?`,
  )
  return recent.flatMap((row) => {
    const good = lastGood.get(row.project_id, row.skill_name) as { id: number; started_at: string } | undefined
    const inARow = failedSince.pluck().get(row.project_id, row.skill_name, good?.started_at ?? '') as number
    return inARow >= FAILURES_IN_A_ROW ? [{ projectId: row.project_id, project: row.name, skill: row.skill_name, inARow, anchor: good?.id ?? 0 }] : []
  })
}

/**
 * The desktop app's notifications, both off by default: a skill failed 3 times in a row, and an import
 * finished. Plain TypeScript: the host hands in how to show one (Electron's Notification).
 */
export class DesktopNotifier {
  private timer: NodeJS.Timeout | undefined
  private readonly told = new Set<string>()
  private readonly unsubscribe: () => void

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    changes: ChangeBus,
    private readonly notify: (notification: DesktopNotification) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = changes.subscribe((event) => {
      if (event.finished?.task.startsWith('import:') && this.settings().notifyImportFinished) {
        this.notify({ title: 'Import finished', body: event.finished.summary })
      }
      if (event.topics.includes('sessions')) {
        clearTimeout(this.timer)
        this.timer = setTimeout(() => this.checkFailures(), CHECK_DELAY_MS)
      }
    })
  }

  /** Tells each new streak once; a success or abandon ends it, and the next streak is told again. */
  checkFailures(): void {
    if (!this.sqlite.open || !this.settings().notifySkillFailures) return
    for (const streak of failingStreaks(this.sqlite, this.now())) {
      const key = `${streak.projectId}\0${streak.skill}\0${streak.anchor}`
      if (this.told.has(key)) continue
      this.told.add(key)
      this.notify({
        title: `${streak.skill} failed ${streak.inARow} times in a row`,
        body: `In ${streak.project}. Open Session Buddy to see its runs and errors.`,
      })
    }
  }

  close(): void {
    clearTimeout(this.timer)
    this.unsubscribe()
  }

  private settings() {
    return readDesktopSettings(this.sqlite)
  }
}

import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { watch, type FSWatcher } from 'chokidar'
import { z } from 'zod'
import type { ChangeBus } from '../api/change-bus'
import type { SkillSection } from './skill-file-parser'
import { readSetting, writeSetting } from '../system/app-settings'
import { indexCatalogue, type CatalogueIndexResult } from './catalogue-indexer'
import { catalogueRoots, skillFolders, type CatalogueRoot } from './skill-discovery'
import { all, query } from '../storage/typed-query'

const EXTRA_FOLDERS = 'catalogue.extraFolders'
const WATCH_DEBOUNCE_MS = 250

export interface CatalogueSkill {
  id: number
  projectId: number | null
  projectName: string | null
  path: string
  name: string
  description: string
  kind: 'skill' | 'command'
  sections: SkillSection[]
  deprecated: boolean
  contentHash: string
}

/**
 * The skill catalogue: skill and command files of tracked projects, the user's Claude config
 * folders and extra folders, kept in the `skills` table. A watcher re-indexes as files change, and
 * only files whose content hash changed are parsed again.
 */
export class CatalogueService {
  private watcher: FSWatcher | undefined
  private timer: NodeJS.Timeout | undefined
  private watching = false
  private readonly listeners = new Set<() => void>()
  lastResult: CatalogueIndexResult | undefined

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly changes: ChangeBus,
    private readonly userConfigDirs?: string[],
  ) {}

  extraFolders(): string[] {
    return readSetting(this.sqlite, EXTRA_FOLDERS, z.array(z.string()), [])
  }

  setExtraFolders(folders: string[]): void {
    writeSetting(this.sqlite, EXTRA_FOLDERS, [...new Set(folders.map((f) => path.resolve(f)))])
  }

  roots(): CatalogueRoot[] {
    const projects = all(this.sqlite, query.selectFrom('projects').select(['id', 'path']).where('track', '=', 1).orderBy('id'))
    return catalogueRoots(projects, this.userConfigDirs, this.extraFolders())
  }

  /** Brings the table in line with the files; tells listeners and open UIs when anything changed. */
  refresh(): CatalogueIndexResult {
    const result = indexCatalogue(this.sqlite, this.roots())
    this.lastResult = result
    if (result.indexed + result.removed > 0) {
      this.changes.publish('skills')
      for (const listener of this.listeners) listener()
    }
    return result
  }

  onChanged(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  skills(): CatalogueSkill[] {
    const rows = all(
      this.sqlite,
      query
        .selectFrom('skills as s')
        .leftJoin('projects as p', 'p.id', 's.project_id')
        .select(['s.id', 's.project_id', 'p.name as project_name', 's.path', 's.name', 's.description', 's.kind', 's.sections', 's.deprecated', 's.content_hash'])
        .orderBy('s.name')
        .orderBy('s.path'),
    )
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      projectName: r.project_name,
      path: r.path,
      name: r.name,
      description: r.description,
      kind: r.kind,
      sections: JSON.parse(r.sections) as SkillSection[],
      deprecated: r.deprecated === 1,
      contentHash: r.content_hash,
    }))
  }

  /** Watches every root's skill folders (long-running hosts only). */
  async startWatching(): Promise<void> {
    await this.stopWatching()
    this.watching = true
    const folders = this.roots().flatMap((root) => {
      const { skills, commands } = skillFolders(root)
      return commands ? [skills, commands] : [skills]
    })
    const watcher = watch(folders, { ignoreInitial: true, depth: 6, ignored: (file, stats) => !!stats?.isFile() && !file.endsWith('.md') })
    watcher.on('all', () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.refresh(), WATCH_DEBOUNCE_MS)
    })
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
    this.watcher = watcher
  }

  /** Roots changed (projects, extra folders): watch the new set, if watching at all. */
  async restartWatching(): Promise<void> {
    if (this.watching) await this.startWatching()
  }

  async stopWatching(): Promise<void> {
    this.watching = false
    clearTimeout(this.timer)
    const watcher = this.watcher
    this.watcher = undefined
    await watcher?.close()
  }
}

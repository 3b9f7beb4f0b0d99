import os from 'node:os'
import path from 'node:path'
import { isFile, listFilesDeep, readDirSafe } from '../system/files'

export interface CatalogueRoot {
  /** The registered project the files belong to; null for the user's own skills and extra folders. */
  projectId: number | null
  /** A `.claude` folder, or a folder laid out like one (`skills/`, `commands/`). */
  dir: string
}

/** Where skills live: each tracked project's `.claude`, and the user's `~/.claude`. */
export function catalogueRoots(projects: Array<{ id: number; path: string }>, home = os.homedir()): CatalogueRoot[] {
  return [...projects.map((p) => ({ projectId: p.id, dir: path.join(p.path, '.claude') })), { projectId: null, dir: path.join(home, '.claude') }]
}

/**
 * Skill and command files under a root: `skills/<name>/SKILL.md`, flat `skills/*.md` and
 * `commands/**\/*.md`. README files describe a folder, not a skill, and are left out.
 */
export function discoverSkillFiles(root: CatalogueRoot): string[] {
  const files: string[] = []
  const skills = path.join(root.dir, 'skills')
  for (const entry of readDirSafe(skills)) {
    const full = path.join(skills, entry.name)
    if (entry.isDirectory() && isFile(path.join(full, 'SKILL.md'))) files.push(path.join(full, 'SKILL.md'))
    else if (entry.isFile() && entry.name.endsWith('.md') && !isReadme(entry.name)) files.push(full)
  }
  files.push(...listFilesDeep(path.join(root.dir, 'commands'), (name) => name.endsWith('.md') && !isReadme(name)))
  return files.sort()
}

const isReadme = (name: string) => /^readme\.md$/i.test(name)

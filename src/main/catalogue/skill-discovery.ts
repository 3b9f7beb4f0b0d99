import fs from 'node:fs'
import path from 'node:path'
import { claudeConfigDirs } from '../imports/claude-code/transcript-roots'
import { isFile, listFilesDeep, readDirSafe } from '../system/files'

export interface CatalogueRoot {
  /** The registered project the files belong to; null for the user's own skills and extra folders. */
  projectId: number | null
  /** A `.claude` folder (holding `skills/` and `commands/`), or a folder of skills itself. */
  dir: string
}

/** Where skills live: each tracked project's `.claude`, the user's Claude config folders, and extra folders the user added. */
export function catalogueRoots(projects: Array<{ id: number; path: string }>, userConfigDirs: string[] = claudeConfigDirs(), extraFolders: string[] = []): CatalogueRoot[] {
  return [
    ...projects.map((p) => ({ projectId: p.id, dir: path.join(p.path, '.claude') })),
    ...[...userConfigDirs, ...extraFolders].map((dir) => ({ projectId: null, dir: path.resolve(dir) })),
  ]
}

/** The folders under a root that hold skill files: `skills/` and `commands/`, or the root itself. */
export function skillFolders(root: CatalogueRoot): { skills: string; commands: string | null } {
  const skills = path.join(root.dir, 'skills')
  const commands = path.join(root.dir, 'commands')
  if (fs.existsSync(skills) || fs.existsSync(commands) || path.basename(root.dir) === '.claude') return { skills, commands }
  return { skills: root.dir, commands: null }
}

/**
 * Skill and command files under a root: `skills/<name>/SKILL.md`, flat `skills/*.md` and
 * `commands/**\/*.md`. README files describe a folder, not a skill, and are left out.
 */
export function discoverSkillFiles(root: CatalogueRoot): string[] {
  const files: string[] = []
  const { skills, commands } = skillFolders(root)
  for (const entry of readDirSafe(skills)) {
    const full = path.join(skills, entry.name)
    if (entry.isDirectory() && isFile(path.join(full, 'SKILL.md'))) files.push(path.join(full, 'SKILL.md'))
    else if (entry.isFile() && entry.name.endsWith('.md') && !isReadme(entry.name)) files.push(full)
  }
  if (commands) files.push(...listFilesDeep(commands, (name) => name.endsWith('.md') && !isReadme(name)))
  return files.sort()
}

const isReadme = (name: string) => /^readme\.md$/i.test(name)

import path from 'node:path'
import type { CatalogueStatusView } from '../../shared/api/search'
import { ApiError } from '../../shared/api/errors'
import type { DomainHandlers } from '../api/handler-types'
import type { CatalogueService } from '../catalogue/catalogue.service'
import { skillFolders } from '../catalogue/skill-discovery'
import { openExternal, revealInFolder } from '../system/open-external'
import type { SearchService } from './search.service'

export function createSearchHandlers(
  catalogue: CatalogueService,
  search: SearchService,
): DomainHandlers<'skills-find' | 'catalogue-status' | 'catalogue-refresh' | 'catalogue-settings-set' | 'skill-file-open'> {
  const status = (): CatalogueStatusView => {
    search.start()
    const skills = catalogue.skills()
    const projectNames = new Map(skills.map((s) => [s.projectId, s.projectName]))
    return {
      skills: skills.filter((s) => s.kind === 'skill').length,
      commands: skills.filter((s) => s.kind === 'command').length,
      roots: catalogue.roots().map((root) => {
        const { skills: skillsDir, commands } = skillFolders(root)
        const inside = (file: string) => [skillsDir, commands].some((dir) => dir && file.startsWith(dir + path.sep))
        return { dir: root.dir, projectName: root.projectId === null ? null : (projectNames.get(root.projectId) ?? null), skills: skills.filter((s) => inside(s.path)).length }
      }),
      extraFolders: catalogue.extraFolders(),
      embedder: search.embedStatus(),
      warnings: catalogue.lastResult?.warnings ?? [],
    }
  }
  return {
    'skills-find': (input) => search.find(input),
    'catalogue-status': async () => {
      // The Search page asks for this when it opens: have the encoder ready for its first query.
      search.warm()
      return status()
    },
    'catalogue-refresh': async () => {
      catalogue.refresh()
      return status()
    },
    'catalogue-settings-set': async ({ extraFolders, embedder }) => {
      if (extraFolders) {
        const relative = extraFolders.find((f) => !path.isAbsolute(f))
        if (relative) throw new ApiError('invalid-input', `extra skill folders must be absolute paths: ${relative}`)
        catalogue.setExtraFolders(extraFolders)
        catalogue.refresh()
        await catalogue.restartWatching()
      }
      if (embedder) {
        if (embedder.kind === 'transformers' && path.isAbsolute(embedder.model) === false && !/^[\w.-]+\/[\w.-]+$/.test(embedder.model)) {
          throw new ApiError('invalid-input', `model must be an absolute folder or a Hugging Face id like "Xenova/all-MiniLM-L6-v2": ${embedder.model}`)
        }
        void search.setEmbedder(embedder)
      }
      return status()
    },
    'skill-file-open': async ({ path: file, reveal }) => {
      if (!search.isCatalogued(file)) throw new ApiError('forbidden', `not a catalogued skill file: ${file}`)
      const opened = reveal ? revealInFolder(file) : openExternal(file) && file
      if (!opened) throw new ApiError('conflict', `Session Buddy cannot ${reveal ? 'show folders' : 'open files'} on this machine (no display, or opening is switched off). Copy the path instead: ${file}`)
      return { opened }
    },
  }
}

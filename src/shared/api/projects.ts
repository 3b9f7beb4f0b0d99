import { z } from 'zod'
import { endpoint } from './endpoint'

export interface ProjectView {
  id: number
  path: string
  name: string
  projectType: string
  track: boolean
  includeInInsights: boolean
  storePrompts: boolean
  registeredAt: string
  counts: ProjectRowCounts
}

/** How many stored rows came from a project: what removing it deletes. */
export interface ProjectRowCounts {
  sessions: number
  invocations: number
  workflowRuns: number
  skills: number
  ingestErrors: number
}

/** One path Session Buddy will read once a project is registered, shown before consent. */
export interface ReadPath {
  path: string
  what: string
  exists: boolean
}

export interface ReadPathsView {
  path: string
  name: string
  projectType: string
  readPaths: ReadPath[]
}

/** A folder Claude Code sessions ran in, found from its transcripts on first run. */
export interface DetectedFolderView {
  path: string
  name: string
  sessions: number
  lastActivity: string
  /** The folder is still on disk (a project can be registered only then). */
  exists: boolean
  /** It is, or is inside, a registered project. */
  registered: boolean
  /** The Claude Code plugin's hook ran here while it was not registered (and so recorded nothing). */
  seenByPlugin: boolean
}

export interface OnboardingView {
  transcriptRoots: Array<{ dir: string; exists: boolean }>
  home: string
  folders: DetectedFolderView[]
}

/** What installing or removing Session Buddy's Claude Code hooks would change in a project's settings. */
export interface HooksPreviewView {
  projectId: number
  /** The project's .claude/settings.json. */
  file: string
  /** Our hook entries are there now, for every event we listen to. */
  installed: boolean
  /** The change would alter the file (false: nothing to do). */
  changed: boolean
  /** The settings before and after, line by line. */
  diff: Array<{ change: 'added' | 'removed' | 'same'; text: string }>
}

export interface HooksApplyView {
  file: string
  changed: boolean
  /** Where the previous file was kept, when there was one. */
  backup: string | null
  installed: boolean
}

const projectPath = z.string().trim().min(1, 'Give the folder of the project')
const projectId = z.number().int().positive()

const privacySwitches = {
  track: z.boolean().optional(),
  includeInInsights: z.boolean().optional(),
  storePrompts: z.boolean().optional(),
}

const hooksChange = z.object({ projectId: z.number().int().positive(), action: z.enum(['install', 'uninstall']) }).strict()

export const projectsApi = {
  /** The change to a project's .claude/settings.json that installing (or removing) the hooks would make. */
  'hooks-preview': endpoint<HooksPreviewView>()(hooksChange),
  /** Makes that change, keeping the previous file as a backup. */
  'hooks-apply': endpoint<HooksApplyView>()(hooksChange),
  'projects-list': endpoint<ProjectView[]>()(z.object({}).strict()),
  /** First run: the folders Claude Code's transcripts mention, with their sessions and last activity. */
  'onboarding-detect': endpoint<OnboardingView>()(z.object({}).strict()),
  /** Folders under the home folder that complete a typed path (the browser has no folder dialog). */
  'folders-complete': endpoint<{ folders: string[] }>()(z.object({ input: z.string().max(4096) }).strict()),
  'projects-preview': endpoint<ReadPathsView>()(z.object({ path: projectPath }).strict()),
  'projects-add': endpoint<ProjectView>()(z.object({ path: projectPath, ...privacySwitches }).strict()),
  'projects-update': endpoint<ProjectView>()(z.object({ id: projectId, ...privacySwitches }).strict()),
  'projects-remove': endpoint<{ removed: ProjectView }>()(z.object({ id: projectId }).strict()),
}

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
}

export interface OnboardingView {
  transcriptRoots: Array<{ dir: string; exists: boolean }>
  home: string
  folders: DetectedFolderView[]
}

const projectPath = z.string().trim().min(1, 'Give the folder of the project')
const projectId = z.number().int().positive()

const privacySwitches = {
  track: z.boolean().optional(),
  includeInInsights: z.boolean().optional(),
  storePrompts: z.boolean().optional(),
}

export const projectsApi = {
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

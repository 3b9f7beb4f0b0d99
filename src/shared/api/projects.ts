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

const projectPath = z.string().trim().min(1, 'Give the folder of the project')
const projectId = z.number().int().positive()

const privacySwitches = {
  track: z.boolean().optional(),
  includeInInsights: z.boolean().optional(),
  storePrompts: z.boolean().optional(),
}

export const projectsApi = {
  'projects-list': endpoint<ProjectView[]>()(z.object({}).strict()),
  'projects-preview': endpoint<ReadPathsView>()(z.object({ path: projectPath }).strict()),
  'projects-add': endpoint<ProjectView>()(z.object({ path: projectPath, ...privacySwitches }).strict()),
  'projects-update': endpoint<ProjectView>()(z.object({ id: projectId, ...privacySwitches }).strict()),
  'projects-remove': endpoint<{ removed: ProjectView }>()(z.object({ id: projectId }).strict()),
}

import path from 'node:path'
import { parse as parseYaml } from 'yaml'

export interface SkillSection {
  heading: string
  text: string
}

export interface ParsedSkillFile {
  name: string
  description: string
  /** Where the description came from: the file's metadata, or its first paragraph. */
  descriptionSource: 'front-matter' | 'first-paragraph' | 'none'
  kind: 'skill' | 'command'
  title: string | null
  deprecated: boolean
  metadata: Record<string, unknown>
  sections: SkillSection[]
  /** Things that were off but recovered from, e.g. front matter that is not valid YAML. */
  warnings: string[]
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/
/** A markdown formatter turns `---` into a long underscore rule (seen in real repositories). */
const RULE = /^_{10,}[ \t]*$/m
const FORMATTED_HEADING = /^#{1,6}\s+name:\s*(\S+)(?:\s+description:\s*([\s\S]*))?$/
const MAX_SECTION_CHARS = 4000

/**
 * Reads a skill or command markdown file: YAML front matter (plain, quoted, block scalars), the
 * formatter-mangled forms found in real repositories (`____` rule + `## name: X description: Y`,
 * or a rule around loose `title:`/`owner:` lines), or no metadata at all (name from the folder or file).
 */
export function parseSkillFile(filePath: string, text: string): ParsedSkillFile {
  const warnings: string[] = []
  let metadata: Record<string, unknown> = {}
  let body = text.replace(/^\uFEFF/, '')

  const front = FRONT_MATTER.exec(body)
  if (front) {
    metadata = readYaml(front[1]!, filePath, warnings)
    body = body.slice(front[0].length)
  } else if (/^\s*_{10,}/.test(body)) {
    const afterRule = body.replace(/^\s*_{10,}[ \t]*\r?\n/, '')
    const firstLine = afterRule.replace(/^\s*\n/, '').split('\n')[0]!.trim()
    const heading = FORMATTED_HEADING.exec(firstLine)
    if (heading) {
      metadata = { name: heading[1], ...(heading[2] ? { description: unquote(heading[2].trim()) } : {}) }
      body = afterRule.replace(/^\s*\n/, '').split('\n').slice(1).join('\n')
    } else {
      const end = RULE.exec(afterRule)
      const block = end ? afterRule.slice(0, end.index) : ''
      if (/^\s*[A-Za-z_][\w-]*:\s/m.test(block)) {
        metadata = readYaml(block, filePath, warnings)
        body = afterRule.slice(end!.index).replace(RULE, '')
      }
    }
  }

  const kind: ParsedSkillFile['kind'] = filePath.split(path.sep).includes('commands') ? 'command' : 'skill'
  const stem = path.basename(filePath, path.extname(filePath))
  const fallbackName = stem.toUpperCase() === 'SKILL' ? path.basename(path.dirname(filePath)) : stem
  const name = stringField(metadata.name) ?? fallbackName
  const sections = splitSections(body)
  const declared = stringField(metadata.description)
  const firstParagraph = declared ? null : firstParagraphOf(body)
  const description = declared ?? firstParagraph ?? ''
  return {
    name,
    description,
    descriptionSource: declared ? 'front-matter' : firstParagraph ? 'first-paragraph' : 'none',
    kind,
    title: stringField(metadata.title) ?? sections[0]?.heading ?? null,
    deprecated: isDeprecated(metadata, description),
    metadata,
    sections,
    warnings,
  }
}

function readYaml(source: string, filePath: string, warnings: string[]): Record<string, unknown> {
  try {
    const value: unknown = parseYaml(source)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
    warnings.push(`${filePath}: front matter is not a mapping`)
  } catch (error) {
    warnings.push(`${filePath}: front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); read line by line instead`)
    return looseKeyValues(source)
  }
  return {}
}

/** `key: value` lines, for front matter a YAML parser refuses (unquoted colons in values are common). */
function looseKeyValues(source: string): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const line of source.split('\n')) {
    const match = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line.trim())
    if (match && match[2]) result[match[1]!] = match[2].replace(/^["']|["']$/g, '')
  }
  return result
}

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value
}

function stringField(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.replace(/\s+/g, ' ').trim()
  return trimmed || null
}

function splitSections(body: string): SkillSection[] {
  const sections: SkillSection[] = []
  let current: SkillSection | null = null
  let inFence = false
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence
    const heading = !inFence && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)
    if (heading) {
      current = { heading: heading[1]!, text: '' }
      sections.push(current)
    } else if (current && current.text.length < MAX_SECTION_CHARS) {
      current.text += `${line}\n`
    } else if (!current && line.trim()) {
      current = { heading: '', text: `${line}\n` }
      sections.push(current)
    }
  }
  return sections.map((s) => ({ heading: s.heading, text: s.text.trim().slice(0, MAX_SECTION_CHARS) })).filter((s) => s.heading || s.text)
}

function firstParagraphOf(body: string): string | null {
  let inFence = false
  const paragraph: string[] = []
  for (const raw of body.split('\n')) {
    const line = raw.trim()
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence
      if (paragraph.length) break
      continue
    }
    if (inFence) continue
    if (!line || /^#{1,6}\s/.test(line) || /^_{3,}$|^-{3,}$/.test(line)) {
      if (paragraph.length) break
      continue
    }
    paragraph.push(line.replace(/^\*\*(.*)\*\*$/, '$1'))
  }
  const text = paragraph.join(' ').trim()
  return text ? text.slice(0, 500) : null
}

function isDeprecated(metadata: Record<string, unknown>, description: string): boolean {
  if (metadata.deprecated === true || metadata.status === 'deprecated') return true
  return /^\s*[[(]?deprecated\b|\bdeprecated[:;,.\]]/i.test(description)
}

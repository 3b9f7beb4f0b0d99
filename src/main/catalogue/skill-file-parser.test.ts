import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFilesDeep } from '../system/files'
import { SHARED_AVAILABLE, SHARED_SKIP_MESSAGE, corpusPath } from '../test-support/shared-corpus'
import { parseSkillFile } from './skill-file-parser'

const p = (...parts: string[]) => path.join('/repo', ...parts)

describe('parseSkillFile', () => {
  it('reads YAML front matter with plain, quoted and block scalars', () => {
    const plain = parseSkillFile(p('.claude/skills/debugging/SKILL.md'), '---\nname: debugging\ndescription: Use when stuck: tests fail\n---\n# Debugging\nSteps.')
    expect(plain).toMatchObject({ name: 'debugging', description: 'Use when stuck: tests fail', kind: 'skill', descriptionSource: 'front-matter' })
    const folded = parseSkillFile(p('.claude/skills/x/SKILL.md'), '---\nname: x\ndescription: >-\n  First line\n  second line\n---\nBody')
    expect(folded.description).toBe('First line second line')
    const literal = parseSkillFile(p('.claude/skills/y/SKILL.md'), '---\nname: "y"\ndescription: |\n  Line one\n  Line two\n---\n')
    expect(literal.description).toBe('Line one Line two')
  })

  it('recovers formatter-mangled metadata and files without any', () => {
    const rule = '_'.repeat(70)
    const mangled = parseSkillFile(p('skills/session-end.md'), `${rule}\n\n## name: session-end description: End the session with cleanup\n\n# Session End\n\nEnd it.`)
    expect(mangled).toMatchObject({ name: 'session-end', description: 'End the session with cleanup', title: 'Session End' })
    const loose = parseSkillFile(p('.claude/commands/workflows/review.md'), `${rule}\n\ntitle: Multi-Stage Review\nowner: workflow\n\n${rule}\n\n## Review\n\nUse this for deep review.\n`)
    expect(loose).toMatchObject({ name: 'review', kind: 'command', title: 'Multi-Stage Review', description: 'Use this for deep review.', descriptionSource: 'first-paragraph' })
    const bare = parseSkillFile(p('.claude/commands/toggle-verbose.md'), '# Toggle Verbose\n\nToggle verbose mode on or off.\n\n## Usage\n\n/toggle-verbose on')
    expect(bare).toMatchObject({ name: 'toggle-verbose', description: 'Toggle verbose mode on or off.', sections: [{ heading: 'Toggle Verbose' }, { heading: 'Usage' }] })
  })

  it('marks deprecated skills and survives invalid YAML', () => {
    expect(parseSkillFile(p('commands/brainstorm.md'), '---\ndescription: "Deprecated - use the brainstorming skill"\n---\n').deprecated).toBe(true)
    expect(parseSkillFile(p('skills/enc/SKILL.md'), '---\ndescription: "[DEPRECATED] Use AGENTS.md files instead."\n---\n').deprecated).toBe(true)
    expect(parseSkillFile(p('skills/ok/SKILL.md'), '---\ndescription: Use when replacing deprecated APIs in a codebase\n---\n').deprecated).toBe(false)
    const quoted = parseSkillFile(p('skills/s.md'), `${'_'.repeat(70)}\n\n## name: s description: "Auto-trigger: surfaces status"\n`)
    expect(quoted.description).toBe('Auto-trigger: surfaces status')
    const broken = parseSkillFile(p('.claude/skills/z/SKILL.md'), '---\nname: z\ndescription: a: b: c\n  - [\n---\n')
    expect(broken.name).toBe('z')
    expect(broken.warnings[0]).toMatch(/not valid YAML/)
  })
})

describe.skipIf(!SHARED_AVAILABLE)(`every skill file in the shared corpus ${SHARED_AVAILABLE ? '' : SHARED_SKIP_MESSAGE}`, () => {
  it('yields a name, and a description wherever the file has one', () => {
    const root = corpusPath('skills')
    const files = listFilesDeep(root, (name) => name.endsWith('.md'))
    expect(files).toHaveLength(110)
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8')
      const parsed = parseSkillFile(file, text)
      const where = path.relative(root, file)
      expect(parsed.name, where).toMatch(/\S/)
      const declaresDescription = /^(#+\s+name:.*\s)?description:/m.test(text.split('\n').slice(0, 40).join('\n')) || /^##\s+name:\s*\S+\s+description:/m.test(text)
      if (declaresDescription) {
        expect(parsed.descriptionSource, where).toBe('front-matter')
        expect(parsed.description.length, where).toBeGreaterThan(10)
      }
      expect(parsed.description, where).toMatch(/\S/)
    }
  })
})

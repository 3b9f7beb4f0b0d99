import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseWithProject } from '../test-support/project-db'
import { tempDir, writeFile } from '../test-support/temp-dir'
import { indexCatalogue } from './catalogue-indexer'
import { catalogueRoots, discoverSkillFiles } from './skill-discovery'


describe('skill catalogue', () => {
  it('finds SKILL.md folders, flat skills and nested commands, but not READMEs', () => {
    const claude = path.join(tempDir(), '.claude')
    writeFile(path.join(claude, 'skills', 'debugging', 'SKILL.md'), '---\nname: debugging\ndescription: Use when stuck\n---\n')
    writeFile(path.join(claude, 'skills', 'patterns.md'), '---\nname: patterns\ndescription: Project patterns\n---\n')
    writeFile(path.join(claude, 'skills', 'README.md'), '# Skills\n')
    writeFile(path.join(claude, 'skills', 'notes', 'draft.txt'), 'not a skill')
    writeFile(path.join(claude, 'commands', 'workflows', 'review.md'), '# Review\n\nDeep review.\n')
    expect(discoverSkillFiles({ projectId: 1, dir: claude }).map((f) => path.relative(claude, f))).toEqual([
      path.join('commands', 'workflows', 'review.md'),
      path.join('skills', 'debugging', 'SKILL.md'),
      path.join('skills', 'patterns.md'),
    ])
  })

  it('indexes once, re-parses only changed files, and drops removed ones', async () => {
    const t = await databaseWithProject()
    const home = tempDir()
    const roots = catalogueRoots([{ id: t.project.id, path: t.projectPath }], [path.join(home, '.claude')])
    const skill = path.join(t.projectPath, '.claude', 'skills', 'debugging', 'SKILL.md')
    writeFile(skill, '---\nname: debugging\ndescription: Use when stuck\n---\n# Steps\nReproduce first.')
    writeFile(path.join(home, '.claude', 'skills', 'mine', 'SKILL.md'), '---\nname: mine\ndescription: My own skill\n---\n')
    expect(indexCatalogue(t.sqlite, roots)).toMatchObject({ scanned: 2, indexed: 2, unchanged: 0, removed: 0 })
    expect(t.sqlite.prepare('select name, project_id, kind, sections from skills order by name').all()).toEqual([
      { name: 'debugging', project_id: t.project.id, kind: 'skill', sections: JSON.stringify([{ heading: 'Steps', text: 'Reproduce first.' }]) },
      { name: 'mine', project_id: null, kind: 'skill', sections: '[]' },
    ])
    expect(indexCatalogue(t.sqlite, roots)).toMatchObject({ scanned: 2, indexed: 0, unchanged: 2 })
    writeFile(skill, '---\nname: debugging\ndescription: Use when a test fails\n---\n')
    expect(indexCatalogue(t.sqlite, roots)).toMatchObject({ indexed: 1, unchanged: 1 })
    expect(t.sqlite.prepare("select description from skills where name = 'debugging'").pluck().get()).toBe('Use when a test fails')
    fs.rmSync(path.dirname(skill), { recursive: true })
    expect(indexCatalogue(t.sqlite, roots)).toMatchObject({ scanned: 1, removed: 1 })
    // A root no longer scanned (project untracked) takes its skills with it.
    expect(indexCatalogue(t.sqlite, roots.slice(0, 1))).toMatchObject({ scanned: 0, removed: 1 })
  })

  it('reads an extra folder that holds skills directly', () => {
    const extra = tempDir()
    writeFile(path.join(extra, 'writing', 'SKILL.md'), '---\nname: writing\ndescription: Write well\n---\n')
    writeFile(path.join(extra, 'flat.md'), '# Flat\n\nA flat skill.\n')
    const [root] = catalogueRoots([], [], [extra])
    expect(discoverSkillFiles(root!).map((f) => path.relative(extra, f))).toEqual(['flat.md', path.join('writing', 'SKILL.md')])
  })
})

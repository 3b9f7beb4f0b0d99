import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseWithProject } from '../test-support/project-db'
import { HOOKED_EVENTS } from './claude-settings'
import { createHooksHandlers } from './hooks.handlers'

const COMMAND = '"/usr/bin/node" "/opt/session-buddy/bin/session-buddy.js" hook'

async function setup(existing?: string) {
  const { database, projectPath, project } = await databaseWithProject()
  const file = path.join(projectPath, '.claude', 'settings.json')
  if (existing !== undefined) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, existing)
  }
  return { handlers: createHooksHandlers(database.db, COMMAND), projectId: project.id, file }
}

describe('hooks from the app', () => {
  it('previews the install as a diff of the file on disk, writes only when asked, and keeps the user\'s own settings and a backup', async () => {
    const own = `${JSON.stringify({ permissions: { allow: ['Bash(npm test)'] } }, null, 2)}\n`
    const { handlers, projectId, file } = await setup(own)
    const preview = await handlers['hooks-preview']({ projectId, action: 'install' })
    expect(preview).toMatchObject({ file, installed: false, changed: true })
    expect(fs.readFileSync(file, 'utf8')).toBe(own)
    // The user's lines stay; ours are added.
    expect(preview.diff.filter((l) => l.change === 'removed')).toEqual([])
    expect(preview.diff.filter((l) => l.change === 'same').map((l) => l.text)).toContain('      "Bash(npm test)"')
    expect(preview.diff.filter((l) => l.change === 'added').map((l) => l.text.trim())).toContain(`"command": ${JSON.stringify(COMMAND)},`)

    const applied = await handlers['hooks-apply']({ projectId, action: 'install' })
    expect(applied).toEqual({ file, changed: true, backup: `${file}.session-buddy-backup`, installed: true })
    const written = JSON.parse(fs.readFileSync(file, 'utf8'))
    expect(written.permissions).toEqual({ allow: ['Bash(npm test)'] })
    expect(Object.keys(written.hooks)).toEqual(HOOKED_EVENTS.map((e) => e.event))
    expect(fs.readFileSync(`${file}.session-buddy-backup`, 'utf8')).toBe(own)

    // Again: nothing to change. Removing takes out only our entries.
    expect(await handlers['hooks-preview']({ projectId, action: 'install' })).toMatchObject({ installed: true, changed: false })
    expect(await handlers['hooks-apply']({ projectId, action: 'uninstall' })).toMatchObject({ changed: true, installed: false })
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ permissions: { allow: ['Bash(npm test)'] } })
  })

  it('creates the file when there is none, and refuses a settings file it cannot read, naming it and its line', async () => {
    const fresh = await setup()
    const preview = await fresh.handlers['hooks-preview']({ projectId: fresh.projectId, action: 'install' })
    expect(preview.diff.every((l) => l.change === 'added')).toBe(true)
    expect(preview.diff[0]).toEqual({ change: 'added', text: '{' })

    const broken = await setup('{\n  "hooks": {\n    "SessionStart": [,]\n  }\n}\n')
    await expect(broken.handlers['hooks-preview']({ projectId: broken.projectId, action: 'install' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(new RegExp(`^${broken.file.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:22: cannot read it .*nothing was changed$`)),
    })
    await expect(broken.handlers['hooks-apply']({ projectId: broken.projectId, action: 'install' })).rejects.toMatchObject({ code: 'invalid-input' })
    expect(fs.readFileSync(broken.file, 'utf8')).toContain('[,]')
    await expect(broken.handlers['hooks-preview']({ projectId: 999, action: 'install' })).rejects.toMatchObject({ code: 'not-found' })
  })
})

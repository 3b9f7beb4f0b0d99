// electron-builder afterPack: copies the hook Claude Code runs on every event into resources/hook/, beside
// app.asar. Electron cannot run it (the RunAsNode fuse is off) and Node cannot read app.asar, so the hook
// command of the installed app is `node "<resources>/hook/bin/session-buddy.js" hook`
// (src/main/hooks/claude-settings.ts). Its files require node:* modules only.
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.join(__dirname, '..')

function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    return path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
  }
  return path.join(context.appOutDir, 'resources')
}

function copyHookBundle(resources) {
  const target = path.join(resources, 'hook')
  fs.rmSync(target, { recursive: true, force: true })
  fs.mkdirSync(path.join(target, 'bin'), { recursive: true })
  fs.copyFileSync(path.join(ROOT, 'bin', 'session-buddy.js'), path.join(target, 'bin', 'session-buddy.js'))
  const out = path.join(target, 'out', 'main')
  fs.mkdirSync(path.join(out, 'chunks'), { recursive: true })
  fs.copyFileSync(path.join(ROOT, 'out', 'main', 'hook.js'), path.join(out, 'hook.js'))
  for (const chunk of fs.readdirSync(path.join(ROOT, 'out', 'main', 'chunks'))) {
    if (chunk.endsWith('.js')) fs.copyFileSync(path.join(ROOT, 'out', 'main', 'chunks', chunk), path.join(out, 'chunks', chunk))
  }
  return target
}

module.exports = async function afterPack(context) {
  copyHookBundle(resourcesDir(context))
}
module.exports.copyHookBundle = copyHookBundle

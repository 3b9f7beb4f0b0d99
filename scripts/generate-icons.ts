// Renders resources/*.svg to the PNGs the desktop app and its installers use (run after changing an SVG):
// icon.png at 512 px (electron-builder makes .icns and .ico from it), tray icons at 16 px and @2x 32 px.
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_PATH } from '../playwright.config'

const RESOURCES = path.join(__dirname, '..', 'resources')
const OUTPUTS: Array<{ svg: string; png: string; size: number }> = [
  { svg: 'icon.svg', png: 'icon.png', size: 512 },
  ...['tray', 'tray-paused', 'tray-problem'].flatMap((name) => [
    { svg: `${name}.svg`, png: `${name}.png`, size: 16 },
    { svg: `${name}.svg`, png: `${name}@2x.png`, size: 32 },
  ]),
]

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] })
  try {
    for (const { svg, png, size } of OUTPUTS) {
      const page = await browser.newPage({ viewport: { width: size, height: size } })
      const markup = fs.readFileSync(path.join(RESOURCES, svg), 'utf8')
      await page.setContent(`<body style="margin:0;background:transparent">${markup.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`)
      await page.screenshot({ path: path.join(RESOURCES, png), omitBackground: true })
      await page.close()
      process.stdout.write(`${png} (${size}×${size})\n`)
    }
  } finally {
    await browser.close()
  }
}

void main()

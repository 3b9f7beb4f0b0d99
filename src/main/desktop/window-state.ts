import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rectangle
  maximized: boolean
}

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_SIZE = { width: 1280, height: 820 }
export const MIN_SIZE = { width: 900, height: 600 }

const stateSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
})

/**
 * The window's last size, position and maximised state, fitted to the displays there are now: a
 * window last seen on a monitor that is gone comes back centred on the first display, and one larger
 * than the display shrinks to fit. A missing or unreadable file gives the default size.
 */
export function restoreWindowState(dataDir: string, workAreas: Rectangle[]): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE }
  let saved: WindowState | undefined
  try {
    saved = stateSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8')))
  } catch {
    saved = undefined
  }
  if (!saved) return { bounds: fit(DEFAULT_SIZE, primary), maximized: false }
  const area = workAreas.find((a) => overlap(saved.bounds, a) >= 0.5 * saved.bounds.width * saved.bounds.height)
  if (!area) return { bounds: centred(fit(saved.bounds, primary), primary), maximized: saved.maximized }
  const size = fit(saved.bounds, area)
  return {
    bounds: { ...size, x: clamp(saved.bounds.x, area.x, area.x + area.width - size.width), y: clamp(saved.bounds.y, area.y, area.y + area.height - size.height) },
    maximized: saved.maximized,
  }
}

/** Keeps the window's normal (not maximised) bounds and whether it was maximised; written whole, then renamed. */
export function saveWindowState(dataDir: string, state: WindowState): void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, WINDOW_STATE_FILE)
  const rounded = { x: Math.round(state.bounds.x), y: Math.round(state.bounds.y), width: Math.round(state.bounds.width), height: Math.round(state.bounds.height) }
  const temp = `${file}.tmp-${process.pid}`
  fs.writeFileSync(temp, `${JSON.stringify({ bounds: rounded, maximized: state.maximized })}\n`)
  fs.renameSync(temp, file)
}

function fit(size: { width: number; height: number }, area: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(Math.min(MIN_SIZE.width, area.width), Math.min(size.width, area.width)),
    height: Math.max(Math.min(MIN_SIZE.height, area.height), Math.min(size.height, area.height)),
  }
}

function centred(size: { width: number; height: number }, area: Rectangle): Rectangle {
  return { ...size, x: Math.round(area.x + (area.width - size.width) / 2), y: Math.round(area.y + (area.height - size.height) / 2) }
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max))

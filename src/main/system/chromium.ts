import fs from 'node:fs'

/**
 * Flags for a headless Chromium that opens no connection of its own (no background networking,
 * component updates, sync or QUIC): used to print reports, by the end-to-end tests and the benchmark.
 */
export const CHROMIUM_OFFLINE_ARGS = ['--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
]

/** `CHROMIUM_PATH` when set, else the first usual install location that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CHROMIUM_PATH
  if (configured) return fs.existsSync(configured) ? configured : null
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null
}

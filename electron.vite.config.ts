import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// One build for every host: out/main/index.js (Electron), out/main/cli.js (CLI and HTTP server),
// out/preload/index.js (sandboxed preload, CommonJS) and out/renderer (the UI, also served over HTTP).
export default defineConfig({
  main: {
    build: {
      // Bundled in rather than loaded from node_modules file by file: kysely alone is 263 files, and
      // resolving and compiling them one by one was most of every CLI command's start-up time.
      // (They are devDependencies for that reason: the published package carries them inside out/.)
      externalizeDeps: { exclude: ['kysely', 'zod', 'yaml', 'commander', 'd3-scale', 'minisearch'] },
      rollupOptions: {
        // An optional install the user adds beside session-buddy (package.json "//"), never bundled.
        external: ['@huggingface/transformers'],
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          hook: resolve(__dirname, 'src/main/hooks/hook-entry.ts'),
          'parse-worker': resolve(__dirname, 'src/main/ingest/parse-worker.ts'),
          'embed-worker': resolve(__dirname, 'src/main/search/embed-worker.ts'),
          'team-snapshot-worker': resolve(__dirname, 'src/main/team-metrics/snapshot-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})

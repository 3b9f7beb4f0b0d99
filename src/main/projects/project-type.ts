import fs from 'node:fs'
import path from 'node:path'

/** Manifest file → project type, checked in this order (a Python project with a package.json for tooling is Python). */
const MANIFESTS: Array<[file: string, type: string]> = [
  ['pyproject.toml', 'python'],
  ['setup.py', 'python'],
  ['requirements.txt', 'python'],
  ['Cargo.toml', 'rust'],
  ['go.mod', 'go'],
  ['pom.xml', 'java'],
  ['build.gradle', 'java'],
  ['build.gradle.kts', 'kotlin'],
  ['Gemfile', 'ruby'],
  ['composer.json', 'php'],
  ['mix.exs', 'elixir'],
  ['Package.swift', 'swift'],
  ['deno.json', 'deno'],
  ['package.json', 'node'],
]

export function detectProjectType(projectPath: string): string {
  for (const [file, type] of MANIFESTS) {
    if (fs.existsSync(path.join(projectPath, file))) return type
  }
  return 'unknown'
}

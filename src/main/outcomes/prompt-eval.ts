import fs from 'node:fs'
import { classifyPrompt, type PromptClass } from './prompt-classifier'

export const PROMPT_CLASSES: PromptClass[] = ['correction', 'acceptance', 'new-request']

export interface LabelledPrompt {
  prompt: string
  label: PromptClass
  line: number
}

export interface PromptEvaluation {
  total: number
  /** confusion[actual][predicted] */
  confusion: Record<PromptClass, Record<PromptClass, number>>
  perClass: Record<PromptClass, { precision: number | null; recall: number | null; support: number }>
  misses: Array<LabelledPrompt & { predicted: PromptClass; rule: string }>
}

/** Reads a JSONL file of { prompt, label }; a bad line is an error naming the file and line. */
export function readLabelledPrompts(file: string): LabelledPrompt[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      if (!text.trim()) return []
      let value: { prompt?: unknown; label?: unknown }
      try {
        value = JSON.parse(text)
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`, { cause: error })
      }
      if (typeof value.prompt !== 'string' || !value.prompt.trim()) throw new Error(`${file}:${i + 1}: "prompt" must be a non-empty string`)
      if (!PROMPT_CLASSES.includes(value.label as PromptClass)) throw new Error(`${file}:${i + 1}: "label" must be one of ${PROMPT_CLASSES.join(', ')}`)
      return [{ prompt: value.prompt, label: value.label as PromptClass, line: i + 1 }]
    })
}

export function evaluatePrompts(prompts: LabelledPrompt[]): PromptEvaluation {
  const zero = () => Object.fromEntries(PROMPT_CLASSES.map((c) => [c, 0])) as Record<PromptClass, number>
  const confusion = Object.fromEntries(PROMPT_CLASSES.map((c) => [c, zero()])) as PromptEvaluation['confusion']
  const misses: PromptEvaluation['misses'] = []
  for (const p of prompts) {
    const { label: predicted, rule } = classifyPrompt(p.prompt)
    confusion[p.label][predicted]++
    if (predicted !== p.label) misses.push({ ...p, predicted, rule })
  }
  const perClass = Object.fromEntries(
    PROMPT_CLASSES.map((c) => {
      const predicted = PROMPT_CLASSES.reduce((n, actual) => n + confusion[actual][c], 0)
      const support = PROMPT_CLASSES.reduce((n, guess) => n + confusion[c][guess], 0)
      return [c, { precision: predicted ? confusion[c][c] / predicted : null, recall: support ? confusion[c][c] / support : null, support }]
    }),
  ) as PromptEvaluation['perClass']
  return { total: prompts.length, confusion, perClass, misses }
}

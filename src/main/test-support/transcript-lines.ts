/**
 * Builds Claude Code transcript lines in their real shapes (see the shared corpus): user prompts,
 * assistant text and tool calls, tool results, turn markers, interrupts. Seconds count from a fixed start.
 */
export class TranscriptLines {
  private readonly lines: Array<Record<string, unknown>> = []
  private n = 0

  constructor(
    private readonly cwd = '/home/dev/app',
    private readonly sessionId = 'sess-outcomes',
    private readonly start = Date.UTC(2026, 10, 20, 9, 0, 0),
  ) {}

  at(seconds: number): string {
    return new Date(this.start + seconds * 1000).toISOString()
  }

  private push(seconds: number, line: Record<string, unknown>): this {
    this.n++
    this.lines.push({ parentUuid: null, isSidechain: false, userType: 'external', cwd: this.cwd, sessionId: this.sessionId, version: '2.1.3', gitBranch: 'main', uuid: `line-${this.n}`, timestamp: this.at(seconds), ...line })
    return this
  }

  prompt(seconds: number, text: string): this {
    return this.push(seconds, { type: 'user', message: { role: 'user', content: text } })
  }

  command(seconds: number, name: string, args = ''): this {
    return this.prompt(seconds, `<command-message>${name} is running…</command-message>\n<command-name>/${name}</command-name>\n<command-args>${args}</command-args>`)
  }

  interrupt(seconds: number, forToolUse = false): this {
    return this.push(seconds, { type: 'user', message: { role: 'user', content: [{ type: 'text', text: `[Request interrupted by user${forToolUse ? ' for tool use' : ''}]` }] } })
  }

  text(seconds: number, text: string): this {
    return this.push(seconds, { type: 'assistant', message: { id: `msg_${this.n}`, model: 'claude-opus-4-6', role: 'assistant', type: 'message', stop_reason: null, content: [{ type: 'text', text }] } })
  }

  /** A reply that reports its tokens, as every real assistant line does (message.usage, with a request id). */
  reply(seconds: number, text: string, usage: { input: number; output: number; cacheWrite?: number; cacheRead?: number }, model = 'claude-opus-4-6'): this {
    return this.push(seconds, {
      type: 'assistant',
      requestId: `req_${this.sessionId}_${this.n}`,
      message: {
        id: `msg_${this.sessionId}_${this.n}`,
        model,
        role: 'assistant',
        type: 'message',
        stop_reason: null,
        content: [{ type: 'text', text }],
        usage: { input_tokens: usage.input, output_tokens: usage.output, cache_creation_input_tokens: usage.cacheWrite ?? 0, cache_read_input_tokens: usage.cacheRead ?? 0 },
      },
    })
  }

  tool(seconds: number, id: string, name: string, input: Record<string, unknown>): this {
    return this.push(seconds, { type: 'assistant', message: { id: `msg_${this.n}`, model: 'claude-opus-4-6', role: 'assistant', type: 'message', stop_reason: 'tool_use', content: [{ type: 'tool_use', id, name, input }] } })
  }

  skill(seconds: number, id: string, skill: string): this {
    return this.tool(seconds, id, 'Skill', { skill }).result(seconds + 1, id, `Launching skill: ${skill}`, false, { success: true, commandName: skill })
  }

  result(seconds: number, id: string, content: string, isError = false, toolUseResult?: unknown): this {
    return this.push(seconds, {
      type: 'user',
      message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content, ...(isError ? { is_error: true } : {}) }] },
      toolUseResult: toolUseResult ?? (isError ? `Error: ${content}` : { stdout: content, stderr: '', interrupted: false }),
    })
  }

  /** Bash run and its result: exit code 0 or an error, as Claude Code records a failing command. */
  bash(seconds: number, id: string, command: string, ok: boolean): this {
    return this.tool(seconds, id, 'Bash', { command, description: 'Run it' }).result(seconds + 1, id, ok ? 'ok' : 'Exit code 1\nFAILED', !ok)
  }

  turnEnd(seconds: number, durationMs = 0): this {
    this.push(seconds, { type: 'system', subtype: 'stop_hook_summary', hookCount: 1, hookInfos: [], hookErrors: [], preventedContinuation: false, stopReason: '', hasOutput: false, level: 'suggestion' })
    return this.push(seconds, { type: 'system', subtype: 'turn_duration', durationMs, isMeta: false })
  }

  toString(): string {
    return this.lines.map((l) => JSON.stringify(l)).join('\n')
  }

  toLines(): string[] {
    return this.lines.map((l) => JSON.stringify(l))
  }
}

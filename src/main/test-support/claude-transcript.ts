/** A transcript shaped like Claude Code's, written for these tests. */
export function claudeTranscript(cwd: string, sessionId = 'sess-1'): string {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, s)).toISOString()
  const common = { sessionId, cwd, version: '2.1.0', gitBranch: 'main', isSidechain: false }
  const assistant = (uuid: string, s: number, content: unknown[]) => ({ ...common, type: 'assistant', uuid, timestamp: at(s), message: { id: `m-${uuid}`, model: 'claude-opus-4-6', role: 'assistant', content } })
  const result = (uuid: string, s: number, id: string, content: string, extra = {}) => ({ ...common, type: 'user', uuid, timestamp: at(s), message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content }] }, ...extra })
  return [
    { ...common, type: 'user', uuid: 'u1', timestamp: at(0), message: { role: 'user', content: 'I need to fix type errors' } },
    assistant('a1', 2, [{ type: 'tool_use', id: 'toolu_A', name: 'Skill', input: { skill: 'crackerjack-run' } }]),
    result('u2', 3, 'toolu_A', 'Launching skill: crackerjack-run', { toolUseResult: { success: true, commandName: 'crackerjack-run' } }),
    { ...common, type: 'user', uuid: 'u3', timestamp: at(3), isMeta: true, message: { role: 'user', content: [{ type: 'text', text: 'Base directory for this skill: /x' }] } },
    assistant('a2', 5, [{ type: 'tool_use', id: 'toolu_B', name: 'Bash', input: { command: 'python -m pytest -q', description: 'Run the tests' } }]),
    result('u6', 12, 'toolu_B', '12 passed in 1.20s'),
    assistant('a3', 14, [{ type: 'text', text: 'The type errors are fixed and the tests pass.' }]),
    { ...common, type: 'user', uuid: 'u7', timestamp: at(20), message: { role: 'user', content: 'great, thanks' } },
    assistant('a4', 22, [{ type: 'text', text: 'Glad to help.' }]),
    { ...common, type: 'user', uuid: 'u4', timestamp: at(30), message: { role: 'user', content: '<command-message>checkpoint</command-message>\n<command-name>/session-checkpoint</command-name>\n<command-args>before release</command-args>' } },
    assistant('a5', 35, [{ type: 'text', text: 'Checkpoint written.' }]),
    { ...common, type: 'user', uuid: 'u5', timestamp: at(40), message: { role: 'user', content: '<command-name>/clear</command-name>' } },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n')
}

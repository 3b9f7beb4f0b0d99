/** A transcript shaped like Claude Code's, written for these tests. */
export function claudeTranscript(cwd: string, sessionId = 'sess-1'): string {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, s)).toISOString()
  const common = { sessionId, cwd, version: '2.1.0', gitBranch: 'main', isSidechain: false }
  return [
    { ...common, type: 'user', uuid: 'u1', timestamp: at(0), message: { role: 'user', content: 'I need to fix type errors' } },
    { ...common, type: 'assistant', uuid: 'a1', timestamp: at(2), message: { id: 'm1', model: 'claude-opus-4-6', role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_A', name: 'Skill', input: { skill: 'crackerjack-run' } }] } },
    { ...common, type: 'user', uuid: 'u2', timestamp: at(3), message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_A', content: 'Launching skill: crackerjack-run' }] }, toolUseResult: { success: true, commandName: 'crackerjack-run' } },
    { ...common, type: 'user', uuid: 'u3', timestamp: at(3), isMeta: true, message: { role: 'user', content: [{ type: 'text', text: 'Base directory for this skill: /x' }] } },
    { ...common, type: 'user', uuid: 'u4', timestamp: at(30), message: { role: 'user', content: '<command-message>checkpoint</command-message>\n<command-name>/session-checkpoint</command-name>\n<command-args>before release</command-args>' } },
    { ...common, type: 'user', uuid: 'u5', timestamp: at(40), message: { role: 'user', content: '<command-name>/clear</command-name>' } },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n')
}

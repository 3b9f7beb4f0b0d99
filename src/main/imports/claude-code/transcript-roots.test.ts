import { describe, expect, it } from 'vitest'
import { claudeTranscriptRoots } from './transcript-roots'

describe('claudeTranscriptRoots', () => {
  it('reads both default locations', () => {
    expect(claudeTranscriptRoots({}, '/home/ada')).toEqual(['/home/ada/.claude/projects', '/home/ada/.config/claude/projects'])
  })
  it('uses every folder CLAUDE_CONFIG_DIR names instead', () => {
    expect(claudeTranscriptRoots({ CLAUDE_CONFIG_DIR: '/a,/b:/c' }, '/home/ada')).toEqual(['/a/projects', '/b/projects', '/c/projects'])
  })
})

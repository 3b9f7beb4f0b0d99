/**
 * What the user's next prompt says about the work just done: a correction or rejection ("no, that
 * didn't work", "revert that"), an acceptance ("great, thanks"), or a new request. Rules over words
 * and phrases, so every label can name the rule behind it; only the label is ever stored, never the
 * text. Evaluated with `npm run eval:outcomes` (eval/next-prompts.jsonl, docs/outcomes.md).
 */
export type PromptClass = 'correction' | 'acceptance' | 'new-request'

export interface PromptClassification {
  label: PromptClass
  /** The rule that decided it, e.g. 'correction:still-broken'; 'default' for a new request nothing matched. */
  rule: string
}

/** Only the opening of a prompt is read: pasted logs and files further down say nothing about the reply. */
export const CLASSIFIED_PREFIX_CHARS = 400
/** Weak complaint words ("error", "not working") count only in prompts this short that point back at the work. */
export const SHORT_PROMPT_WORDS = 30

interface Rule {
  name: string
  pattern: RegExp
}

// Phrases that say the last work was wrong, wherever they stand.
const CORRECTION_RULES: Rule[] = [
  { name: 'opening-no', pattern: /^(no+|nope|nah)\b(?!\s+(worries|problem|rush|need|thanks))([\s,.!-]|$)/ },
  { name: 'wrong', pattern: /\b(that'?s|that is|this is|it'?s|its|you'?re|totally|all|still) (wrong|incorrect|not right|not correct|not it|not what i (wanted|asked|meant|said))\b|^(wrong|incorrect|not quite|not really)\b/ },
  { name: 'not-what-asked', pattern: /\bnot what i (wanted|asked|meant|said|need)|\bi (said|asked( you)?|told you|meant)\b.*\b(not|only|just|to)\b|\bi didn'?t (ask|want|say)\b/ },
  { name: 'revert', pattern: /^(please\s+)?(revert|undo|roll ?back|put it back|go back to)\b|\b(revert|undo|roll ?back) (that|this|it|those|these|the (last|previous) (change|changes|commit|edit|edits)|what you|your)\b/ },
  { name: 'did-not-work', pattern: /\b(that|this|it|the fix|your (fix|change|patch)|the change)('s| has| is)? ?(didn'?t|did not|doesn'?t|does not|won'?t|still doesn'?t|still does not|never) (work|help|fix|change|do anything|compile|build|run|pass)/ },
  { name: 'still-broken', pattern: /\bstill (broken|failing|fails|failed|crashing|crashes|not|doesn'?t|does not|isn'?t|is not|wrong|getting|seeing|see|get|there|the same|happening|red|blank|empty|hangs|hanging|errors?|shows?|showing|returns?|returning|printing|prints|throws|throwing)\b|\bsame (error|problem|issue|failure|result|thing)\b/ },
  { name: 'you-broke', pattern: /\byou (broke|deleted|removed|overwrote|forgot|missed|skipped|ignored|misunderstood|didn'?t|did not|haven'?t|have not|changed the wrong|edited the wrong)\b|\bwhy did you\b|\bwho told you\b/ },
  { name: 'broke-it', pattern: /\b(now|this|that|it|your change|the change) (broke|breaks|crashes|fails|is failing|fails to)\b|\bbroke (it|everything|the build|the tests?)\b|\bmade it worse\b/ },
  { name: 'stop', pattern: /^(stop|wait|hold on|don'?t do that|don'?t)\b[\s,.!]/ },
  { name: 'try-again', pattern: /\b(try again|that'?s not it|not fixed|isn'?t fixed|wasn'?t fixed|didn'?t fix|did not fix|doesn'?t fix)\b/ },
]

// Complaints that are corrections only in a short prompt pointing back at what was just done.
const WEAK_COMPLAINT = /\b(doesn'?t|does not|didn'?t|did not|don'?t|do not|isn'?t|is not|aren'?t|not|won'?t|can'?t|cannot) (seem to )?(work|working|start|starting|load|loading|compile|build|run|running|pass|passing|show|showing|render|exist|scroll|help)\b|\b(error|errors|failing|fails|failed|broken|crash|crashes|crashed|exception|traceback|panic|blank page|500)\b/
const POINTS_BACK = /^(it|that|this|now|the (page|app|test|tests|build|server|command|button|output)|but|hmm+|ugh|still|again|doesn'?t|didn'?t|does not|did not|not)\b|\b(still|now|again|anymore|after (your|the|that) change)\b/

const ACCEPTANCE = /^(thanks?( you)?|thx|ty|great|perfect|awesome|excellent|nice|cool|brilliant|lovely|good( job| work| stuff)?|looks (good|great|fine|right)|lgtm|ship it|works( now| great| perfectly)?|it works|that works|that worked|it worked|yes|yep|yeah|ok(ay)?|sounds good|exactly|beautiful|amazing|wonderful|fantastic|well done|all good|sweet)\b/

export function classifyPrompt(text: string): PromptClassification {
  const opening = text.slice(0, CLASSIFIED_PREFIX_CHARS).toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim()
  for (const rule of CORRECTION_RULES) if (rule.pattern.test(opening)) return { label: 'correction', rule: `correction:${rule.name}` }
  const words = opening.split(' ').length
  if (words <= SHORT_PROMPT_WORDS && WEAK_COMPLAINT.test(opening) && POINTS_BACK.test(opening)) return { label: 'correction', rule: 'correction:short-complaint' }
  if (ACCEPTANCE.test(opening)) return { label: 'acceptance', rule: 'acceptance:thanks' }
  return { label: 'new-request', rule: 'default' }
}

/** Does a run of `ran` count as a run of the catalogued `skill`? Plugins run skills as `plugin:name`. */
export const sameSkill = (ran: string, skill: string) => ran === skill || ran.endsWith(`:${skill}`) || skill.endsWith(`:${ran}`)

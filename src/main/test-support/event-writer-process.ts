// A writer process for the exactly-once test: appends `count` invoked/completed pairs through the
// real EventWriter, pausing now and then so the ingester sees the log grow while it runs.
import { EventWriter } from '../events/event-writer'

const [projectPath, countText, writerId] = process.argv.slice(2)
const writer = new EventWriter(projectPath!)
const count = Number(countText)

async function main() {
  for (let i = 0; i < count; i++) {
    const invocation = `${writerId}-${i}`
    writer.append({ type: 'skill.invoked', session_id: `session-${writerId}`, invocation_id: invocation, skill: `skill-${i % 7}` })
    writer.append({ type: 'skill.completed', session_id: `session-${writerId}`, invocation_id: invocation, skill: `skill-${i % 7}`, duration_ms: i })
    if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20))
  }
}
void main()

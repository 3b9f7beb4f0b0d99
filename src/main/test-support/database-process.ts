// A process for the fault-injection test, killed at a random moment of the work it reports starting:
//   open <file>     opens (and so upgrades) the database as the app does: "start", then "done" when open;
//   backups <file>  opens it, then takes backups one after another until killed: "start" before the first.
import { openDatabaseWithRecovery } from '../recovery/open-with-recovery'
import { takeBackup } from '../storage/backups'

const [mode, file] = process.argv.slice(2) as ['open' | 'backups', string]

async function main() {
  if (mode === 'open') {
    process.stdout.write('start\n')
    const { database } = await openDatabaseWithRecovery(file)
    process.stdout.write('done\n')
    await database.close()
    return
  }
  const { database } = await openDatabaseWithRecovery(file)
  process.stdout.write('start\n')
  for (;;) await takeBackup(database.sqlite, file, 'manual')
}
void main()

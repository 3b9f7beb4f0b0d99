import type { Command } from 'commander'
import type { HealthReport } from '../../recovery/doctor'
import type { RecoveryReport } from '../../../shared/api/system'
import { databasePath, resolveDataDir } from '../../storage/data-dir'
import { checkDataDir } from '../api-call'
import { CliError } from '../cli-error'
import { printJson, printTable } from '../output'
import type { GlobalOptions } from '../program'

interface DoctorOptions {
  backup?: boolean
  restore?: string
  keep?: string
  json?: boolean
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the database (integrity, schema, backups, last recovery); take or restore a backup')
    .option('--backup', 'take a backup now')
    .option('--restore <backup>', 'restore a backup: "latest", a file name from the list, or a path (the current data is kept as a before-restore backup)')
    .option('--keep <n>', 'how many daily backups to keep (default 7)')
    .option('--json', 'print the report as JSON')
    .action(async (options: DoctorOptions, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      checkDataDir(dataDir)
      const keep = options.keep === undefined ? undefined : Number(options.keep)
      if (keep !== undefined && (!Number.isInteger(keep) || keep < 1 || keep > 365)) throw new CliError(`--keep must be a whole number from 1 to 365, not "${options.keep}"`, 2)
      const file = databasePath(resolveDataDir({ override: dataDir }))
      const [{ checkHealth, resolveBackup, restoreBackup, setKeepDailyBackups }, { describeRecovery, openDatabaseWithRecovery }, { takeBackup }] = await Promise.all([
        import('../../recovery/doctor'),
        import('../../recovery/open-with-recovery'),
        import('../../storage/backups'),
      ])
      const opened = await openDatabaseWithRecovery(file)
      let database = opened.database
      try {
        if (opened.recovery) for (const line of describeRecovery(opened.recovery)) process.stderr.write(`${line}\n`)
        if (keep !== undefined) {
          const removed = setKeepDailyBackups(database, keep)
          process.stderr.write(`Keeping ${keep} daily backups${removed.length ? ` (${removed.length} older removed)` : ''}.\n`)
        }
        if (options.backup) process.stderr.write(`Backed up to ${await takeBackup(database.sqlite, file, 'manual')}\n`)
        if (options.restore) {
          const backup = resolveBackup(file, options.restore)
          const restored = await restoreBackup(database, backup)
          database = restored.database
          process.stderr.write(
            `Restored ${backup}.\nThe data it replaced is kept in ${restored.savedCurrent}.\nIf the app or "session-buddy serve" is running, restart it: event logs and transcripts written since the backup are read again then.\n`,
          )
        }
        const report = await checkHealth(database, (count) => options.json || process.stderr.write(`Checking the database and ${count} backups…\n`))
        if (options.json) printJson(report)
        else printReport(report, describeRecovery)
        if (!report.healthy) process.exitCode = 1
      } finally {
        await database.close()
      }
    })
}

function printReport(report: HealthReport, describeRecovery: (report: RecoveryReport) => string[]): void {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
  const out = (line: string) => process.stdout.write(`${line}\n`)
  out(`Database   ${report.databaseFile} (${mb(report.bytes)}, write-ahead log ${mb(report.walBytes)})`)
  out(`Schema     ${report.schemaVersion}`)
  out(`Integrity  ${report.integrity.join('; ')}${report.foreignKeyProblems ? `; ${report.foreignKeyProblems} rows point at missing rows` : ''}`)
  out(`Ingest     ${report.ingestProblems ? `${report.ingestProblems} problems recorded (listed on the Projects page)` : 'no problems recorded'}`)
  out(`Backups    ${report.backups.length} (keeping ${report.keepDailyBackups} daily)`)
  if (report.backups.length) {
    printTable(
      ['TAKEN', 'KIND', 'SIZE', 'CHECK', 'FILE'],
      report.backups.map((b) => [b.takenAt, b.kind, mb(b.bytes), b.check, b.file]),
    )
  }
  if (report.lastRecovery) {
    out(`Last recovery, ${report.lastRecovery.at}:`)
    for (const line of describeRecovery(report.lastRecovery)) out(`  ${line}`)
  }
  out(report.healthy ? 'Healthy.' : 'Problems found: restore a backup with "session-buddy doctor --restore latest".')
}

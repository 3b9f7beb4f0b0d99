import { useEffect, useState } from 'react'
import type { ProgressReport } from '../../../shared/api/changes'
import { useTransport } from './client'

/** The latest progress report main pushed for `task`, or null. */
export function useProgress(task: string): ProgressReport | null {
  const transport = useTransport()
  const [report, setReport] = useState<ProgressReport | null>(null)
  useEffect(
    () =>
      transport.subscribe((event) => {
        if (event.progress?.task === task) setReport(event.progress)
      }),
    [transport, task],
  )
  return report
}

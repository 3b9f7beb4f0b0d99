import type { DomainHandlers } from '../api/handler-types'
import type { ReportService } from './report.service'

export function createReportHandlers(reports: ReportService): DomainHandlers<'insights-report'> {
  return { 'insights-report': (input) => reports.create(input) }
}

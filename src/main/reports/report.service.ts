import type BetterSqlite3 from 'better-sqlite3'
import type { ReportFile, ReportFormat, TrendGranularity } from '../../shared/api/insights'
import type { CoverageView } from '../../shared/api/coverage'
import type { InsightsService } from '../insights/insights.service'
import { toHtml } from './report-html'
import { buildReportModel } from './report-model'
import { toCsv, toJson, toMarkdown } from './report-text'
import { chromiumPdfRenderer, type PdfRenderer } from './pdf-renderer'

export interface ReportRequest {
  format: ReportFormat
  days?: number
  until?: string
  granularity?: TrendGranularity
  includeProjectNames?: boolean
  includePaths?: boolean
  includePrompts?: boolean
}

const MEDIA: Record<ReportFormat, string> = { md: 'text/markdown', html: 'text/html', pdf: 'application/pdf', csv: 'text/csv', json: 'application/json' }

/** Insights reports: aggregates only unless the request ticks names, paths or prompts in. */
export class ReportService {
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly insights: InsightsService,
    private readonly renderPdf: PdfRenderer = chromiumPdfRenderer(),
    /** Catalogue health for the window (over included projects); without it a report has no Coverage section. */
    private readonly coverageOf?: (days: number | undefined, until: string | undefined) => CoverageView,
  ) {}

  async create(request: ReportRequest): Promise<ReportFile> {
    const view = this.insights.insights({ days: request.days, until: request.until, granularity: request.granularity })
    const privacy = { includeProjectNames: request.includeProjectNames ?? false, includePaths: request.includePaths ?? false, includePrompts: request.includePrompts ?? false }
    const model = buildReportModel(this.sqlite, view, privacy, new Date(), this.coverageOf?.(request.days, request.until) ?? null)
    const fileName = `session-buddy-insights-${view.window.until}.${request.format}`
    const text = (content: string): ReportFile => ({ fileName, mediaType: MEDIA[request.format], content, encoding: 'utf8' })
    switch (request.format) {
      case 'md':
        return text(toMarkdown(model))
      case 'html':
        return text(toHtml(model))
      case 'csv':
        return text(toCsv(model))
      case 'json':
        return text(toJson(model))
      case 'pdf':
        return { fileName, mediaType: MEDIA.pdf, content: (await this.renderPdf(toHtml(model))).toString('base64'), encoding: 'base64' }
    }
  }
}

/** Error codes every transport carries unchanged from handler to caller. */
export type ApiErrorCode =
  | 'invalid-input'
  | 'unknown-endpoint'
  | 'not-found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'internal'

export interface ApiErrorBody {
  code: ApiErrorCode
  message: string
}

export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody }

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

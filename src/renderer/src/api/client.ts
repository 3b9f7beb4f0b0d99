import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import type { ChangeTopic } from '../../../shared/api/changes'
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract'
import type { ApiErrorCode } from '../../../shared/api/errors'
import type { Transport } from './transport'

export class ApiCallError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiCallError'
  }
}

export const TransportContext = createContext<Transport | null>(null)

export function useTransport(): Transport {
  const transport = useContext(TransportContext)
  if (!transport) throw new Error('useTransport outside TransportContext')
  return transport
}

export async function callApi<N extends ApiName>(transport: Transport, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const response = await transport.call(name, input)
  if (!response.ok) throw new ApiCallError(response.error.code, response.error.message || `The server failed (${response.error.code}) without saying why`)
  return response.data as ApiOutput<N>
}

/** A query keyed by [topic, endpoint, input]; a change event for `topic` refetches it. */
export function useApiQuery<N extends ApiName>(topic: ChangeTopic, name: N, input: ApiInput<N>, options: { enabled?: boolean } = {}) {
  const transport = useTransport()
  return useQuery({
    queryKey: [topic, name, input],
    queryFn: () => callApi(transport, name, input),
    enabled: options.enabled ?? true,
  })
}

export function useApiMutation<N extends ApiName>(name: N, invalidates: ChangeTopic[]) {
  const transport = useTransport()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ApiInput<N>) => callApi(transport, name, input),
    onSuccess: () => Promise.all(invalidates.map((topic) => queryClient.invalidateQueries({ queryKey: [topic] }))),
  })
}

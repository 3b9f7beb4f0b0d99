import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { TransportContext } from './api/client'
import { createTransport } from './api/transport'
import { App } from './app/App'
import { applyCachedTheme } from './app/theme'
import './theme.css'
import './styles.css'

applyCachedTheme()

const transport = createTransport()
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } },
})

// Main pushes what changed; refetch exactly the queries under those topics.
transport.subscribe((change) => {
  for (const topic of change.topics) void queryClient.invalidateQueries({ queryKey: [topic] })
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TransportContext.Provider value={transport}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </TransportContext.Provider>
  </StrictMode>,
)

import { useEffect, useState } from 'react'
import { useTransport } from '../api/client'

/** Says at once when the server behind this page stops, and goes away when it is back (the page catches up by itself). */
export function ConnectionBanner() {
  const transport = useTransport()
  const [connected, setConnected] = useState(true)
  useEffect(() => transport.onConnection?.(setConnected), [transport])
  if (connected) return null
  return (
    <div className="banner banner-warning" role="alert">
      <p>
        <strong>The Session Buddy server is not answering.</strong> It may have stopped: start it again with <code>session-buddy serve</code> (or{' '}
        <code>npm start</code>). This page reconnects by itself and catches up.
      </p>
    </div>
  )
}

import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react'
import { Redirect, Route, Router, Switch, useLocation } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { useApiQuery } from '../api/client'
import { Skeleton } from '../components/QueryState'
import { ConnectionBanner } from './ConnectionBanner'
import { RebuildBanner } from './RebuildBanner'
import { RecoveryBanner } from './RecoveryBanner'
import { Sidebar } from './Sidebar'
import { useNavigationShortcuts } from './use-navigation-shortcuts'

/**
 * Each page is its own chunk: the first page does not wait for the charts of Insights. Once the first page
 * has painted, the others are fetched while the app is idle, and a page whose chunk is loaded renders at
 * once: no Suspense fallback (which React holds for ~300 ms), so a page switch takes well under 100 ms.
 */
function page<P extends object>(load: () => Promise<Record<string, unknown>>, name: string) {
  let loaded: ComponentType<P> | undefined
  const preload = async () => (loaded ??= (await load())[name] as ComponentType<P>)
  const Lazy = lazy(async () => ({ default: await preload() }))
  const Page = (props: P) => {
    const Loaded = loaded
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />
  }
  pagesToPreload.push(preload)
  return Page
}
const pagesToPreload: Array<() => Promise<unknown>> = []

const ProjectsPage = page(() => import('../pages/projects/ProjectsPage'), 'ProjectsPage')
const SkillsPage = page(() => import('../pages/skills/SkillsPage'), 'SkillsPage')
const SessionPage = page<{ id: string; atToolUseId?: string; atTime?: string }>(() => import('../pages/session/SessionPage'), 'SessionPage')
const SessionsPage = page<{ linkedFilters?: string }>(() => import('../pages/sessions/SessionsPage'), 'SessionsPage')
const SearchPage = page(() => import('../pages/search/SearchPage'), 'SearchPage')
const InsightsPage = page(() => import('../pages/insights/InsightsPage'), 'InsightsPage')
const SkillPage = page<{ skill: string; linkedScope?: string }>(() => import('../pages/skill/SkillPage'), 'SkillPage')
const ReportsPage = page(() => import('../pages/reports/ReportsPage'), 'ReportsPage')
const WelcomePage = page(() => import('../pages/welcome/WelcomePage'), 'WelcomePage')
const CoveragePage = page(() => import('../pages/coverage/CoveragePage'), 'CoveragePage')
const SettingsPage = page(() => import('../pages/settings/SettingsPage'), 'SettingsPage')

/** Opening the app: the first-run screen while no project is registered, the Sessions page after. */
function Home() {
  const projects = useApiQuery('projects', 'projects-list', {})
  if (!projects.data) return projects.isError ? <Redirect to="/sessions" /> : null
  return <Redirect to={projects.data.length === 0 ? '/welcome' : '/sessions'} replace />
}

/**
 * After a page change (not the first load), focus moves to the new page's heading, so keyboard and
 * screen-reader users start reading there instead of at the top of the document. A heading that waits
 * for its data is focused when it appears (within a few seconds).
 */
function useFocusOnPageChange() {
  const [location] = useLocation()
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    let frame = 0
    const until = performance.now() + 3000
    const focusHeading = () => {
      // While a page's chunk loads, React keeps the old page in the DOM, hidden: wait for a visible heading.
      const heading = document.getElementById('page-title')
      if (heading && heading.getClientRects().length > 0) heading.focus({ preventScroll: false })
      else if (performance.now() < until) frame = requestAnimationFrame(focusHeading)
    }
    frame = requestAnimationFrame(focusHeading)
    return () => cancelAnimationFrame(frame)
  }, [location])
}

/** After the first page painted, fetch the other pages' chunks while the app is idle. */
function usePreloadedPages() {
  useEffect(() => {
    const start = () => void Promise.all(pagesToPreload.map((preload) => preload().catch(() => undefined)))
    const idle = window.requestIdleCallback?.(start, { timeout: 2000 })
    const timer = idle === undefined ? setTimeout(start, 500) : undefined
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle)
      clearTimeout(timer)
    }
  }, [])
}
export function App() {
  return (
    <Router hook={useHashLocation}>
      <Shell />
    </Router>
  )
}

function Shell() {
  useNavigationShortcuts()
  usePreloadedPages()
  useFocusOnPageChange()
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus() }}>
        Skip to content
      </a>
      <Sidebar />
      <main id="main" className="main" tabIndex={-1}>
        <ConnectionBanner />
        <RecoveryBanner />
        <RebuildBanner />
        <Suspense fallback={<Skeleton rows={6} />}>
        <Switch>
          <Route path="/welcome" component={WelcomePage} />
          <Route path="/projects" component={ProjectsPage} />
          <Route path="/skills" component={SkillsPage} />
          <Route path="/search" component={SearchPage} />
          <Route path="/insights" component={InsightsPage} />
          <Route path="/reports" component={ReportsPage} />
          <Route path="/coverage" component={CoveragePage} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/skills/:name/:scope?">{(params) => <SkillPage key={`${params.name}/${params.scope ?? ''}`} skill={decodeURIComponent(params.name)} linkedScope={params.scope} />}</Route>
          <Route path="/sessions">
            <SessionsPage />
          </Route>
          <Route path="/sessions/where/:filters">{(params) => <SessionsPage key={params.filters} linkedFilters={decodeURIComponent(params.filters)} />}</Route>
          <Route path="/sessions/:id">{(params) => <SessionPage id={decodeURIComponent(params.id)} />}</Route>
          <Route path="/sessions/:id/call/:toolUseId">
            {(params) => <SessionPage key={params.toolUseId} id={decodeURIComponent(params.id)} atToolUseId={decodeURIComponent(params.toolUseId)} />}
          </Route>
          <Route path="/sessions/:id/at/:ts">{(params) => <SessionPage key={params.ts} id={decodeURIComponent(params.id)} atTime={decodeURIComponent(params.ts)} />}</Route>
          <Route path="/">
            <Home />
          </Route>
          <Route>
            <Redirect to="/sessions" />
          </Route>
        </Switch>
        </Suspense>
      </main>
    </div>
  )
}

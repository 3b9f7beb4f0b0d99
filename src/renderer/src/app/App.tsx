import { lazy, Suspense, type ComponentType } from 'react'
import { Redirect, Route, Router, Switch } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { RebuildBanner } from './RebuildBanner'
import { RecoveryBanner } from './RecoveryBanner'
import { Sidebar } from './Sidebar'
import { useNavigationShortcuts } from './use-navigation-shortcuts'

/** Each page is its own chunk, loaded when first opened: the first page does not wait for the charts of Insights. */
function page<P extends object>(load: () => Promise<Record<string, unknown>>, name: string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<P> }))
}
const ProjectsPage = page(() => import('../pages/projects/ProjectsPage'), 'ProjectsPage')
const SkillsPage = page(() => import('../pages/skills/SkillsPage'), 'SkillsPage')
const SessionPage = page<{ id: string }>(() => import('../pages/session/SessionPage'), 'SessionPage')
const SessionsPage = page<{ linkedFilters?: string }>(() => import('../pages/sessions/SessionsPage'), 'SessionsPage')
const SearchPage = page(() => import('../pages/search/SearchPage'), 'SearchPage')
const InsightsPage = page(() => import('../pages/insights/InsightsPage'), 'InsightsPage')
const SkillPage = page<{ skill: string; linkedScope?: string }>(() => import('../pages/skill/SkillPage'), 'SkillPage')
const ReportsPage = page(() => import('../pages/reports/ReportsPage'), 'ReportsPage')

export function App() {
  return (
    <Router hook={useHashLocation}>
      <Shell />
    </Router>
  )
}

function Shell() {
  useNavigationShortcuts()
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus() }}>
        Skip to content
      </a>
      <Sidebar />
      <main id="main" className="main" tabIndex={-1}>
        <RecoveryBanner />
        <RebuildBanner />
        <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <Switch>
          <Route path="/projects" component={ProjectsPage} />
          <Route path="/skills" component={SkillsPage} />
          <Route path="/search" component={SearchPage} />
          <Route path="/insights" component={InsightsPage} />
          <Route path="/reports" component={ReportsPage} />
          <Route path="/skills/:name/:scope?">{(params) => <SkillPage key={`${params.name}/${params.scope ?? ''}`} skill={decodeURIComponent(params.name)} linkedScope={params.scope} />}</Route>
          <Route path="/sessions">
            <SessionsPage />
          </Route>
          <Route path="/sessions/where/:filters">{(params) => <SessionsPage key={params.filters} linkedFilters={decodeURIComponent(params.filters)} />}</Route>
          <Route path="/sessions/:id">{(params) => <SessionPage id={decodeURIComponent(params.id)} />}</Route>
          <Route>
            <Redirect to="/sessions" />
          </Route>
        </Switch>
        </Suspense>
      </main>
    </div>
  )
}

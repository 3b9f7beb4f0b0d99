import { Redirect, Route, Router, Switch } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { ProjectsPage } from '../pages/projects/ProjectsPage'
import { SkillsPage } from '../pages/skills/SkillsPage'
import { SessionPage } from '../pages/session/SessionPage'
import { SessionsPage } from '../pages/sessions/SessionsPage'
import { SearchPage } from '../pages/search/SearchPage'
import { InsightsPage } from '../pages/insights/InsightsPage'
import { SkillPage } from '../pages/skill/SkillPage'
import { ReportsPage } from '../pages/reports/ReportsPage'
import { RebuildBanner } from './RebuildBanner'
import { RecoveryBanner } from './RecoveryBanner'
import { Sidebar } from './Sidebar'
import { useNavigationShortcuts } from './use-navigation-shortcuts'

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
      </main>
    </div>
  )
}

/** The shell: a tab per view (Plan, Search, Simulate, Scaling, Budget, Validation), the catalog loaded once, the connection state. */
import { useEffect, useState } from 'preact/hooks';
import { errorText, onConnectionState, request, type ConnectionState } from './api';
import { CatalogDocument, type CatalogQuery } from './gql/graphql';
import { readParams, writeParams } from './url';
import { PlanView, planParams, type PlanState } from './views/plan';
import { SearchView } from './views/search';
import { SimulateView } from './views/simulate';
import { ScalingView } from './views/scaling';
import { BudgetView } from './views/budget';
import { ValidationView } from './views/validation';

export type Catalog = CatalogQuery;
export type View = 'plan' | 'search' | 'simulate' | 'scaling' | 'budget' | 'validation';
const VIEWS: { id: View; label: string }[] = [
  { id: 'plan', label: 'Plan' },
  { id: 'search', label: 'Search' },
  { id: 'simulate', label: 'Simulate' },
  { id: 'scaling', label: 'Scaling' },
  { id: 'budget', label: 'Budget' },
  { id: 'validation', label: 'Validation' },
];

function currentView(): View {
  const v = readParams().get('view');
  return VIEWS.some((x) => x.id === v) ? (v as View) : 'plan';
}

export function App(): preact.JSX.Element {
  const [view, setView] = useState<View>(currentView);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [connection, setConnection] = useState<{ state: ConnectionState; reconnects: number }>({ state: 'idle', reconnects: 0 });
  // Bumped when another view hands a plan to the Plan view (a search point, a simulation's plan).
  const [planSeed, setPlanSeed] = useState(0);

  const reloadCatalog = () =>
    request(CatalogDocument, {})
      .then((c) => {
        setCatalog(c);
        setCatalogError(null);
      })
      .catch((e: unknown) => setCatalogError(errorText(e)));

  useEffect(() => {
    void reloadCatalog();
    const onPop = () => {
      setView(currentView());
      setPlanSeed((n) => n + 1);
    };
    addEventListener('popstate', onPop);
    const off = onConnectionState((state, reconnects) => setConnection({ state, reconnects }));
    return () => {
      removeEventListener('popstate', onPop);
      off();
    };
  }, []);

  // For the bench (bench/web.bench.ts): the page is interactive once the catalog has filled the forms.
  useEffect(() => {
    if (catalog && performance.getEntriesByName('zeroplan:interactive').length === 0) performance.mark('zeroplan:interactive');
  }, [catalog]);

  const go = (next: View) => {
    if (next === view) return;
    writeParams({ view: next }, true);
    setView(next);
  };

  const openPlan = (state: PlanState) => {
    writeParams({ view: 'plan', ...planParams(state) }, true);
    setView('plan');
    setPlanSeed((n) => n + 1);
  };

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = VIEWS[(index + delta + VIEWS.length) % VIEWS.length]!;
    go(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header>
        <h1>zeroplan</h1>
        <div role="tablist" aria-label="Views">
          {VIEWS.map((v, i) => (
            <button
              type="button"
              key={v.id}
              id={`tab-${v.id}`}
              role="tab"
              aria-selected={view === v.id}
              aria-controls="panel"
              tabIndex={view === v.id ? 0 : -1}
              onClick={() => go(v.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <span class="conn" data-state={connection.state} data-reconnects={connection.reconnects} aria-live="polite">
          {connection.state === 'idle' ? '' : `live: ${connection.state}${connection.reconnects ? ` (${connection.reconnects} reconnect${connection.reconnects > 1 ? 's' : ''})` : ''}`}
        </span>
        <a class="graphiql" href="/graphql">GraphiQL</a>
      </header>
      <main id="main" tabIndex={-1}>
        <div id="panel" role="tabpanel" aria-labelledby={`tab-${view}`}>
        {catalogError && <p class="error" role="alert">Could not load the catalog: {catalogError}</p>}
        {!catalog && !catalogError && <p aria-busy="true">Loading…</p>}
        {catalog && view === 'plan' && <PlanView key={planSeed} catalog={catalog} onCatalogChanged={reloadCatalog} />}
        {catalog && view === 'search' && <SearchView catalog={catalog} onOpenPlan={openPlan} />}
        {catalog && view === 'simulate' && <SimulateView catalog={catalog} />}
        {catalog && view === 'scaling' && <ScalingView />}
        {catalog && view === 'budget' && <BudgetView catalog={catalog} onOpenPlan={openPlan} onCatalogChanged={reloadCatalog} />}
        {catalog && view === 'validation' && <ValidationView />}
        </div>
      </main>
    </>
  );
}

import type { Catalog } from '../app';
import type { PlanState } from './plan';
export function SearchView(_props: { catalog: Catalog; onOpenPlan: (s: PlanState) => void }): preact.JSX.Element {
  return <p>Search: coming.</p>;
}

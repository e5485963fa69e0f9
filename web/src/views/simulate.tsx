import type { Catalog } from '../app';
export function SimulateView(_props: { catalog: Catalog }): preact.JSX.Element {
  return <p>Simulate: coming.</p>;
}

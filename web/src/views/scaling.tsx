export function ScalingView(): preact.JSX.Element {
  return <p>Scaling: coming.</p>;
}

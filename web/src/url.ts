/** The view and its inputs live in the query string, so a link shares the view (`/?view=plan&model=…`). */
export function readParams(): URLSearchParams {
  return new URLSearchParams(location.search);
}

export function writeParams(params: Record<string, string | number | boolean | undefined | null>, push = false): void {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const url = `${location.pathname}?${search.toString()}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

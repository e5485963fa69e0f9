/**
 * Stored simulation events read in pages shared by every subscriber replaying the same simulation. Without it each
 * of N subscribers reads (and JSON-parses) every page itself: 1,000 subscribers joining a 14,000-event simulation
 * made 140,000 queries and parsed 14 M rows. Pages are aligned on seq (page k holds seq kP+1 … (k+1)P), so
 * subscribers a few events apart ask for the same page, and the same record objects reach all of them (which also
 * lets shared-results.ts execute each event once per operation).
 *
 * Only a final page is kept: a complete one (exactly those P seqs), or the last page of an ended simulation (seqs
 * from kP+1 without a gap up to the terminal event, after which nothing is ever stored). Stored events never
 * change, so neither can go stale. A page still filling (the tail of a running simulation) or with a gap is read
 * afresh every time. (Before the last page counted, each of 1,000 subscribers joining an ended simulation read its
 * partial last page from the database itself.)
 */
import type { SimulationEventRecord } from '../services/contracts.js';
import { TERMINAL_EVENT_TYPES, type SimulationStore } from './simulation-store.js';

/** Events per shared page (the replay's page size). */
export const SHARED_PAGE_EVENTS = 100;
/** Complete pages kept (least recently used dropped first): ≈ 6,400 events, a few MB. */
export const SHARED_PAGES = 64;

export type EventReader = Pick<SimulationStore, 'events' | 'get'>;

export interface SharedPageReader extends EventReader {
  /** Complete pages held now (tests, metrics). */
  cachedPages(): number;
}

export function createSharedPageReader(
  store: EventReader,
  options: { pageEvents?: number; pages?: number } = {},
): SharedPageReader {
  const size = options.pageEvents ?? SHARED_PAGE_EVENTS;
  const capacity = options.pages ?? SHARED_PAGES;
  const pages = new Map<string, SimulationEventRecord[]>();
  // A networked store answers later: concurrent readers of one page share the one query.
  const reading = new Map<string, Promise<SimulationEventRecord[]>>();

  const page = async (id: string, index: number): Promise<SimulationEventRecord[]> => {
    const key = `${index}\u0000${id}`;
    const held = pages.get(key);
    if (held) {
      pages.delete(key);
      pages.set(key, held);
      return held;
    }
    let read = reading.get(key);
    if (!read) {
      read = store.events(id, index * size, size);
      reading.set(key, read);
      void read.then(
        (rows) => {
          reading.delete(key);
          if (!isFinal(rows, index, size)) return;
          pages.set(key, rows);
          if (pages.size > capacity) pages.delete(pages.keys().next().value!);
        },
        () => reading.delete(key),
      );
    }
    return read;
  };

  return {
    get: (id) => store.get(id),
    async events(id, after, limit) {
      const index = Math.floor(after / size);
      const rows = await page(id, index);
      // rows are the first (up to `size`) events with seq > index·size; those beyond `after` are the first events of
      // the requested range (a prefix of it if the page ends first: the caller reads on from its last seq).
      const from = isFinal(rows, index, size) ? after - index * size : firstAfter(rows, after);
      return rows.slice(from, from + limit);
    },
    cachedPages: () => pages.size,
  };
}

/** Seqs index·size + 1 … without a gap, and either all `size` of them or ending with the terminal event. */
function isFinal(rows: readonly SimulationEventRecord[], index: number, size: number): boolean {
  const last = rows.at(-1);
  if (!last || rows[0]!.seq !== index * size + 1 || last.seq !== index * size + rows.length) return false;
  return rows.length === size || TERMINAL_EVENT_TYPES.has(last.type);
}

function firstAfter(rows: readonly SimulationEventRecord[], after: number): number {
  let i = 0;
  while (i < rows.length && rows[i]!.seq <= after) i++;
  return i;
}

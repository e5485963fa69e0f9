/**
 * The store back ends a store test runs against: SQLite always (a temp file); more are added when configured.
 * `open()` gives the stores of one "process"; `reopen()` closes them and opens the same database again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SavedItemsStore } from '../../src/schema/context.js';
import { CORE_MIGRATIONS, openDatabase, type Db } from '../../src/server/db.js';
import { createSimulationStore, SIMULATION_MIGRATIONS, type SimulationStore } from '../../src/server/simulation-store.js';
import { createSqliteStore } from '../../src/server/store.js';
import { removeDir } from '../server/helpers.js';

export interface Stores {
  saved: SavedItemsStore;
  simulations: SimulationStore;
}

export interface StoreBackend {
  name: string;
  /** The current stores (opened on first call). */
  open(): Promise<Stores>;
  /** Closes the current stores and opens the same database again. */
  reopen(): Promise<Stores>;
  dispose(): Promise<void>;
}

function sqliteBackend(): StoreBackend {
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-stores-'));
  const path = join(dir, 'stores.db');
  let db: Db | undefined;
  let stores: Stores | undefined;
  const open = async (): Promise<Stores> => {
    if (!stores) {
      db = openDatabase(path, [...CORE_MIGRATIONS, ...SIMULATION_MIGRATIONS]);
      stores = { saved: createSqliteStore(db), simulations: createSimulationStore(db) };
    }
    return stores;
  };
  const close = (): void => {
    db?.close();
    db = undefined;
    stores = undefined;
  };
  return {
    name: 'SQLite',
    open,
    async reopen() {
      close();
      return open();
    },
    async dispose() {
      close();
      removeDir(dir);
    },
  };
}

export function storeBackends(): StoreBackend[] {
  return [sqliteBackend()];
}

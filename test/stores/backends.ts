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
import { openStores, type OpenedStores } from '../../src/server/scale.js';
import { removeDir } from '../server/helpers.js';
import { dropSchema, uniqueSchema } from '../scale/services.js';

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

/** PostgreSQL on DATABASE_URL, in a schema of its own (dropped by dispose). */
function postgresBackend(url: string): StoreBackend {
  const schema = uniqueSchema('stores');
  let opened: OpenedStores | undefined;
  const open = async (): Promise<Stores> => {
    if (!opened) {
      opened = openStores({ databaseUrl: url, databaseSchema: schema });
      await opened.ready;
    }
    return opened.stores;
  };
  const close = async (): Promise<void> => {
    await opened?.close();
    opened = undefined;
  };
  return {
    name: 'PostgreSQL',
    open,
    async reopen() {
      await close();
      return open();
    },
    async dispose() {
      await close();
      await dropSchema(url, schema);
    },
  };
}

/** SQLite always; PostgreSQL too when DATABASE_URL is set (test/global-setup.ts says when it is not). */
export function storeBackends(): StoreBackend[] {
  const url = process.env.DATABASE_URL?.trim();
  return url ? [sqliteBackend(), postgresBackend(url)] : [sqliteBackend()];
}

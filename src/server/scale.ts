/**
 * Which back ends a process uses: the embedded SQLite database (default), or PostgreSQL when DATABASE_URL is set
 * (saved items, simulations and their events shared by every replica and worker). See docs/deploy.md.
 */
import type { SavedItemsStore } from '../schema/context.js';
import type { Db } from './db.js';
import { createPgPool, createPgSavedItemsStore, createPgSimulationStore, migratePg } from './pg-stores.js';
import { createSimulationStore, type SimulationStore } from './simulation-store.js';
import { createSqliteStore } from './store.js';
import { createPgCampaignStore, createSqliteCampaignStore, type CampaignStore } from './campaign-store.js';

export type WorkersMode = 'embedded' | 'external';

export interface SharedStores {
  saved: SavedItemsStore;
  simulations: SimulationStore;
  campaigns: CampaignStore;
}

export interface OpenedStores {
  stores: SharedStores;
  /** Set for PostgreSQL: settles when the migrations have run (the stores must not be used before). */
  ready?: Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL stores on `databaseUrl` (migrated in `ready`), else SQLite stores on `db`. */
export function openStores(options: { db?: Db; databaseUrl?: string; databaseSchema?: string }): OpenedStores {
  if (options.databaseUrl) {
    const pgOptions = options.databaseSchema ? { schema: options.databaseSchema } : {};
    const pool = createPgPool(options.databaseUrl, pgOptions);
    return {
      stores: { saved: createPgSavedItemsStore(pool), simulations: createPgSimulationStore(pool), campaigns: createPgCampaignStore(pool) },
      ready: migratePg(pool, pgOptions).then(() => undefined),
      close: () => pool.end(),
    };
  }
  if (!options.db) throw new Error('no database: set DATABASE_URL or open the SQLite database');
  const db = options.db;
  let simulations: SimulationStore | undefined;
  let campaigns: CampaignStore | undefined;
  const stores: SharedStores = {
    saved: createSqliteStore(db),
    // Prepared on first use: their tables exist only when the simulation / campaign modules' migrations ran.
    get simulations() {
      simulations ??= createSimulationStore(db);
      return simulations;
    },
    get campaigns() {
      campaigns ??= createSqliteCampaignStore(db);
      return campaigns;
    },
  };
  return { stores, close: async () => undefined };
}

/**
 * The services the GraphQL layer calls and the server implements, with the records they exchange. This module
 * imports no GraphQL and no builder, so `src/schema/context.ts` (what resolvers receive) and the server modules
 * can both depend on it without an import cycle through the schema files:
 *
 *   src/server/simulation-module.ts ─implements─▶ SimulationService ◀─calls─ src/schema/simulation.ts
 *   src/server/search-runner.ts     ─implements─▶ PlanSearchService ◀─calls─ src/schema/search.ts
 *   src/server/validation-runner.ts ─implements─▶ ValidationSuiteService ◀─calls─ src/schema/validation-suite.ts
 *
 * The saved-items store and the pubsub contracts live in src/schema/context.ts (also builder-free).
 */
import type { BudgetPlanOutcome, BudgetPlanRequest, BudgetProgress } from '../core/budget.js';
import type { PlanSearchOptions, PlanSearchOutcome, PlanSearchProgress } from '../core/search.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts } from '../core/types.js';
import type { ValidationReport } from '../core/validation/suite.js';
import type { SimulationSummary } from '../simulation/engine.js';
import type { SimulationJob } from '../simulation/runner.js';

// ---------------------------------------------------------------------------------------------------------------
// Simulation service (implemented by src/server/simulation-module.ts)

export type SimulationStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'INTERRUPTED';

/** What is stored to (re-)run a simulation: the engine job and a description of the plan it came from. */
export interface SimulationRequest {
  job: Omit<SimulationJob, 'id'>;
  preset: string;
  plan: { model: string; cluster: string; gpuCount: number; stepSeconds: number; tokensPerStep: number; totalSteps: number };
}

export interface SimulationRecord {
  id: string;
  status: SimulationStatus;
  request: SimulationRequest;
  summary: SimulationSummary | null;
  error: string | null;
  lastSeq: number;
  rerunOf: string | null;
  /** The API key (its id, never the key) that started it; null: started without a key, or before owners were kept. */
  ownerKeyId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One stored event: `type` is the engine's (PROGRESS, INTERRUPTION, …) or a terminal CANCELLED/FAILED/INTERRUPTED. */
export interface SimulationEventRecord {
  simulationId: string;
  seq: number;
  type: string;
  simulatedSeconds: number;
  data: Record<string, unknown>;
}

/** Asynchronous: the store behind it may be SQLite or PostgreSQL, and runs may be queued on a worker fleet. */
export interface SimulationService {
  /** `ownerKeyId`: the caller's key id, recorded as the run's owner (src/server/auth.ts `ownedSimulations`). */
  start(request: SimulationRequest, rerunOf?: string, ownerKeyId?: string | null): Promise<SimulationRecord>;
  /** `pace`: undefined keeps the stored pace, null = as fast as possible. The new run belongs to `ownerKeyId`. */
  rerun(id: string, pace?: number | null, ownerKeyId?: string | null): Promise<SimulationRecord>;
  cancel(id: string): Promise<SimulationRecord>;
  get(id: string): Promise<SimulationRecord | undefined>;
  list(limit?: number): Promise<SimulationRecord[]>;
  /** One page of stored events: seq > after, at most `limit`, in seq order. */
  events(id: string, after: number, limit: number): Promise<SimulationEventRecord[]>;
  /** Stored events with seq > after (read page by page), then live ones; ends after a terminal event. */
  subscribe(id: string, after: number): Promise<AsyncIterable<SimulationEventRecord>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Plan search service (implemented by src/server/search-runner.ts; without it src/schema/search.ts runs inline)

/** Everything one search needs; structured-cloneable so it can cross into a worker thread. */
export interface PlanSearchJob {
  arch: ModelArchitecture;
  counts: ModelCounts;
  cluster: ClusterSpec;
  options: PlanSearchOptions;
}

export interface PlanSearchService {
  /** Runs a search; rejects with InvalidInputError for bad options; resolves truncated on time limit or abort. */
  run(job: PlanSearchJob, hooks: { signal?: AbortSignal; onProgress?: (progress: PlanSearchProgress) => void }): Promise<PlanSearchOutcome>;
}

// ---------------------------------------------------------------------------------------------------------------
// Campaign service (implemented by src/server/campaigns.ts; many layouts × seeds of the simulation)

export type CampaignStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

export interface CampaignLayout {
  /** "<model> on <cluster>, N GPUs, s per step" — for people. */
  label: string;
  job: SimulationRequest['job'];
}

export interface CampaignRequest {
  layouts: CampaignLayout[];
  firstSeed: number;
  seeds: number;
}

export interface CampaignQuantiles {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface CampaignLayoutView {
  index: number;
  label: string;
  seedsDone: number;
  effectiveTrainingTimeRatio: CampaignQuantiles;
  days: CampaignQuantiles;
  costUsd: CampaignQuantiles;
  /** Seeds whose run trained every token before the horizon. */
  finishedSeeds: number;
}

export interface CampaignView {
  id: string;
  status: CampaignStatus;
  firstSeed: number;
  seeds: number;
  seedsDone: number;
  seedsTotal: number;
  layouts: CampaignLayoutView[];
  error: string | null;
  /** The API key id that started it (null: without a key, or before owners were kept). */
  ownerKeyId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface CampaignService {
  start(request: CampaignRequest, ownerKeyId?: string | null): Promise<CampaignView>;
  get(id: string): Promise<CampaignView | undefined>;
  cancel(id: string): Promise<CampaignView>;
  /** The current view, then a new one whenever seeds complete; ends after the campaign ends. */
  subscribe(id: string): Promise<AsyncIterable<CampaignView>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Budget plan service (implemented by src/server/budget-runner.ts; without it src/schema/budget.ts runs inline)

export interface BudgetPlanJob {
  request: BudgetPlanRequest;
}

export interface BudgetPlanService {
  /** Runs the plan; rejects with InvalidInputError for bad input; stops early (truncated) on abort. */
  run(job: BudgetPlanJob, hooks: { signal?: AbortSignal; onProgress?: (progress: BudgetProgress) => void }): Promise<BudgetPlanOutcome>;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation suite (implemented by src/server/validation-runner.ts; without it src/schema/validation-suite.ts runs inline)

export interface ValidationSuiteService {
  /** The suite's report (deterministic, no input): computed once, off the event loop. */
  report(): Promise<ValidationReport>;
}

/**
 * API keys (docs/operations.md). With keys configured (ZEROPLAN_API_KEYS or ZEROPLAN_API_KEYS_FILE), every
 * mutation and every operation that starts work (planSearch, planSearchProgress; startSimulation is a mutation)
 * needs `Authorization: Bearer <key>` — over WebSocket in the `connection_init` payload
 * (`{ "authorization": "Bearer <key>" }`) or on the upgrade request. Reads stay open unless
 * ZEROPLAN_REQUIRE_KEY_FOR_READS is set. A key that is presented but unknown is refused on every operation.
 *
 * Keys are never stored: the server keeps SHA-256 digests, compares digests in constant time (all configured keys
 * are compared, no early exit), and identifies a key by `keyId` = "k_" + the first 16 hex digits of its digest —
 * the owner recorded on saved items.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestCaller, SavedItemKind, SavedItemsStore, SchemaContext } from '../schema/context.js';
import type { CampaignService, SimulationService } from '../services/contracts.js';

/** Shortest accepted key: 16 characters (≥ 80 bits if random base-32). */
export const MIN_KEY_LENGTH = 16;

/** Root fields that start work on the server and so need a key even though they are not mutations. */
export const WORK_STARTING_FIELDS: ReadonlySet<string> = new Set(['planSearch', 'planSearchProgress']);

export interface ApiKey {
  /** "k_" + 16 hex digits of SHA-256(key): what saved items record as their owner. */
  id: string;
  /** For logs: the name given in the config, or the id. */
  name: string;
  admin: boolean;
  digest: Buffer;
}

export interface AuthPolicy {
  keys: readonly ApiKey[];
  /** Also require a key for queries and read-only subscriptions. */
  requireKeyForReads: boolean;
}

/** Who is calling: no key (`keyId` null), a known key, or a key that matched nothing. */
export type Caller = RequestCaller;

export const ANONYMOUS: Caller = Object.freeze({ keyId: null, name: null, admin: false, invalidKey: false });

const digestOf = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export function keyIdOf(key: string): string {
  return `k_${digestOf(key).toString('hex').slice(0, 16)}`;
}

/**
 * Parses key entries (comma- or newline-separated; `#` starts a comment line in a file): `key`, `name:key`, or
 * `name:key:admin`. Throws with `source` (the variable or file) named.
 */
export function parseApiKeys(text: string, source: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const entries = text
    .split(/[\n,]/)
    .map((e) => e.trim())
    .filter((e) => e && !e.startsWith('#'));
  for (const [index, entry] of entries.entries()) {
    const parts = entry.split(':');
    let name: string | undefined;
    let key: string;
    let admin = false;
    if (parts.length === 1) key = parts[0]!;
    else if (parts.length === 2) [name, key] = parts as [string, string];
    else if (parts.length === 3 && parts[2] === 'admin') {
      [name, key] = parts as [string, string];
      admin = true;
    } else {
      throw new Error(`${source} entry ${index + 1} is invalid: expected "key", "name:key" or "name:key:admin"`);
    }
    if (key.length < MIN_KEY_LENGTH || /\s/.test(key)) {
      throw new Error(`${source} entry ${index + 1}${name ? ` (${name})` : ''} is invalid: a key needs at least ${MIN_KEY_LENGTH} characters and no spaces (e.g. openssl rand -hex 24)`);
    }
    const id = keyIdOf(key);
    if (keys.some((k) => k.id === id)) throw new Error(`${source} entry ${index + 1} repeats a key`);
    keys.push({ id, name: name || id, admin, digest: digestOf(key) });
  }
  return keys;
}

/** The caller for an `Authorization` value (`Bearer <key>`); constant time over the configured keys. */
export function identify(policy: AuthPolicy, authorization: unknown): Caller {
  if (typeof authorization !== 'string' || authorization.trim() === '') return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match) return { ...ANONYMOUS, invalidKey: true };
  const presented = digestOf(match[1]!);
  let found: ApiKey | undefined;
  for (const key of policy.keys) {
    if (timingSafeEqual(presented, key.digest) && !found) found = key;
  }
  return found ? { keyId: found.id, name: found.name, admin: found.admin, invalidKey: false } : { ...ANONYMOUS, invalidKey: true };
}

/** The `Authorization` value of an HTTP request or of a graphql-ws connection (connection_init payload first). */
export function authorizationOf(initial: {
  request?: Request;
  connectionParams?: Readonly<Record<string, unknown>>;
  extra?: { request?: { headers: Record<string, string | string[] | undefined> } };
}): unknown {
  const params = initial.connectionParams;
  if (params) {
    const fromInit = params.authorization ?? params.Authorization;
    if (fromInit !== undefined) return fromInit;
  }
  if (initial.extra?.request) return initial.extra.request.headers.authorization;
  return initial.request?.headers.get('authorization') ?? undefined;
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])),
  );
  const names: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) names.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

function selectedOperation(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? operations.find((o) => o.name?.value === name) : operations[0];
}

/** Why this caller may not run this operation, or undefined. */
export function refusalFor(policy: AuthPolicy, caller: Caller, document: DocumentNode, operationName?: string | null): GraphQLError | undefined {
  if (caller.invalidKey) return unauthenticated('The API key is not valid: send Authorization: Bearer <key> with a key from ZEROPLAN_API_KEYS');
  if (policy.keys.length === 0 || caller.keyId !== null) return undefined;
  const operation = selectedOperation(document, operationName);
  if (!operation) return undefined;
  if (policy.requireKeyForReads) return unauthenticated('This server requires an API key for every operation: send Authorization: Bearer <key>');
  const starts = rootFields(document, operation).filter((f) => WORK_STARTING_FIELDS.has(f));
  if (operation.operation === 'mutation' || starts.length > 0) {
    const what = operation.operation === 'mutation' ? 'Mutations need' : `${starts.join(', ')} needs`;
    return unauthenticated(`${what} an API key on this server: send Authorization: Bearer <key> (over WebSocket: in the connection_init payload)`);
  }
  return undefined;
}

/** Envelop plugin (HTTP, SSE and WebSocket): refuses operations the context's caller may not run. */
export function useApiKeys(policy: AuthPolicy): Plugin<{ caller?: Caller }> {
  const check = ({ args, setResultAndStopExecution }: {
    args: { document: DocumentNode; operationName?: string | null; contextValue: { caller?: Caller } };
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }): void => {
    const error = refusalFor(policy, args.contextValue.caller ?? ANONYMOUS, args.document, args.operationName);
    if (error) setResultAndStopExecution({ errors: [error] });
  };
  return { onExecute: check as never, onSubscribe: check as never };
}

/**
 * The saved-items store as seen by one caller: inserts record the caller's key as owner; with keys configured, only
 * the owner or an admin key may update or delete (FORBIDDEN otherwise; items saved without a key — before keys were
 * set — are admin-only). Reads are unchanged.
 */
export function ownedStore(store: SavedItemsStore, caller: Caller, policy: AuthPolicy): SavedItemsStore {
  if (policy.keys.length === 0) return store;
  const mayChange = async (kind: SavedItemKind, id: string): Promise<void> => {
    const record = await store.get(kind, id);
    if (!record || caller.admin || (record.ownerKeyId !== null && record.ownerKeyId === caller.keyId)) return;
    throw forbidden(
      `${kind.toLowerCase()} ${JSON.stringify(id)} was saved ${record.ownerKeyId ? 'with another API key' : 'without an API key'}: only ${record.ownerKeyId ? 'that key or ' : ''}an admin key may change or delete it`,
    );
  };
  return {
    list: (kind) => store.list(kind),
    get: (kind, id) => store.get(kind, id),
    insert: (kind, name, data, ownerKeyId) => store.insert(kind, name, data, ownerKeyId ?? caller.keyId),
    async update(kind, id, name, data) {
      await mayChange(kind, id);
      return store.update(kind, id, name, data);
    },
    async delete(kind, id) {
      await mayChange(kind, id);
      return store.delete(kind, id);
    },
  };
}

/**
 * Refuses (FORBIDDEN) a change to a run that `caller` did not start, with keys configured: only the key that
 * started it or an admin key may. Runs without an owner (started without a key, or before owners were recorded)
 * are admin-only, like saved items.
 */
function requireRunOwner(caller: Caller, what: string, id: string, ownerKeyId: string | null, action: string): void {
  if (caller.admin || (ownerKeyId !== null && ownerKeyId === caller.keyId)) return;
  throw forbidden(
    `${what} ${JSON.stringify(id)} was started ${ownerKeyId ? 'with another API key' : 'without an API key'}: only ${ownerKeyId ? 'that key or ' : ''}an admin key may ${action} it`,
  );
}

/**
 * The simulation service as seen by one caller: starts and reruns record the caller's key as owner; with keys
 * configured, cancel needs the owner or an admin key. Reads (get, list, events, subscribe) are unchanged; a rerun
 * only reads the stored request and starts a new run owned by the caller, so any key may.
 */
export function ownedSimulations(service: SimulationService, caller: Caller, policy: AuthPolicy): SimulationService {
  return {
    ...service,
    start: (request, rerunOf, ownerKeyId) => service.start(request, rerunOf, ownerKeyId ?? caller.keyId),
    rerun: (id, pace, ownerKeyId) => service.rerun(id, pace, ownerKeyId ?? caller.keyId),
    async cancel(id) {
      const record = policy.keys.length > 0 ? await service.get(id) : undefined;
      if (record) requireRunOwner(caller, 'simulation', id, record.ownerKeyId, 'cancel');
      return service.cancel(id);
    },
  };
}

/** The campaign service as seen by one caller: the same rule as ownedSimulations. */
export function ownedCampaigns(service: CampaignService, caller: Caller, policy: AuthPolicy): CampaignService {
  return {
    ...service,
    start: (request, ownerKeyId) => service.start(request, ownerKeyId ?? caller.keyId),
    async cancel(id) {
      const view = policy.keys.length > 0 ? await service.get(id) : undefined;
      if (view) requireRunOwner(caller, 'campaign', id, view.ownerKeyId, 'cancel');
      return service.cancel(id);
    },
  };
}

/** The context's services as seen by one caller: saved items, simulations and campaigns with their owners. */
export function ownedServices(context: SchemaContext, caller: Caller, policy: AuthPolicy): Partial<SchemaContext> {
  return {
    store: ownedStore(context.store, caller, policy),
    ...(context.simulations ? { simulations: ownedSimulations(context.simulations, caller, policy) } : {}),
    ...(context.campaigns ? { campaigns: ownedCampaigns(context.campaigns, caller, policy) } : {}),
  };
}

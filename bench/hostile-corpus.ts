/**
 * The hostile corpus on every transport (issue 10), shared by `bench/load-hostile.ts` (prints `name: value` lines
 * against the compiled server) and `test/server/hostile-transports.test.ts` (the key cases as tests). Each case is
 * sent over one transport and judged: a 4xx, a coded GraphQL error (never INTERNAL_SERVER_ERROR) or a WebSocket
 * close code of the protocol (4xxx, 1008/1009) is an answer; a 5xx, an uncoded error, an internal error, a 1011 close
 * or no answer within the time limit is a finding.
 */
import WebSocket from 'ws';

export interface Outcome {
  ok: boolean;
  /** What came back, for the printed line: "HTTP 413 [PAYLOAD_TOO_LARGE]", "close 4400", "error [BAD_REQUEST]"… */
  detail: string;
}

export interface Target {
  /** http://host:port/graphql */
  url: string;
  /** A configured API key (the server runs with keys, so writes without one must be refused). */
  key: string;
}

/** How long one case may take before it counts as a hang. */
const CASE_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 1_000_000;
const GRAPHQL_WS = 'graphql-transport-ws';

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const fragmentBomb = (() => {
  // Each fragment selects the previous one twice: 2^30 fields if expanded naively.
  const lines = ['fragment F0 on Gpu { id name }'];
  for (let i = 1; i <= 30; i++) lines.push(`fragment F${i} on Gpu { ...F${i - 1} ... on Gpu { ...F${i - 1} } }`);
  return `{ gpus { ...F30 } } ${lines.join(' ')}`;
})();
const MUTATION = 'mutation { deleteModel(id: "m_x") }';

/** GraphQL payloads (query, variables) that every transport must refuse with a coded error. */
export const DOCUMENT_CASES: readonly { name: string; payload: string }[] = [
  { name: 'deepJsonVariables', payload: `{"query": "query($v: String) { __typename }", "variables": {"v": ${nested(5_000)}}}` },
  { name: 'oversizedDocument', payload: JSON.stringify({ query: `{ ${'__typename '.repeat(2_800)} }` }) },
  { name: 'fragmentBomb', payload: JSON.stringify({ query: fragmentBomb }) },
  { name: 'deepIntrospection', payload: JSON.stringify({ query: `{ __schema { types { fields { type { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } } } }` }) },
  { name: 'parseError', payload: JSON.stringify({ query: '{ gpus { id ' }) },
  { name: 'unknownField', payload: JSON.stringify({ query: '{ nope }' }) },
  { name: 'wrongVariableType', payload: JSON.stringify({ query: 'mutation($n: Int!) { deleteModel(id: $n) }', variables: { n: 1 } }) },
  { name: 'badUserInput', payload: JSON.stringify({ query: '{ trainingPlan(input: {model: "gpt3-175b", cluster: "a100-80gb-x8", globalBatchSize: 0}) { fits } }' }) },
  { name: 'mutationWithoutKey', payload: JSON.stringify({ query: MUTATION }) },
];

/** Every error of a GraphQL result has a code, and none is INTERNAL_SERVER_ERROR. */
function codedErrors(errors: unknown): { ok: boolean; codes: string } {
  if (!Array.isArray(errors) || errors.length === 0) return { ok: false, codes: 'no errors' };
  const codes = errors.map((e) => String((e as { extensions?: { code?: unknown } }).extensions?.code ?? 'NONE'));
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const shown = [...counts].map(([c, n]) => (n > 1 ? `${c} ×${n}` : c)).join(',');
  return { ok: codes.every((c) => c !== 'NONE' && c !== 'INTERNAL_SERVER_ERROR'), codes: shown };
}

async function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const HUNG: Outcome = { ok: false, detail: `no answer in ${CASE_TIMEOUT_MS} ms` };

/** One POST; `sse` asks for text/event-stream and judges the events' errors. */
export function postCase(target: Target, body: BodyInit, options: { sse?: boolean; headers?: Record<string, string> } = {}): Promise<Outcome> {
  const run = async (): Promise<Outcome> => {
    const r = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: options.sse ? 'text/event-stream' : 'application/json', ...options.headers },
      body,
      duplex: 'half',
    } as RequestInit);
    const text = await r.text();
    if (r.status >= 500) return { ok: false, detail: `HTTP ${r.status}` };
    const json = r.headers.get('content-type')?.includes('text/event-stream')
      ? text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { errors?: unknown })
      : [JSON.parse(text) as { errors?: unknown }];
    const judged = codedErrors(json.flatMap((j) => (Array.isArray(j.errors) ? j.errors : [])));
    return { ok: judged.ok, detail: `HTTP ${r.status} [${judged.codes}]` };
  };
  return withTimeout(run().catch((error: unknown) => ({ ok: false, detail: `request failed: ${String(error)}` })), HUNG);
}

/** The cases of one HTTP transport (plain JSON or SSE). */
export function httpCases(target: Target, sse: boolean): { name: string; run: () => Promise<Outcome> }[] {
  const json = { 'content-type': 'application/json' };
  const chunked = (): ReadableStream<Uint8Array> => {
    let sent = 0;
    return new ReadableStream({
      pull(controller) {
        if (sent >= 20_000_000) return controller.close();
        sent += 500_000;
        controller.enqueue(new TextEncoder().encode(' '.repeat(500_000)));
      },
    });
  };
  const post = (body: BodyInit, headers: Record<string, string> = {}) => () => postCase(target, body, { sse, headers });
  return [
    ...DOCUMENT_CASES.map((c) => ({ name: c.name, run: post(c.payload) })),
    { name: 'oversizedBody', run: post(JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2 * MAX_BODY_BYTES) })) },
    { name: 'chunked20MbBody', run: post(chunked()) },
    { name: 'badOrigin', run: post(JSON.stringify({ query: MUTATION }), { ...json, origin: 'https://evil.example', authorization: `Bearer ${target.key}` }) },
    { name: 'formEncodedWrite', run: post(new URLSearchParams({ query: MUTATION }).toString(), { 'content-type': 'application/x-www-form-urlencoded' }) },
    { name: 'wrongKey', run: post(JSON.stringify({ query: '{ __typename }' }), { authorization: 'Bearer not-a-configured-key-0000' }) },
    { name: 'invalidJson', run: post('{"query": "{ gpus { id } }"') },
  ];
}

/** What one raw WebSocket saw: the messages, the close code, or the refused upgrade's status. */
interface WsSeen {
  messages: { type?: string; payload?: unknown }[];
  close?: number;
  upgradeStatus?: number;
  /** The client failed the connection itself (e.g. the handshake named no subprotocol). */
  clientError?: string;
}

/**
 * Opens a raw WebSocket (no graphql-ws client, so malformed messages can be sent), runs `script` once open, and
 * resolves when the socket closes or `settle` says it has seen enough.
 */
function rawWs(
  target: Target,
  script: (ws: WebSocket) => void,
  options: { protocol?: string; headers?: Record<string, string>; settle?: (seen: WsSeen) => boolean } = {},
): Promise<WsSeen> {
  const seen: WsSeen = { messages: [] };
  return withTimeout(
    new Promise<WsSeen>((resolve) => {
      const ws = new WebSocket(target.url.replace(/^http/, 'ws'), options.protocol ?? GRAPHQL_WS, { headers: options.headers });
      const done = (): void => {
        resolve(seen);
        ws.terminate();
      };
      ws.on('unexpected-response', (_req, res) => {
        seen.upgradeStatus = res.statusCode;
        done();
      });
      ws.on('error', (error) => {
        seen.clientError = error.message;
        done();
      });
      ws.on('open', () => script(ws));
      ws.on('message', (data) => {
        try {
          seen.messages.push(JSON.parse(String(data)) as WsSeen['messages'][number]);
        } catch {
          seen.messages.push({ type: 'unparsable' });
        }
        if (options.settle?.(seen)) done();
      });
      ws.on('close', (code) => {
        seen.close = code;
        done();
      });
    }),
    seen,
  );
}

/** A close code of the protocol (4xxx) or of ws's limits (1008 policy, 1009 too big) answers; 1011 does not. */
function judgeWs(seen: WsSeen): Outcome {
  if (seen.upgradeStatus !== undefined) return { ok: seen.upgradeStatus >= 400 && seen.upgradeStatus < 500, detail: `upgrade HTTP ${seen.upgradeStatus}` };
  const errors = seen.messages.filter((m) => m.type === 'error' || m.type === 'next');
  if (errors.length > 0) {
    const judged = codedErrors(errors.flatMap((m) => (m.type === 'error' ? (m.payload as unknown[]) : (((m.payload as { errors?: unknown[] }).errors ?? []) as unknown[]))));
    return { ok: judged.ok, detail: `${errors[0]!.type} [${judged.codes}]` };
  }
  if (seen.clientError === 'Server sent no subprotocol') return { ok: true, detail: 'handshake without a subprotocol (the server closes 4406)' };
  if (seen.close !== undefined) {
    return { ok: (seen.close >= 4000 && seen.close < 5000) || seen.close === 1008 || seen.close === 1009, detail: `close ${seen.close}` };
  }
  return HUNG;
}

const init = (key?: string): string => JSON.stringify({ type: 'connection_init', payload: key ? { authorization: `Bearer ${key}` } : {} });
const subscribe = (id: string, payload: unknown): string => JSON.stringify({ id, type: 'subscribe', payload });
const answered = (seen: WsSeen): boolean => seen.messages.some((m) => m.type === 'error' || m.type === 'complete');

/** The WebSocket cases: framing, protocol abuse, the document corpus inside `subscribe`, a subscribe flood. */
export function wsCases(target: Target): { name: string; run: () => Promise<Outcome> }[] {
  const afterInit = (send: (ws: WebSocket) => void, settle: (seen: WsSeen) => boolean = answered) => () =>
    rawWs(
      target,
      (ws) => {
        ws.send(init(target.key));
        ws.once('message', () => send(ws));
      },
      { settle },
    ).then(judgeWs);
  const raw = (send: (ws: WebSocket) => void, options: Parameters<typeof rawWs>[2] = {}) => () => rawWs(target, send, options).then(judgeWs);
  return [
    ...DOCUMENT_CASES.map((c) => ({
      name: c.name,
      run:
        c.name === 'mutationWithoutKey'
          ? raw((ws) => {
              ws.send(init());
              ws.once('message', () => ws.send(`{"id":"1","type":"subscribe","payload":${c.payload}}`));
            }, { settle: answered })
          : afterInit((ws) => ws.send(`{"id":"1","type":"subscribe","payload":${c.payload}}`)),
    })),
    { name: 'oversizedMessage', run: afterInit((ws) => ws.send(subscribe('1', { query: '{ __typename }', pad: 'x'.repeat(2 * MAX_BODY_BYTES) }))) },
    { name: 'deepJsonMessage', run: afterInit((ws) => ws.send(`{"id":"1","type":"subscribe","payload":{"query":"{ __typename }","extensions":${nested(200_000)}}}`)) },
    { name: 'badOrigin', run: raw(() => undefined, { headers: { origin: 'https://evil.example' } }) },
    { name: 'wrongSubprotocol', run: raw((ws) => ws.send(init(target.key)), { protocol: 'graphql-ws' }) },
    { name: 'wrongKeyInInit', run: raw((ws) => ws.send(init('not-a-configured-key-0000'))) },
    { name: 'notJson', run: raw((ws) => ws.send('{ this is not json')) },
    { name: 'binaryGarbage', run: raw((ws) => ws.send(Buffer.from([0xff, 0x00, 0xfe, 0x01]))) },
    { name: 'unknownMessageType', run: afterInit((ws) => ws.send(JSON.stringify({ type: 'exterminate' }))) },
    { name: 'subscribeBeforeInit', run: raw((ws) => ws.send(subscribe('1', { query: '{ __typename }' }))) },
    { name: 'secondInit', run: afterInit((ws) => ws.send(init(target.key))) },
    { name: 'subscribeWithoutId', run: afterInit((ws) => ws.send(JSON.stringify({ type: 'subscribe', payload: { query: '{ __typename }' } }))) },
    { name: 'queryNotAString', run: afterInit((ws) => ws.send(subscribe('1', { query: 42 }))) },
    {
      name: 'duplicateId',
      run: afterInit((ws) => {
        const live = { query: 'subscription { savedItemsChanged { id } }' };
        ws.send(subscribe('1', live));
        ws.send(subscribe('1', live));
      }),
    },
    { name: 'noInit', run: raw(() => undefined) },
    {
      // 1,000 live subscriptions on one socket: past MAX_OPERATIONS_PER_SOCKET each is refused with a coded error.
      name: 'subscribeFlood',
      run: afterInit(
        (ws) => {
          for (let i = 0; i < 1_000; i++) ws.send(subscribe(String(i), { query: 'subscription { savedItemsChanged { id } }' }));
        },
        (seen) => seen.messages.filter((m) => m.type === 'error').length >= 900,
      ),
    },
  ];
}

/** The server still answers a trivial query (after a transport's cases). */
export async function stillServing(target: Target): Promise<boolean> {
  try {
    const r = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    return r.status === 200 && ((await r.json()) as { data?: { __typename?: string } }).data?.__typename === 'Query';
  } catch {
    return false;
  }
}

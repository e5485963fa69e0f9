/**
 * Who may talk to the API and how (docs/operations.md), the same on HTTP, SSE and WebSocket:
 *
 * - CSRF: an operation only runs from a JSON or GraphQL content type (`application/json`,
 *   `application/graphql-response+json`, `application/graphql+json`, `application/graphql`): the types a plain HTML
 *   form can send (`application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`) are refused with 415
 *   before yoga parses them, so every cross-site write needs a CORS preflight — the rule yoga's and Apollo's CSRF
 *   prevention rely on. A request whose `Origin` is neither this server nor in CORS_ORIGINS is refused with 403
 *   (a browser sends `Origin` on every cross-site POST, fetch and WebSocket; curl and server clients send none).
 * - CORS: only origins in the allow-list get `access-control-allow-origin` (that origin, never a reflected one)
 *   and never `allow-credentials` (keys travel in `Authorization`, not cookies).
 * - WebSocket: yoga's HTTP plugins do not see the upgrade, so `verifyUpgrade` applies the same Origin rule there.
 */
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './limits.js';

export interface CorsPolicy {
  /** Exact origins (`scheme://host[:port]`) other than the server's own that browsers may call from. */
  origins: readonly string[];
}

/** Content types that may carry an operation in a POST body. */
export const OPERATION_CONTENT_TYPES: readonly string[] = [
  'application/json',
  'application/graphql-response+json',
  'application/graphql+json',
  'application/graphql',
];

/** Headers a browser page on an allowed origin may send. */
const ALLOWED_HEADERS = ['content-type', 'accept', 'authorization', 'x-request-id'];

/** Normalises a CORS_ORIGINS entry; returns undefined (and the reason) when it is not an origin. */
export function parseOrigin(entry: string): { origin?: string; error?: string } {
  if (entry === '*') return { error: '"*" is not accepted: list the origins (scheme://host[:port]) that may call the API' };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { error: `${JSON.stringify(entry)} is not an origin: expected scheme://host[:port]` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `${JSON.stringify(entry)}: expected an http:// or https:// origin` };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    return { error: `${JSON.stringify(entry)} has a path, query or credentials: expected scheme://host[:port] only` };
  }
  return { origin: url.origin };
}

/**
 * Whether a request with this `Origin` header may run operations: no Origin (not a browser), the server's own
 * origin (same host and port as the `Host` header), or one in the allow-list. The opaque origin "null" (sandboxed
 * frames, file://) is refused.
 */
export function originAllowed(origin: string | null | undefined, host: string | null | undefined, policy: CorsPolicy): boolean {
  if (origin === null || origin === undefined || origin === '') return true;
  if (policy.origins.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return host !== null && host !== undefined && url.host === host.toLowerCase();
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** yoga's `cors` option: allow-listed origins only, no credentials, no reflection. */
export function corsOptions(policy: CorsPolicy) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !policy.origins.includes(origin)) return false as const;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    };
  };
}

/** Yoga plugin (HTTP and SSE): refuses foreign origins (403) and non-JSON/GraphQL POST bodies (415). */
export function useCsrfPrevention(policy: CorsPolicy): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method === 'OPTIONS') return;
      const origin = request.headers.get('origin');
      if (!originAllowed(origin, request.headers.get('host') ?? url.host, policy)) {
        endResponse(
          errorResponse(403, 'FORBIDDEN', `Origin ${JSON.stringify(origin)} may not call this API: allowed are this server's own origin and CORS_ORIGINS`),
        );
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const type = mediaType(request.headers.get('content-type'));
        if (!OPERATION_CONTENT_TYPES.includes(type)) {
          endResponse(
            errorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', `content-type ${JSON.stringify(type || '(none)')} cannot carry an operation: expected one of ${OPERATION_CONTENT_TYPES.join(', ')}`),
          );
        }
      }
    },
  };
}

/** The WebSocket upgrade's Origin check (ws `verifyClient`): a refused upgrade is 403, as on HTTP (ws says 401). */
export function verifyUpgrade(policy: CorsPolicy) {
  return (info: { origin: string; req: IncomingMessage }, done: (allowed: boolean, status?: number, message?: string) => void): void => {
    if (originAllowed(info.origin, info.req.headers.host, policy)) done(true);
    else done(false, 403, 'Forbidden: this Origin may not open a WebSocket (CORS_ORIGINS)');
  };
}

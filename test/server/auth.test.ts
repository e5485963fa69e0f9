/**
 * API keys on the three transports against a listening server: without a key (or with a wrong one) a write or a
 * search start is refused with UNAUTHENTICATED and nothing is written; with a key it runs; reads stay open unless
 * requireKeyForReads. Ownership (another key cannot change what it did not create) is in ownership tests below.
 */
import { describe, expect, it } from 'vitest';
import { identify, keyIdOf, parseApiKeys, type AuthPolicy } from '../../src/server/auth.js';
import { ADMIN, ALICE, BOB, codeOf, KEYS, serveWithKeys } from './keyed-server.js';

const CREATE = 'mutation { createModel(input: {name: "mine", layers: 2, hiddenSize: 64, attentionHeads: 2, vocabSize: 100, sequenceLength: 16}) { id } }';
const SEARCH = 'subscription { planSearchProgress(input: {model: "gpt2-1.5b", cluster: "a100-80gb-x8", globalBatchSize: 64, timeLimitSeconds: 0.2}) { done } }';

describe('key configuration', () => {
  it('parses key, name:key and name:key:admin; ids are digests, never the key', () => {
    const keys = parseApiKeys(`# a comment\n${ALICE}\nbob:${BOB}\nops:${ADMIN}:admin`, 'file');
    expect(keys.map((k) => [k.name, k.admin])).toEqual([[keyIdOf(ALICE), false], ['bob', false], ['ops', true]]);
    expect(keys[0]!.id).toMatch(/^k_[0-9a-f]{16}$/);
    expect(JSON.stringify(keys)).not.toContain(ALICE);
    expect(() => parseApiKeys('short', 'ZEROPLAN_API_KEYS')).toThrow(/ZEROPLAN_API_KEYS entry 1 is invalid: a key needs at least 16 characters/);
    expect(() => parseApiKeys(`a:${ALICE}:root`, 'ZEROPLAN_API_KEYS')).toThrow(/expected "key", "name:key" or "name:key:admin"/);
  });

  it('identifies Bearer keys and flags unknown ones', () => {
    const policy: AuthPolicy = { keys: KEYS, requireKeyForReads: false };
    expect(identify(policy, `Bearer ${ADMIN}`)).toMatchObject({ name: 'ops', admin: true, invalidKey: false });
    expect(identify(policy, undefined)).toMatchObject({ keyId: null, invalidKey: false });
    expect(identify(policy, `Bearer ${ALICE}x`).invalidKey).toBe(true);
    expect(identify(policy, ALICE).invalidKey).toBe(true);
  });
});

describe('a write without a key is refused', () => {
  it('over HTTP: 401 UNAUTHENTICATED for no key and a wrong key; runs with a key; reads stay open', async () => {
    const s = await serveWithKeys();
    const none = await s.http(CREATE);
    expect(none.status).toBe(401);
    expect(codeOf(none)).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.http(CREATE, `${ALICE}x`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.http('{ planSearch(input: {model: "gpt2-1.5b", cluster: "a100-80gb-x8", globalBatchSize: 64}) { evaluated } }'))).toBe('UNAUTHENTICATED');
    expect(s.count()).toBe(0);
    const ok = await s.http(CREATE, ALICE);
    expect(ok.errors).toBeUndefined();
    expect(s.count()).toBe(1);
    const read = await s.http('{ models { id } }');
    expect(read.errors).toBeUndefined();
    // A wrong key is refused even on a read.
    expect(codeOf(await s.http('{ models { id } }', 'not-a-configured-key-000'))).toBe('UNAUTHENTICATED');
  });

  it('over SSE: the write and the search start are refused without a key', async () => {
    const s = await serveWithKeys();
    expect(await s.sse(CREATE)).toContain('UNAUTHENTICATED');
    expect(await s.sse(SEARCH)).toContain('UNAUTHENTICATED');
    expect(s.count()).toBe(0);
    expect(await s.sse(CREATE, BOB)).toContain('"createModel"');
    expect(s.count()).toBe(1);
  });

  it('over WebSocket: refused without a key, runs with the key in connection_init, a wrong key closes with 4403', async () => {
    const s = await serveWithKeys();
    expect(codeOf(await s.ws()(CREATE))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.ws()(SEARCH))).toBe('UNAUTHENTICATED');
    expect(s.count()).toBe(0);
    expect((await s.ws(ALICE)(CREATE)).errors).toBeUndefined();
    expect(s.count()).toBe(1);
    await expect(s.ws('wrong-key-0123456789abcdef')(CREATE)).rejects.toMatchObject({ code: 4403 });
    expect(s.count()).toBe(1);
  });

  it('with requireKeyForReads, a query needs a key too', async () => {
    const s = await serveWithKeys({ auth: { keys: KEYS, requireKeyForReads: true } });
    expect(codeOf(await s.http('{ models { id } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.ws()('{ models { id } }'))).toBe('UNAUTHENTICATED');
    expect((await s.http('{ models { id } }', BOB)).errors).toBeUndefined();
  });
});

describe('another key cannot change what it did not create', () => {
  const DELETE = 'mutation($id: ID!) { deleteModel(id: $id) }';
  const RENAME = 'mutation($id: ID!) { updateModel(id: $id, input: {name: "taken", layers: 2, hiddenSize: 64, attentionHeads: 2, vocabSize: 100, sequenceLength: 16}) { id name } }';
  const created = async (s: Awaited<ReturnType<typeof serveWithKeys>>, key: string): Promise<string> => {
    const r = await s.http(CREATE, key);
    return (r.data!.createModel as { id: string }).id;
  };

  it('records the owner as the key id (never the key) on insert', async () => {
    const s = await serveWithKeys();
    const id = await created(s, ALICE);
    const row = s.app.db.prepare('SELECT owner_key_id FROM saved_items WHERE id = ?').get(id) as { owner_key_id: string };
    expect(row.owner_key_id).toBe(keyIdOf(ALICE));
    expect(JSON.stringify(s.app.db.prepare('SELECT * FROM saved_items').all())).not.toContain(ALICE);
  });

  it('over HTTP: FORBIDDEN for another key on update and delete; the owner and an admin key may', async () => {
    const s = await serveWithKeys();
    const id = await created(s, ALICE);
    const denied = await s.http(DELETE, BOB, { id });
    expect(codeOf(denied)).toBe('FORBIDDEN');
    expect(denied.errors![0]!.message).toContain('another API key');
    expect(codeOf(await s.http(RENAME, BOB, { id }))).toBe('FORBIDDEN');
    expect(s.count()).toBe(1);
    expect((await s.http(RENAME, ALICE, { id })).data).toEqual({ updateModel: { id, name: 'taken' } });
    expect((await s.http(DELETE, ADMIN, { id })).data).toEqual({ deleteModel: id });
    expect(s.count()).toBe(0);
    const own = await created(s, BOB);
    expect((await s.http(DELETE, BOB, { id: own })).data).toEqual({ deleteModel: own });
  });

  it('over SSE: another key cannot delete', async () => {
    const s = await serveWithKeys();
    const id = await created(s, ALICE);
    const r = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${BOB}` },
      body: JSON.stringify({ query: DELETE, variables: { id } }),
    });
    expect(await r.text()).toContain('FORBIDDEN');
    expect(s.count()).toBe(1);
  });

  it('over WebSocket: another key cannot delete; the owner can', async () => {
    const s = await serveWithKeys();
    const id = await created(s, ALICE);
    expect(codeOf(await s.ws(BOB)(DELETE, { id }))).toBe('FORBIDDEN');
    expect(s.count()).toBe(1);
    expect((await s.ws(ALICE)(DELETE, { id })).data).toEqual({ deleteModel: id });
    expect(s.count()).toBe(0);
  });
});

/** The saved-items store contract (insert, list order, get, update, delete, owner), on every configured back end. */
import { afterAll, describe, expect, it } from 'vitest';
import { storeBackends } from './backends.js';

for (const backend of storeBackends()) {
  describe(`saved-items store on ${backend.name}`, () => {
    afterAll(() => backend.dispose());

    it('inserts with an owner (or none), lists in insertion order per kind, updates and deletes', async () => {
      const { saved: store } = await backend.open();
      const a = await store.insert('MODEL', 'a', { layers: 2 }, null);
      const b = await store.insert('MODEL', 'b', { layers: 4 }, 'k_owner1');
      await store.insert('CLUSTER', 'c', { nodes: 1 }, null);
      expect(a.id).toMatch(/^m_[a-z2-7]{12}$/);
      expect(a.ownerKeyId).toBeNull();
      expect(b.ownerKeyId).toBe('k_owner1');
      expect((await store.list('MODEL')).map((r) => r.name)).toEqual(['a', 'b']);
      expect(await store.get('MODEL', b.id)).toEqual(b);
      expect(await store.get('CLUSTER', b.id)).toBeUndefined(); // kinds do not mix

      const updated = await store.update('MODEL', b.id, 'b2', { layers: 8 });
      expect(updated).toMatchObject({ id: b.id, name: 'b2', data: { layers: 8 }, ownerKeyId: 'k_owner1', createdAt: b.createdAt });
      expect(await store.update('MODEL', 'm_nonexistent0', 'x', {})).toBeUndefined();

      expect(await store.delete('MODEL', a.id)).toBe(true);
      expect(await store.delete('MODEL', a.id)).toBe(false);
      expect((await store.list('MODEL')).map((r) => r.id)).toEqual([b.id]);
    });

    it('keeps every saved item across a reopen (a restart)', async () => {
      const first = await backend.open();
      const before = await first.saved.list('PLAN');
      const saved = await first.saved.insert('PLAN', 'kept', { layout: { tensorParallel: 8 } }, null);
      const reopened = await backend.reopen();
      expect(await reopened.saved.list('PLAN')).toEqual([...before, saved]);
    });
  });
}

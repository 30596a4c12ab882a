// The compiled reference in memory: data/*.json merged with uploaded rows, recompiled on reload (after
// this process's upload) and when another process sharing the database recorded one (reloadIfBehind).
import type { Reference } from '../../domain/reference/compile-reference.ts';
import { compileReference } from '../../domain/reference/compile-reference.ts';
import type { ReferenceFiles } from '../../domain/reference/types.ts';
import { mergeReferenceUploads } from '../../app/merge-reference-uploads.ts';
import type { ReferenceSource, ReferenceStore } from '../../app/ports.ts';

export async function createReferenceSource(files: ReferenceFiles, store: ReferenceStore): Promise<ReferenceSource> {
  // The newest upload the compiled reference includes, read before the rows: an upload committed in
  // between is in the rows and makes the next check load once more, never the other way round.
  let upTo = await store.latestUploadId();
  let current: Reference = compileReference(mergeReferenceUploads(files, await store.fxRows(), await store.tariffRows()));
  const reload = async () => {
    const newest = await store.latestUploadId();
    current = compileReference(mergeReferenceUploads(files, await store.fxRows(), await store.tariffRows()));
    upTo = newest;
  };
  return {
    current: () => current,
    reload,
    async reloadIfBehind() {
      if ((await store.latestUploadId()) <= upTo) return false;
      await reload();
      return true;
    },
  };
}

// The compiled reference in memory: data/*.json merged with uploaded rows, recompiled on reload.
import type { Reference } from '../../domain/reference/compile-reference.ts';
import { compileReference } from '../../domain/reference/compile-reference.ts';
import type { ReferenceFiles } from '../../domain/reference/types.ts';
import { mergeReferenceUploads } from '../../app/merge-reference-uploads.ts';
import type { ReferenceSource, ReferenceStore } from '../../app/ports.ts';

export async function createReferenceSource(files: ReferenceFiles, store: ReferenceStore): Promise<ReferenceSource> {
  let current: Reference = compileReference(mergeReferenceUploads(files, await store.fxRows(), await store.tariffRows()));
  return {
    current: () => current,
    async reload() {
      current = compileReference(mergeReferenceUploads(files, await store.fxRows(), await store.tariffRows()));
    },
  };
}

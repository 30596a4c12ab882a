// In-process worker of the PCCC holder's notices of changes to their code (src/app/send-pccc-change-notices.ts,
// migrations/112): polls the due ones, and is nudged after a change's commit; claims each (a channel) by a
// lease and sends it; a failed send is tried again with backoff, one left unsettled by a process that stopped
// is taken again once its lease ran out.
import { sendPcccChangeNotices, type PcccChangeNoticeDeps } from '../app/send-pccc-change-notices.ts';
import { startSerialWorker, type SerialWorker } from './polling-loop.ts';

export type PcccChangeNoticeWorker = SerialWorker;

export function startPcccChangeNoticeWorker(o: { deps: PcccChangeNoticeDeps; pollMs: number; batchSize?: number; onError?: (e: unknown) => void }): PcccChangeNoticeWorker {
  const batchSize = o.batchSize ?? 20;
  return startSerialWorker({ runPass: () => sendPcccChangeNotices(o.deps, batchSize), batchSize, pollMs: o.pollMs, onError: o.onError });
}

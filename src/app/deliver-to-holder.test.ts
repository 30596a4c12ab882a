// A message a worker must get to the holder: a send no channel took is a failure, permanent (given up at once
// by the outbox) only when each channel that failed refused it for good.
import { describe, expect, it } from 'vitest';
import { deliverToHolder, NotDeliveredError } from './deliver-to-holder.ts';
import type { NotifyOutcome, RegistryHolder } from './ports/identity-ports.ts';

const HOLDER = { pccc: 'P262000000123', phone: '01098765432', email: null } as unknown as RegistryHolder;
const M = { subject: '[통관] 환급 안내', body: '본문 / body' };
const answering = (o: NotifyOutcome) => ({ notify: async () => o });
const failureOf = (o: NotifyOutcome) => deliverToHolder(answering(o), HOLDER, M).then(() => null, (e: unknown) => e);

describe('deliverToHolder', () => {
  it('one channel took it: delivered, whatever the others did', async () => {
    expect(await failureOf({ delivered: 1, failed: 2, permanent: 2 })).toBeNull();
  });

  it('none took it: NotDeliveredError, permanent only when every failure was (1 of 1; not 1 of 2, nor 0 of 1)', async () => {
    const all = await failureOf({ delivered: 0, failed: 1, permanent: 1 }); // the SMS, the only channel, refused for good
    expect(all).toBeInstanceOf(NotDeliveredError);
    expect(all).toMatchObject({ failed: 1, permanent: true, message: 'no channel took the message (1 failed, refused for good)' });
    expect(await failureOf({ delivered: 0, failed: 2, permanent: 1 })).toMatchObject({ failed: 2, permanent: false, message: 'no channel took the message (2 failed)' });
    expect(await failureOf({ delivered: 0, failed: 1, permanent: 0 })).toMatchObject({ permanent: false });
    // No channel at all (no address on any): nothing refused it for good, tried again.
    expect(await failureOf({ delivered: 0, failed: 0, permanent: 0 })).toMatchObject({ permanent: false });
  });
});

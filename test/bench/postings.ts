import { load } from './harness';

const DAY = 86_400_000;
const SIX_HOURS = 6 * 3_600_000;

/** Posts `count` shifts of `slots` slots at the retailer's site over HTTP, six hours apart (within the workers' year-long offers); returns their ids. */
export async function postShifts(
  gateway: { gql(q: string, v?: Record<string, unknown>, token?: string): Promise<{ data?: any; errors?: unknown[] }> },
  retailer: { siteId: string; token: string },
  count: number,
  slots: number,
  concurrency = 16,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  const base = Date.now() + 2 * DAY;
  await load(count, concurrency, async (i) => {
    const startsAt = new Date(base + i * SIX_HOURS);
    const input = {
      siteId: retailer.siteId, role: 'PICKER', title: `Bench shift ${i}`, slots, hourlyRate: '30.00',
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
    };
    const r = await gateway.gql(`mutation($input: PostShiftInput!) { postShift(input: $input) { id } }`, { input }, retailer.token);
    if (r.errors) throw new Error(`postShift failed: ${JSON.stringify(r.errors)}`);
    ids[i] = r.data.postShift.id;
  });
  return ids;
}

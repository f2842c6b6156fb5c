// Reads for phone.waba: the expected WABAs' numbers (their first pages came in the audit's first wave), more
// pages only when Graph has them, and, only when a number is found in none of them, a bounded search of the
// other WABAs the token's grants name, so the report can say where the number really lives.
import type { WabaPhonesProbe } from '../core/live.js';
import { normalizeTokenData } from '../core/normalize.js';
import { grantReach } from '../core/reach.js';
import type { BatchResult } from './batch.js';
import type { GraphClient } from './client.js';
import { followListings, Listing } from './paging.js';
import { PHONE_ID_FIELDS, phoneListRequest, readPhoneNode, refusal } from './reads.js';

/** At most this many other WABAs are searched for a stray number, each for at most this many pages. */
const MAX_OTHER_WABAS = 10;
const MAX_OTHER_PAGES = 3;

/** The WABAs named by the token's WhatsApp target_ids that are not expected, in Graph's order, capped. */
export function otherWabasToSearch(data: unknown, expected: string[]): string[] {
  const { targetIds } = grantReach(normalizeTokenData(data));
  return targetIds.filter((id) => !expected.map(String).includes(id)).slice(0, MAX_OTHER_WABAS);
}

export interface WabaPhonesInput {
  lists: Listing[];
  firstPages: BatchResult[];
  /** Follow further pages and search other WABAs (false for a token that is invalid anyway). */
  follow: boolean;
  phoneNumberIds: string[];
  others: string[];
  token: string;
  appSecret?: string;
}

export async function readWabaPhones(
  client: GraphClient,
  input: WabaPhonesInput,
): Promise<WabaPhonesProbe[]> {
  const pending = input.lists.flatMap((listing, i) => {
    const next = listing.accept(input.firstPages[i]!);
    // Not followed (the token is invalid, so phone.waba is skipped anyway): the listing counts as cut short.
    if (next && !input.follow) listing.cut = 'page-cap';
    return next && input.follow ? [{ listing, next }] : [];
  });
  await followListings(client, pending);
  const expected = input.lists.map((l) => probeOf(l, true));

  const found = new Set(expected.flatMap((p) => p.phones?.map((n) => n.id) ?? []));
  const strays = input.phoneNumberIds.filter((id) => !found.has(String(id)));
  if (!input.follow || strays.length === 0 || input.others.length === 0) return expected;

  const others = input.others.map(
    (id) =>
      new Listing(
        phoneListRequest(id, input.token, input.appSecret, {
          fields: PHONE_ID_FIELDS,
          maxPages: MAX_OTHER_PAGES,
        }),
      ),
  );
  await followListings(
    client,
    others.map((listing) => ({ listing, next: listing.first() })),
  );
  return [...expected, ...others.map((l) => probeOf(l, false))];
}

function probeOf(listing: Listing, expected: boolean): WabaPhonesProbe {
  const wabaId = listing.request.path.split('/')[0]!;
  const out = listing.outcome();
  if (out.failure && out.pages === 0) return { wabaId, expected, ...refusal(out.failure) };
  const phones = out.items.flatMap((item) => {
    const { id, displayPhoneNumber } = readPhoneNode(item);
    return id ? [{ id, ...(displayPhoneNumber ? { displayPhoneNumber } : {}) }] : [];
  });
  return {
    wabaId,
    expected,
    outcome: 'ok',
    phones,
    ...(out.cut || out.failure ? { incomplete: true } : {}),
  };
}

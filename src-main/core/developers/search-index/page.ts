/**
 * The Developers page's ids and total from the in-memory index, with the
 * same inputs the SQL path folds and checks (filters.ts): the search key,
 * and the stage's order_no (an unknown stage is refused the same way).
 */
import type { DeveloperListQuery } from '../../../../src-shared/contract/developers';
import type { Db } from '../../db/db';
import { searchKey } from '../../identity/normalise';
import { stageOrder } from '../filters';
import type { SearchIndexClient } from './client';
import type { IndexAnswer } from './index-data';

/** The page's ids and the total, or null when the SQL path must answer. */
export async function indexedPage(
  db: Db,
  tenant: string,
  index: SearchIndexClient,
  query: DeveloperListQuery,
): Promise<IndexAnswer | null> {
  const stage = query.stage === undefined ? undefined : await stageOrder(db, query.stage);
  return index.query(tenant, {
    key: query.q ? searchKey(query.q) : '',
    ...(stage === undefined ? {} : { stage }),
    ...(query.tag === undefined ? {} : { tag: query.tag }),
    ...(query.orgId === undefined ? {} : { orgId: query.orgId }),
    ...(query.provider === undefined ? {} : { provider: query.provider }),
    sort: query.sort,
    reverse: query.reverse ?? false,
    offset: query.page * query.pageSize,
    size: query.pageSize,
  });
}

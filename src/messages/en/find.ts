// Words for finding equipment: results, items, models. Owned by the read side.
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const find = {
  resultsTitle: (words: string) => `Equipment matching “${words}”`,
  resultsSummary: (total: number, from: number, to: number) =>
    total === 0 ? 'Nothing found.' : `${plural(total, 'model', 'models')} found; showing ${from}–${to}, most available first.`,
  stockLine: (pool: string, inStock: number, borrowable: number) => `${pool}: *${inStock}* in stock / ${borrowable} borrowable`,
  totals: (inStock: number, borrowable: number) => `${inStock} in stock of ${borrowable} borrowable`,
  morePools: (n: number) => `…and ${plural(n, 'more pool', 'more pools')}`,
  nothingFound: (words: string) => `Nothing in leihs matches “${words}”. Try fewer or shorter words.`,
  nothingFoundInPool: (words: string, pool: string) => `Nothing in ${pool} matches “${words}”. Try without \`in ${pool}\`.`,
  partial: (failed: string[], answered: number, asked: number) =>
    `${failed.join(', ')} did not answer; results from ${answered} of ${asked} pools.`,
  noPools: 'This app’s leihs account has no role in any active pool, so it cannot search. Ask a leihs admin to give it the lending manager role in the pools to search.',
  unknownPool: (pool: string, known: string[]) =>
    known.length > 0 ? `There is no pool called “${pool}” that I can search. Try one of: ${known.join(', ')}.` : `There is no pool called “${pool}”.`,
  poolNotSearchable: (pool: string) => `I can’t search ${pool}: this app’s leihs account has no role there, or the pool is inactive.`,
  tooLong: 'That search is too long. Please use a few words (at most 200 characters).',
  // item
  itemTitle: (code: string, model: string) => `${code} · ${model}`,
  itemNotFound: (code: string) => `No item with inventory code “${code}” in the pools I can search. Check the code, e.g. INV-10042.`,
  badInventoryCode: 'An inventory code is letters, digits and - _ . / (at most 64 characters), e.g. INV-10042.',
  owner: 'Owner',
  responsible: 'Responsible pool',
  location: 'Location',
  status: 'Status',
  lentTo: 'Lent to',
  unknownPlace: 'not recorded',
  unknownPerson: 'someone',
  borrowable: 'borrowable',
  notBorrowable: 'not borrowable',
  broken: 'broken',
  incomplete: 'incomplete',
  retired: 'retired',
  available: 'available',
  dueToday: 'due back today',
  dueIn: (days: number) => `due back in ${plural(days, 'day', 'days')}`,
  dueOn: (date: string) => `due back on ${date}`,
  overdueSince: (date: string) => `overdue since ${date}`,
  lentToLine: (who: string, when: string) => `${who}, ${when}`,
  // model
  modelTitle: (name: string) => name,
  modelNotFound: (name: string) => `No model called “${name}” in the pools I can search. Try \`/leihs find ${name}\`.`,
  modelPool: (pool: string, inStock: number, borrowable: number, items: number) =>
    `*${pool}*: ${inStock} in stock / ${borrowable} borrowable (${plural(items, 'item', 'items')})`,
  moreItems: (n: number) => `…and ${plural(n, 'more item', 'more items')}`,
  otherModels: (names: string) => `Other matches: ${names}`,
} as const;

export const findModal = {
  title: 'Find equipment',
  submit: 'Search',
  close: 'Cancel',
  queryLabel: 'What are you looking for?',
  queryPlaceholder: 'e.g. tripod, canon 50mm',
  poolLabel: 'Pool',
  allPools: 'All pools',
  queryMissing: 'Type a few words to search for.',
  queryTooLong: 'Please use at most 200 characters.',
  sentToDm: 'The results are in your messages from the app.',
} as const;

// Words for finding equipment: results, items, models. Owned by the read side.
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const find = {
  resultsTitle: (words: string) => `Equipment matching “${words}”`,
  /** `complete` false: some pool had more matches than were read, so `total` is a lower bound. */
  resultsSummary: (total: number, from: number, to: number, complete = true) =>
    total === 0
      ? 'Nothing found.'
      : `${complete ? plural(total, 'model', 'models') : `${total}+ models`} found; showing ${from}–${to}, most available first.`,
  resultsCut: 'There are more matches than I read from each pool. Add a word or a pool (`in <pool>`) to narrow the search.',
  stockLine: (pool: string, inStock: number, borrowable: number) => `${pool}: *${inStock}* in stock / ${borrowable} borrowable`,
  totals: (inStock: number, borrowable: number) => `${inStock} in stock of ${borrowable} borrowable`,
  morePools: (n: number) => `…and ${plural(n, 'more pool', 'more pools')}`,
  // Arguments named `echoed` are the user's own words, already formatted as inline code by the builder.
  nothingFound: (echoed: string) => `Nothing in leihs matches ${echoed}. Try fewer or shorter words.`,
  nothingFoundInPool: (echoed: string, pool: string) => `Nothing in ${pool} matches ${echoed}. Try the search without the pool.`,
  notBorrowableIn: (pools: string[]) => `_Also in ${pools.join(', ')}, none borrowable there_`,
  partial: (failed: string[], answered: number, asked: number) =>
    `${failed.join(', ')} did not answer; results from ${answered} of ${asked} pools.`,
  noPools: 'This app’s leihs account has no role in any active pool, so it cannot search. Ask a leihs admin to give it the lending manager role in the pools to search.',
  unknownPool: (echoed: string, known: string[]) =>
    known.length > 0 ? `There is no pool called ${echoed} that I can search. Try one of: ${known.join(', ')}.` : `There is no pool called ${echoed}.`,
  poolNotSearchable: (pool: string) => `I can’t search ${pool}: this app’s leihs account has no role there, or the pool is inactive.`,
  tooLong: 'That search is too long. Please use a few words (at most 200 characters).',
  // item
  itemTitle: (code: string, model: string) => `${code} · ${model}`,
  itemNotFound: (echoed: string) => `No item with inventory code ${echoed} in the pools I can search. Check the code, e.g. INV-10042.`,
  badInventoryCode: 'An inventory code is letters, digits and - _ . / (at most 64 characters), e.g. INV-10042.',
  owner: 'Owner',
  responsible: 'Responsible pool',
  location: 'Location',
  status: 'Status',
  lentTo: 'Borrowed by',
  unknownPlace: 'not recorded',
  unknownPerson: 'someone',
  borrowable: 'borrowable',
  notBorrowable: 'not borrowable',
  broken: 'broken',
  incomplete: 'incomplete',
  retired: 'retired',
  available: 'nobody',
  notLentOut: 'not lent out',
  dueToday: 'due back today',
  dueIn: (days: number) => `due back in ${plural(days, 'day', 'days')}`,
  dueOn: (date: string) => `due back on ${date}`,
  overdueSince: (date: string) => `overdue since ${date}`,
  lentToLine: (who: string, when: string) => `${who}, ${when}`,
  // model
  modelTitle: (name: string) => name,
  modelNotFound: (echoed: string, findCommand: string) => `No model called ${echoed} in the pools I can search. Try ${findCommand}.`,
  findCommand: (words: string) => `/leihs find ${words}`,
  modelAmbiguous: (echoed: string, count: number) =>
    `${plural(count, 'model matches', 'models match')} ${echoed}. Which one? Type \`/leihs model\` and the full name.`,
  moreModels: (n: number) => `…and ${plural(n, 'more model', 'more models')}`,
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

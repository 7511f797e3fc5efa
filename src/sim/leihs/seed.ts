/**
 * Demo data for the simulator: a Swiss art school ("Hochschule der Künste", hdk.example). The named facts
 * (pools, demo users, groups, INV-10042 …) are fixed; the scale options add generated rows deterministically.
 */
import { avatarFor } from './avatars.js';
import {
  computeQuantities,
  userSearchableColumn,
  type ApiToken,
  type Building,
  type Category,
  type EntitlementGroup,
  type Group,
  type InventoryField,
  type Item,
  type MailTemplate,
  type Model,
  type Pool,
  type Role,
  type Room,
  type SimData,
  type Supplier,
  type Template,
  type User,
} from './model.js';
import { addDays, byName, createRandom, dateOnly, isoSeconds, pick, secretFromText, stableUuid, type Random } from './util.js';

export const DEMO_EMAILS = {
  bot: 'leihs-bot@hdk.example',
  ruth: 'ruth.keller@hdk.example',
  marco: 'marco.bernasconi@hdk.example',
  lena: 'lena.huber@hdk.example',
  jonas: 'jonas.meier@hdk.example',
  anna: 'anna.schmid@hdk.example',
  peter: 'peter.muster@hdk.example',
} as const;

export const TOKEN_NAMES = [
  'admin',
  'lendingManager',
  'inventoryManager',
  'groupManager',
  'customer',
  'expired',
  'disabledUser',
  'adminWithoutScopes',
] as const;
export type TokenName = (typeof TOKEN_NAMES)[number];

/** The demo tokens: fixed 32-character Base32 secrets, the same in every run and for every seed. */
export const DEMO_TOKENS: Readonly<Record<TokenName, string>> = Object.fromEntries(
  TOKEN_NAMES.map((name) => [name, secretFromText(`leihs-simulator demo token ${name}`)]),
) as Record<TokenName, string>;

interface TokenSpec {
  email: string;
  admin: boolean;
  description: string;
  /** days after start; negative = already expired */
  expiresInDays: number;
}

const TOKEN_SPECS: Record<TokenName, TokenSpec> = {
  admin: { email: DEMO_EMAILS.bot, admin: true, description: 'slack bot', expiresInDays: 300 },
  lendingManager: { email: DEMO_EMAILS.marco, admin: false, description: 'scripts', expiresInDays: 365 },
  inventoryManager: { email: DEMO_EMAILS.lena, admin: false, description: 'scripts', expiresInDays: 365 },
  groupManager: { email: DEMO_EMAILS.jonas, admin: false, description: 'scripts', expiresInDays: 365 },
  customer: { email: DEMO_EMAILS.anna, admin: false, description: 'my token', expiresInDays: 365 },
  expired: { email: DEMO_EMAILS.anna, admin: false, description: 'old token', expiresInDays: -1 },
  disabledUser: { email: DEMO_EMAILS.peter, admin: false, description: 'my token', expiresInDays: 365 },
  adminWithoutScopes: { email: DEMO_EMAILS.ruth, admin: false, description: 'read only', expiresInDays: 365 },
};

export interface SeedOptions {
  seed: number;
  now: Date;
  pools: number;
  users: number;
  models: number;
  items: number;
}

export const DEFAULT_SCALE = { pools: 5, users: 60, models: 0, items: 220 } as const;

const FIRST_NAMES = [
  'Lea', 'Noah', 'Mia', 'Luca', 'Elena', 'Jan', 'Laura', 'Nico', 'Sara', 'Tim', 'Nina', 'David', 'Lara',
  'Simon', 'Julia', 'Fabian', 'Chiara', 'Matteo', 'Selina', 'Reto', 'Corinne', 'Urs', 'Mirjam', 'Beat',
  'Andrea', 'Livia', 'Gian', 'Seraina', 'Flurin', 'Aline', 'Cédric', 'Noémie', 'Yannick', 'Zoé', 'Jürg',
];
const LAST_NAMES = [
  'Müller', 'Meier', 'Schmid', 'Keller', 'Weber', 'Huber', 'Schneider', 'Steiner', 'Fischer', 'Gerber',
  'Brunner', 'Baumann', 'Frei', 'Zimmermann', 'Moser', 'Widmer', 'Wyss', 'Graf', 'Roth', 'Suter',
  'Bachmann', 'Kälin', 'Lüthi', 'Favre', 'Rossi', 'Bernasconi', 'Caflisch', 'Bühler', 'Egli', 'Hofmann',
];

interface CatalogueEntry {
  product: string;
  version?: string;
  manufacturer: string;
  category: string;
}

const CATALOGUE: CatalogueEntry[] = [
  { product: 'Manfrotto 055 Tripod', manufacturer: 'Manfrotto', category: 'Stative' },
  { product: 'Sachtler Flowtech 75 Tripod', manufacturer: 'Sachtler', category: 'Stative' },
  { product: 'Gitzo Mountaineer Tripod', manufacturer: 'Gitzo', category: 'Stative' },
  { product: 'Manfrotto Befree Tripod', manufacturer: 'Manfrotto', category: 'Stative' },
  { product: 'Canon EOS R5', manufacturer: 'Canon', category: 'Kameras' },
  { product: 'Nikon Z6', version: 'II', manufacturer: 'Nikon', category: 'Kameras' },
  { product: 'Sony Alpha 7 IV', manufacturer: 'Sony', category: 'Kameras' },
  { product: 'Fujifilm X-T4', manufacturer: 'Fujifilm', category: 'Kameras' },
  { product: 'Leica Q2', manufacturer: 'Leica', category: 'Kameras' },
  { product: 'Sony FX3', manufacturer: 'Sony', category: 'Kameras' },
  { product: 'ARRI Alexa Mini', manufacturer: 'ARRI', category: 'Kameras' },
  { product: 'Blackmagic Pocket Cinema Camera 6K', manufacturer: 'Blackmagic Design', category: 'Kameras' },
  { product: 'Canon EOS C70', manufacturer: 'Canon', category: 'Kameras' },
  { product: 'RED Komodo 6K', manufacturer: 'RED', category: 'Kameras' },
  { product: 'Canon RF 24-70mm f/2.8L', manufacturer: 'Canon', category: 'Objektive' },
  { product: 'Sigma 35mm f/1.4 DG HSM Art', manufacturer: 'Sigma', category: 'Objektive' },
  { product: 'Zeiss CP.3 50mm T2.1', manufacturer: 'Zeiss', category: 'Objektive' },
  { product: 'Sony FE 85mm f/1.8', manufacturer: 'Sony', category: 'Objektive' },
  { product: 'ARRI SkyPanel S60-C', manufacturer: 'ARRI', category: 'Licht' },
  { product: 'Aputure LS 300d', version: 'II', manufacturer: 'Aputure', category: 'Licht' },
  { product: 'Dedolight DLH4 Kit', manufacturer: 'Dedolight', category: 'Licht' },
  { product: 'Litepanels Astra 6X', manufacturer: 'Litepanels', category: 'Licht' },
  { product: 'Sennheiser MKH 416', manufacturer: 'Sennheiser', category: 'Mikrofone' },
  { product: 'Rode NTG3', manufacturer: 'Rode', category: 'Mikrofone' },
  { product: 'Shure SM7B', manufacturer: 'Shure', category: 'Mikrofone' },
  { product: 'Neumann U 87 Ai', manufacturer: 'Neumann', category: 'Mikrofone' },
  { product: 'Sennheiser EW 112P G4 Funkstrecke', manufacturer: 'Sennheiser', category: 'Mikrofone' },
  { product: 'Zoom H6', manufacturer: 'Zoom', category: 'Recorder' },
  { product: 'Sound Devices MixPre-6', version: 'II', manufacturer: 'Sound Devices', category: 'Recorder' },
  { product: 'Tascam DR-40X', manufacturer: 'Tascam', category: 'Recorder' },
  { product: 'Zoom F8n', manufacturer: 'Zoom', category: 'Recorder' },
  { product: 'Makita DDF484 Akku-Bohrschrauber', manufacturer: 'Makita', category: 'Werkzeug' },
  { product: 'Bosch GST 18V Stichsäge', manufacturer: 'Bosch', category: 'Werkzeug' },
  { product: 'Festool TS 55 Tauchsäge', manufacturer: 'Festool', category: 'Werkzeug' },
  { product: 'Canon EOS 5D Mark II', manufacturer: 'Canon', category: 'Kameras' },
];

/** Category tree: Foto > Stative, Kameras, Objektive; Film > Kameras (a second parent), Licht; Audio > …; Werkstatt > Werkzeug. */
const CATEGORY_TREE: { name: string; parents: { parent: string; label: string | null }[] }[] = [
  { name: 'Foto', parents: [] },
  { name: 'Film', parents: [] },
  { name: 'Audio', parents: [] },
  { name: 'Werkstatt', parents: [] },
  { name: 'Stative', parents: [{ parent: 'Foto', label: null }] },
  { name: 'Kameras', parents: [{ parent: 'Foto', label: 'Fotokameras' }, { parent: 'Film', label: 'Filmkameras' }] },
  { name: 'Objektive', parents: [{ parent: 'Foto', label: null }] },
  { name: 'Licht', parents: [{ parent: 'Film', label: null }] },
  { name: 'Mikrofone', parents: [{ parent: 'Audio', label: 'Microphones' }] },
  { name: 'Recorder', parents: [{ parent: 'Audio', label: null }] },
  { name: 'Werkzeug', parents: [{ parent: 'Werkstatt', label: null }] },
];

interface PoolSpec {
  name: string;
  shortname: string;
  active: boolean;
  room: string;
}

const POOLS: PoolSpec[] = [
  { name: 'Fotostudio', shortname: 'FOTO', active: true, room: 'room-foto' },
  { name: 'Filmpool', shortname: 'FILM', active: true, room: 'room-film' },
  { name: 'Audio', shortname: 'AUDIO', active: true, room: 'room-audio' },
  { name: 'Werkstatt', shortname: 'WERK', active: true, room: 'room-werk' },
  { name: 'Archiv', shortname: 'ARCH', active: false, room: 'room-arch' },
];

const EXTRA_POOL_NAMES = [
  'Grafik', 'Interaction Design', 'Game Design', 'Musik', 'Tanz', 'Theater', 'Bildende Kunst', 'Mediathek',
  'Industrial Design', 'Scientific Visualization', 'Szenografie', 'Transdisziplinarität', 'Kunstvermittlung',
];

/** Hand-placed first items (INV-10001 …): [catalogue product, responsible pool, state, owner pool?]. */
type ItemState = 'stock' | 'broken' | 'retired' | 'unborrowable' | `due:${number}` | `anna-due:${number}`;
const FIXED_ITEMS: [string, string, ItemState, string?][] = [
  ['Manfrotto 055 Tripod', 'FOTO', 'stock'],
  ['Manfrotto 055 Tripod', 'FOTO', 'stock'],
  ['Manfrotto 055 Tripod', 'FILM', 'stock'],
  ['Sachtler Flowtech 75 Tripod', 'FILM', 'stock'],
  ['Sachtler Flowtech 75 Tripod', 'FILM', 'due:3'],
  ['Gitzo Mountaineer Tripod', 'FOTO', 'stock'],
  ['Gitzo Mountaineer Tripod', 'FOTO', 'broken'],
  ['Manfrotto Befree Tripod', 'FOTO', 'due:5'],
  ['Manfrotto Befree Tripod', 'FILM', 'stock'],
  ['Canon EOS R5', 'FOTO', 'stock'],
  ['Canon EOS R5', 'FOTO', 'due:-4'],
  ['Nikon Z6', 'FOTO', 'stock'],
  ['Sony Alpha 7 IV', 'FOTO', 'stock'],
  ['Fujifilm X-T4', 'FOTO', 'unborrowable'],
  ['Leica Q2', 'FOTO', 'retired'],
  ['Sony FX3', 'FILM', 'stock'],
  ['Sony FX3', 'FILM', 'due:2'],
  ['ARRI Alexa Mini', 'FILM', 'stock'],
  ['Blackmagic Pocket Cinema Camera 6K', 'FILM', 'stock'],
  ['Canon EOS C70', 'FILM', 'broken'],
  ['RED Komodo 6K', 'FILM', 'due:7'],
  ['Canon RF 24-70mm f/2.8L', 'FOTO', 'stock'],
  ['Sigma 35mm f/1.4 DG HSM Art', 'FOTO', 'stock'],
  ['Zeiss CP.3 50mm T2.1', 'FILM', 'stock', 'FOTO'],
  ['Sony FE 85mm f/1.8', 'FOTO', 'stock'],
  ['ARRI SkyPanel S60-C', 'FILM', 'stock'],
  ['Aputure LS 300d', 'FILM', 'stock'],
  ['Aputure LS 300d', 'FILM', 'due:-1'],
  ['Dedolight DLH4 Kit', 'FILM', 'stock'],
  ['Litepanels Astra 6X', 'FILM', 'retired'],
  ['Sennheiser MKH 416', 'AUDIO', 'stock'],
  ['Sennheiser MKH 416', 'AUDIO', 'due:3'],
  ['Rode NTG3', 'AUDIO', 'stock'],
  ['Rode NTG3', 'FILM', 'stock', 'AUDIO'],
  ['Shure SM7B', 'AUDIO', 'stock'],
  ['Neumann U 87 Ai', 'AUDIO', 'unborrowable'],
  ['Sennheiser EW 112P G4 Funkstrecke', 'AUDIO', 'stock'],
  ['Zoom H6', 'AUDIO', 'stock'],
  ['Zoom H6', 'AUDIO', 'due:-6'],
  ['Sound Devices MixPre-6', 'AUDIO', 'stock'],
  ['Tascam DR-40X', 'AUDIO', 'broken'],
  ['Manfrotto 055 Tripod', 'FOTO', 'anna-due:-2'],
  ['Zoom F8n', 'AUDIO', 'stock'],
  ['Makita DDF484 Akku-Bohrschrauber', 'WERK', 'stock'],
  ['Bosch GST 18V Stichsäge', 'WERK', 'due:1'],
  ['Festool TS 55 Tauchsäge', 'WERK', 'stock'],
  ['Leica Q2', 'ARCH', 'retired'],
  ['Canon EOS 5D Mark II', 'ARCH', 'retired'],
  ['Sound Devices MixPre-6', 'FILM', 'stock'],
  ['Sachtler Flowtech 75 Tripod', 'FOTO', 'stock'],
];

/** Which pools stock a category when items are generated at random. */
const CATEGORY_POOLS: Record<string, string[]> = {
  Stative: ['FOTO', 'FILM'],
  Kameras: ['FOTO', 'FILM'],
  Objektive: ['FOTO', 'FILM'],
  Licht: ['FILM'],
  Mikrofone: ['AUDIO', 'FILM'],
  Recorder: ['AUDIO'],
  Werkzeug: ['WERK'],
};

interface DemoUserSpec {
  key: keyof typeof DEMO_EMAILS;
  firstname: string;
  lastname: string;
  isAdmin?: boolean;
  enabled?: boolean;
}

const DEMO_USERS: DemoUserSpec[] = [
  { key: 'bot', firstname: 'leihs', lastname: 'Bot', isAdmin: true },
  { key: 'ruth', firstname: 'Ruth', lastname: 'Keller', isAdmin: true },
  { key: 'marco', firstname: 'Marco', lastname: 'Bernasconi' },
  { key: 'lena', firstname: 'Lena', lastname: 'Huber' },
  { key: 'jonas', firstname: 'Jonas', lastname: 'Meier' },
  { key: 'anna', firstname: 'Anna', lastname: 'Schmid' },
  { key: 'peter', firstname: 'Peter', lastname: 'Muster', enabled: false },
];

function fakeBcrypt(random: Random): string {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '$2a$06$';
  for (let i = 0; i < 53; i++) out += pick(random, alphabet.split(''));
  return out;
}

export function newApiToken(
  data: Pick<SimData, 'seed'>,
  random: Random,
  fields: Omit<ApiToken, 'id' | 'token_hash' | 'token_part' | 'created_at' | 'updated_at'> & { created: Date },
  key: string,
): ApiToken {
  const { created, ...rest } = fields;
  return {
    ...rest,
    id: stableUuid(data.seed, 'api-token', key),
    token_hash: fakeBcrypt(random),
    token_part: fields.secret.slice(0, 5),
    created_at: isoSeconds(created),
    updated_at: isoSeconds(created),
  };
}

export function generateData(options: SeedOptions): SimData {
  const { seed, now } = options;
  const random = createRandom(seed);
  const id = (kind: string, key: string | number) => stableUuid(seed, kind, key);
  const created = isoSeconds(addDays(now, -400));

  // Buildings and rooms
  const buildings: Building[] = [
    { id: id('building', 'general'), name: 'general building', code: null, is_general: true },
    { id: id('building', 'TA'), name: 'Toni-Areal', code: 'TA', is_general: false },
    { id: id('building', 'AU60'), name: 'Ausstellungsstrasse 60', code: 'AU60', is_general: false },
    { id: id('building', 'SQ125'), name: 'Sihlquai 125', code: 'SQ125', is_general: false },
  ];
  const [general, toni, ausstellung, sihlquai] = buildings as [Building, Building, Building, Building];
  const rooms: Room[] = [
    { id: id('room', 'general'), name: 'general room', description: null, building_id: general.id, is_general: true },
    { id: id('room', 'room-foto'), name: '5.K12', description: 'Fotostudio Ausleihe', building_id: toni.id, is_general: false },
    { id: id('room', 'room-film'), name: '4.T33', description: 'Filmlager', building_id: toni.id, is_general: false },
    { id: id('room', 'room-audio'), name: '3.D07', description: 'Tonlager', building_id: toni.id, is_general: false },
    { id: id('room', 'room-werk'), name: 'EG.02', description: 'Werkstatt', building_id: ausstellung.id, is_general: false },
    { id: id('room', 'room-arch'), name: 'UG.11', description: 'Archiv', building_id: sihlquai.id, is_general: false },
  ];
  const suppliers: Supplier[] = [
    'Foto Video Zumstein AG',
    'Light+Byte AG',
    'Musik Hug AG',
    'Brack.ch AG',
    'Digitec Galaxus AG',
  ].map((name, i) => ({ id: id('supplier', i), name, note: i === 1 ? 'Rahmenvertrag Film' : null }));

  // Pools
  const poolSpecs = [...POOLS];
  for (let i = POOLS.length; i < options.pools; i++) {
    const base = EXTRA_POOL_NAMES[(i - POOLS.length) % EXTRA_POOL_NAMES.length] ?? 'Pool';
    const round = Math.floor((i - POOLS.length) / EXTRA_POOL_NAMES.length);
    const name = round === 0 ? base : `${base} ${round + 1}`;
    poolSpecs.push({ name, shortname: `P${String(i + 1).padStart(3, '0')}`, active: true, room: 'general' });
  }
  const pools: Pool[] = poolSpecs.map((spec) => {
    const slug = spec.shortname.toLowerCase();
    return {
      id: id('pool', spec.shortname),
      name: spec.name,
      shortname: spec.shortname,
      email: `${slug}.ausleihe@hdk.example`,
      description: spec.active ? `Ausleihe ${spec.name} der Hochschule der Künste` : 'Ehemalige Bestände, nicht mehr im Verleih',
      contact: `Ausleihe ${spec.name}, Toni-Areal, Mo–Fr 9–12 Uhr`,
      is_active: spec.active,
      automatic_suspension: false,
      automatic_suspension_reason: null,
      borrow_maximum_reservation_duration: 30,
      borrow_reservation_advance_days: 1,
      default_contract_note: null,
      deliver_received_order_emails: true,
      email_signature: `Ihr Team ${spec.name}`,
      print_contracts: true,
      required_purpose: true,
      default_room_id: id('room', spec.room),
    };
  });
  const poolByShort = new Map(pools.map((p) => [p.shortname, p]));
  const poolId = (shortname: string): string => {
    const pool = poolByShort.get(shortname);
    if (!pool) throw new Error(`unknown pool ${shortname}`);
    return pool.id;
  };
  const activePools = pools.filter((p) => p.is_active);

  // Users
  const users: User[] = [];
  const makeUser = (
    key: string,
    index: number,
    firstname: string,
    lastname: string,
    email: string,
    extra: Partial<User> = {},
  ): User => {
    const login = email.split('@')[0] ?? email;
    const avatar = avatarFor(index, login);
    const user: User = {
      id: id('user', key),
      login,
      email,
      secondary_email: null,
      firstname,
      lastname,
      phone: index % 4 === 0 ? `+41 43 446 ${String(1000 + (index % 9000)).padStart(4, '0')}` : null,
      address: null,
      city: 'Zürich',
      zip: '8005',
      country: 'Schweiz',
      badge_id: String(100000 + index),
      url: null,
      org_id: index % 3 === 0 ? null : String(500000 + index),
      organization: index % 3 === 0 ? 'local' : 'hdk.example',
      account_enabled: true,
      account_disabled_at: null,
      password_sign_in_enabled: true,
      is_admin: false,
      is_system_admin: false,
      admin_protected: false,
      system_admin_protected: false,
      extended_info: null,
      ...avatar,
      created_at: created,
      updated_at: created,
      last_sign_in_at: isoSeconds(addDays(now, -(index % 30))),
      delegator_user_id: null,
      searchable: '',
      ...extra,
    };
    user.searchable = userSearchableColumn(user).toLowerCase();
    return user;
  };
  DEMO_USERS.forEach((spec, i) => {
    const admin = spec.isAdmin === true;
    users.push(
      makeUser(spec.key, i, spec.firstname, spec.lastname, DEMO_EMAILS[spec.key], {
        is_admin: admin,
        admin_protected: admin,
        account_enabled: spec.enabled !== false,
        account_disabled_at: spec.enabled === false ? isoSeconds(addDays(now, -20)) : null,
        organization: 'local',
        org_id: null,
        // Ruth also reads mail at her old address: an `@` term matches secondary emails too.
        secondary_email: spec.key === 'ruth' ? 'r.keller@zhdk.example' : null,
      }),
    );
  });
  const seenEmails = new Set<string>(users.map((u) => u.email));
  for (let i = users.length; i < Math.max(options.users, users.length); i++) {
    const firstname = pick(random, FIRST_NAMES);
    const lastname = pick(random, LAST_NAMES);
    const local = `${firstname}.${lastname}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z.]/g, '');
    let email = `${local}@hdk.example`;
    if (seenEmails.has(email)) email = `${local}${i}@hdk.example`;
    seenEmails.add(email);
    users.push(makeUser(`generated-${i}`, i, firstname, lastname, email, i % 97 === 13 ? { account_enabled: false } : {}));
  }
  // A delegation: a users row standing for a project, with a responsible user (delegator) and members.
  const delegation = makeUser('delegation-filmprojekt', users.length, 'Filmprojekt BA 2026', '', 'filmprojekt.ba@hdk.example', {
    organization: 'local',
    org_id: null,
    img32_url: null,
    img256_url: null,
    img_digest: null,
    badge_id: null,
  });
  users.push(delegation);
  users.sort((a, b) => byName(a.lastname, b.lastname) || byName(a.firstname, b.firstname) || byName(a.id, b.id));
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  const demo = (key: keyof typeof DEMO_EMAILS): User => {
    const user = userByEmail.get(DEMO_EMAILS[key]);
    if (!user) throw new Error(`demo user ${key} missing`);
    return user;
  };
  delegation.delegator_user_id = demo('marco').id;
  delegation.searchable = userSearchableColumn(delegation).toLowerCase();
  const delegationMembers = new Map([[delegation.id, new Set([demo('anna').id])]]);
  const generatedUsers = users.filter((u) => !Object.values(DEMO_EMAILS).includes(u.email as never) && u.delegator_user_id === null);

  // Groups and members
  const groups = new Map<string, Group>();
  const groupMembers = new Map<string, Set<string>>();
  const userGroups = new Map<string, Set<string>>();
  const addMember = (groupId: string, userId: string) => {
    groupMembers.get(groupId)?.add(userId);
    let set = userGroups.get(userId);
    if (!set) userGroups.set(userId, (set = new Set()));
    set.add(groupId);
  };
  const addGroup = (key: string, name: string, description: string | null, orgId: string | null = null): Group => {
    const group: Group = {
      id: id('group', key),
      name,
      description,
      org_id: orgId,
      organization: orgId ? 'hdk.example' : 'local',
      admin_protected: orgId !== null,
      system_admin_protected: false,
      created_at: created,
      updated_at: created,
    };
    groups.set(group.id, group);
    groupMembers.set(group.id, new Set());
    return group;
  };
  const fotografie = addGroup('fotografie-ba', 'Fotografie BA', 'Studierende Bachelor Fotografie', 'BA-FOTO');
  const filmMa = addGroup('film-ma', 'Film MA', 'Studierende Master Film', 'MA-FILM');
  const sound = addGroup('sound-design', 'Sound Design', 'Vertiefung Sound Design');
  const werkstatt = addGroup('werkstatt', 'Werkstatt-Berechtigte', 'Personen mit Werkstatt-Einführung');
  const oldGroup = addGroup('old-group', 'Old Group', 'Nicht mehr verwendet');
  addMember(fotografie.id, demo('anna').id);
  addMember(filmMa.id, demo('anna').id);
  addMember(sound.id, demo('jonas').id);
  addMember(werkstatt.id, demo('marco').id);
  addMember(oldGroup.id, demo('peter').id);
  const namedGroups = [fotografie, filmMa, sound, werkstatt, oldGroup];
  generatedUsers.forEach((user, i) => {
    const group = namedGroups[i % namedGroups.length];
    if (group) addMember(group.id, user.id);
    if (i % 3 === 0) {
      const second = namedGroups[(i + 2) % 4];
      if (second) addMember(second.id, user.id);
    }
  });
  // At scale: one class group per ~100 users.
  const extraGroupCount = Math.floor(generatedUsers.length / 100);
  for (let g = 0; g < extraGroupCount; g++) {
    const group = addGroup(`class-${g}`, `Klasse ${2020 + (g % 6)}-${String(g + 1).padStart(3, '0')}`, null);
    for (let k = 0; k < 25; k++) {
      const user = generatedUsers[(g * 37 + k * 13) % generatedUsers.length];
      if (user) addMember(group.id, user.id);
    }
  }

  // Pool roles: direct and via groups
  const directRoles = new Map<string, Map<string, Role>>(pools.map((p) => [p.id, new Map()]));
  const groupRoles = new Map<string, Map<string, Role>>(pools.map((p) => [p.id, new Map()]));
  const grant = (pool: string, userId: string, role: Role) => directRoles.get(pool)?.set(userId, role);
  for (const pool of activePools) grant(pool.id, demo('bot').id, 'inventory_manager');
  grant(poolId('FOTO'), demo('marco').id, 'lending_manager');
  grant(poolId('FILM'), demo('lena').id, 'inventory_manager');
  grant(poolId('AUDIO'), demo('jonas').id, 'group_manager');
  grant(poolId('FOTO'), demo('peter').id, 'customer');
  grant(poolId('FILM'), delegation.id, 'customer');
  groupRoles.get(poolId('FOTO'))?.set(fotografie.id, 'customer');
  groupRoles.get(poolId('FILM'))?.set(filmMa.id, 'customer');
  groupRoles.get(poolId('AUDIO'))?.set(sound.id, 'customer');
  groupRoles.get(poolId('FILM'))?.set(sound.id, 'customer');
  groupRoles.get(poolId('WERK'))?.set(werkstatt.id, 'customer');
  // A few generated staff per pool: one lending manager, one inventory manager.
  pools.forEach((pool, p) => {
    const lm = generatedUsers[(p * 7 + 1) % Math.max(generatedUsers.length, 1)];
    const im = generatedUsers[(p * 7 + 4) % Math.max(generatedUsers.length, 1)];
    if (lm && !directRoles.get(pool.id)?.has(lm.id)) grant(pool.id, lm.id, 'lending_manager');
    if (im && !directRoles.get(pool.id)?.has(im.id)) grant(pool.id, im.id, 'inventory_manager');
    if (p >= POOLS.length) {
      const classGroup = [...groups.values()][POOLS.length + (p % Math.max(extraGroupCount, 1))];
      if (classGroup) groupRoles.get(pool.id)?.set(classGroup.id, 'customer');
    }
  });
  const suspensions = new Map<string, { suspended_until: string; suspended_reason: string }>();
  const suspended = generatedUsers[5];
  if (suspended) {
    suspensions.set(`${poolId('FOTO')}:${suspended.id}`, {
      suspended_until: dateOnly(addDays(now, 30)),
      suspended_reason: 'Wiederholt verspätete Rückgabe',
    });
  }

  // Categories
  const categories: Category[] = CATEGORY_TREE.map((c) => ({ id: id('category', c.name), name: c.name, parents: [] }));
  const categoryByName = new Map(categories.map((c) => [c.name, c]));
  for (const spec of CATEGORY_TREE) {
    const category = categoryByName.get(spec.name);
    if (!category) continue;
    category.parents = spec.parents.map((p) => ({ id: categoryByName.get(p.parent)?.id ?? '', label: p.label }));
  }

  // Models: the catalogue, then numbered variants up to the requested count
  const models: Model[] = [];
  const modelCategory = new Map<string, string>();
  const totalModels = Math.max(options.models, CATALOGUE.length);
  for (let i = 0; i < totalModels; i++) {
    const base = CATALOGUE[i % CATALOGUE.length];
    if (!base) continue;
    const round = Math.floor(i / CATALOGUE.length);
    const product = round === 0 ? base.product : `${base.product} Mk ${round + 1}`;
    const version = base.version ?? null;
    const categoryId = categoryByName.get(base.category)?.id;
    const model: Model = {
      id: id('model', i),
      product,
      version,
      manufacturer: base.manufacturer,
      description: `${product} von ${base.manufacturer}`,
      technical_detail: null,
      internal_description: null,
      hand_over_note: base.category === 'Kameras' ? 'Akku geladen? Speicherkarte leer?' : null,
      info_url: null,
      rental_price: null,
      maintenance_period: 0,
      category_ids: categoryId ? [categoryId] : [],
      created_at: created,
      updated_at: created,
      name: version ? `${product} ${version}` : product,
    };
    models.push(model);
    modelCategory.set(model.id, base.category);
  }
  const catalogueModel = (product: string): Model => {
    const model = models.find((m) => m.product === product);
    if (!model) throw new Error(`unknown catalogue model ${product}`);
    return model;
  };

  // Items
  const items: Item[] = [];
  const borrowers = [demo('anna'), ...generatedUsers.slice(0, 40)];
  const totalItems = Math.max(options.items, FIXED_ITEMS.length);
  const extraPools = pools.slice(POOLS.length).filter((p) => p.is_active);
  for (let i = 0; i < totalItems; i++) {
    const code = `INV-${10001 + i}`;
    let model: Model;
    let responsible: string;
    let owner: string;
    let state: ItemState;
    const fixed = FIXED_ITEMS[i];
    if (fixed) {
      model = catalogueModel(fixed[0]);
      responsible = poolId(fixed[1]);
      owner = poolId(fixed[3] ?? fixed[1]);
      state = fixed[2];
    } else {
      model = pick(random, models);
      const homes = CATEGORY_POOLS[modelCategory.get(model.id) ?? ''] ?? ['FOTO'];
      const useExtra = extraPools.length > 0 && random() < extraPools.length / (extraPools.length + 4);
      responsible = useExtra ? pick(random, extraPools).id : poolId(pick(random, homes));
      owner = random() < 0.1 ? pick(random, activePools).id : responsible;
      const r = random();
      state =
        r < 0.1 ? `due:${Math.floor(random() * 14) + 1}` : r < 0.15 ? `due:${-Math.floor(random() * 10) - 1}` : r < 0.19 ? 'broken' : r < 0.23 ? 'retired' : r < 0.27 ? 'unborrowable' : 'stock';
    }
    const pool = pools.find((p) => p.id === responsible);
    const itemId = id('item', code);
    const item: Item = {
      id: itemId,
      inventory_code: code,
      model_id: model.id,
      owner_id: owner,
      inventory_pool_id: responsible,
      room_id: pool?.default_room_id ?? rooms[0]?.id ?? '',
      supplier_id: suppliers[i % suppliers.length]?.id ?? null,
      shelf: `${String.fromCharCode(65 + (i % 6))}-${String((i % 12) + 1).padStart(2, '0')}`,
      serial_number: `SN${(1000003 * (i + 7)) % 99999989}`,
      is_borrowable: state !== 'unborrowable' && state !== 'retired',
      is_broken: state === 'broken',
      is_incomplete: i % 41 === 7,
      is_inventory_relevant: true,
      retired: state === 'retired' ? dateOnly(addDays(now, -200)) : null,
      retired_reason: state === 'retired' ? 'Veraltet, ersetzt' : null,
      price: `${(200 + ((i * 137) % 4800)).toFixed(2)}`,
      invoice_date: dateOnly(addDays(now, -300 - (i % 700))),
      last_check: dateOnly(addDays(now, -(i % 90))),
      needs_permission: model.product === 'ARRI Alexa Mini',
      parent_id: null,
      note: null,
      created_at: created,
      updated_at: created,
      reservation: null,
    };
    const due = /^(anna-)?due:(-?\d+)$/.exec(state);
    if (due) {
      const borrower = due[1] ? demo('anna') : (borrowers[i % borrowers.length] ?? demo('anna'));
      const endDate = addDays(now, Number(due[2]));
      item.reservation = {
        id: id('reservation', code),
        contract_id: id('contract', code),
        user_id: borrower.id,
        item_id: itemId,
        start_date: dateOnly(addDays(endDate, -7)),
        end_date: dateOnly(endDate),
      };
    }
    items.push(item);
  }

  // Mail templates, fields, templates, entitlement groups
  const mailTemplates: MailTemplate[] = ['reminder', 'deadline_soon_reminder', 'received', 'approved', 'rejected', 'submitted'].flatMap(
    (name) =>
      ['de-CH', 'en-GB'].map((locale) => ({
        id: id('mail-template', `${name}-${locale}`),
        name,
        type: name.includes('reminder') ? 'user' : 'order',
        language_locale: locale,
        format: 'text',
        subject: null,
        created_at: created,
        updated_at: created,
        body: locale === 'de-CH' ? `Hallo {{ user.name }}, … (${name})` : `Hello {{ user.name }}, … (${name})`,
        is_template_template: true,
        inventory_pool_id: null,
      })),
  );
  const inventoryFields: InventoryField[] = [
    ['inventory_code', 'Inventory Code', 'text', 'General Information', true],
    ['model_id', 'Model', 'autocomplete-search', 'General Information', true],
    ['serial_number', 'Serial Number', 'text', 'General Information', false],
    ['is_borrowable', 'Borrowable', 'radio', 'Status', true],
    ['is_broken', 'Working order', 'radio', 'Status', true],
    ['retired', 'Retirement', 'select', 'Status', false],
    ['room_id', 'Room', 'autocomplete', 'Location', true],
    ['shelf', 'Shelf', 'text', 'Location', false],
    ['price', 'Initial Price', 'text', 'Invoice Information', false],
    ['properties_ampere', 'Ampere', 'text', 'Technical Details', false],
  ].map(([attribute, label, type, group, required], position) => ({
    id: String(attribute),
    active: true,
    position,
    dynamic: String(attribute).startsWith('properties_'),
    data: { attribute, label, type, group, required, permissions: { role: 'inventory_manager', owner: true }, target_type: 'item' },
  }));
  const templates: Template[] = [
    { id: id('template', 'interview'), name: 'Interview-Set', inventory_pool_id: poolId('AUDIO'), model_ids: [catalogueModel('Zoom H6').id, catalogueModel('Sennheiser MKH 416').id] },
    { id: id('template', 'portrait'), name: 'Porträt-Set', inventory_pool_id: poolId('FOTO'), model_ids: [catalogueModel('Canon EOS R5').id, catalogueModel('Manfrotto 055 Tripod').id] },
    { id: id('template', 'doku'), name: 'Doku-Dreh', inventory_pool_id: poolId('FILM'), model_ids: [catalogueModel('Sony FX3').id, catalogueModel('Rode NTG3').id] },
  ];
  const entitlementGroups: EntitlementGroup[] = [
    {
      id: id('entitlement-group', 'film-ma'),
      name: 'Film MA Kameras',
      inventory_pool_id: poolId('FILM'),
      is_verification_required: false,
      created_at: created,
      updated_at: created,
      entitlements: [{ model_id: catalogueModel('ARRI Alexa Mini').id, quantity: 1 }],
      group_ids: [filmMa.id],
    },
    {
      id: id('entitlement-group', 'foto-ba'),
      name: 'Fotografie BA Grundausstattung',
      inventory_pool_id: poolId('FOTO'),
      is_verification_required: true,
      created_at: created,
      updated_at: created,
      entitlements: [{ model_id: catalogueModel('Canon EOS R5').id, quantity: 2 }],
      group_ids: [fotografie.id],
    },
  ];

  const data: SimData = {
    seed,
    startedAt: now,
    pools,
    users,
    groups,
    groupMembers,
    userGroups,
    delegationMembers,
    directRoles,
    groupRoles,
    suspensions,
    tokens: [],
    buildings,
    rooms,
    suppliers,
    categories,
    models,
    items,
    mailTemplates,
    inventoryFields,
    templates,
    entitlementGroups,
    index: buildIndex(pools, users, buildings, rooms, suppliers, categories, models, items),
  };
  for (const pool of pools) data.index.quantitiesByPool.set(pool.id, computeQuantities(data, pool.id));

  for (const name of TOKEN_NAMES) {
    const spec = TOKEN_SPECS[name];
    const user = userByEmail.get(spec.email);
    if (!user) continue;
    const token = newApiToken(
      data,
      random,
      {
        user_id: user.id,
        secret: DEMO_TOKENS[name],
        scope_read: true,
        scope_write: true,
        scope_admin_read: spec.admin,
        scope_admin_write: spec.admin,
        scope_system_admin_read: false,
        scope_system_admin_write: false,
        description: spec.description,
        expires_at: addDays(now, spec.expiresInDays),
        created: addDays(now, Math.min(-2, spec.expiresInDays - 30)),
      },
      `demo-${name}`,
    );
    data.tokens.push(token);
    data.index.tokenBySecret.set(token.secret, token);
  }
  return data;
}

function buildIndex(
  pools: Pool[],
  users: User[],
  buildings: Building[],
  rooms: Room[],
  suppliers: Supplier[],
  categories: Category[],
  models: Model[],
  items: Item[],
): SimData['index'] {
  const userByEmail = new Map<string, User>();
  for (const user of users) {
    userByEmail.set(user.email.toLowerCase(), user);
    if (user.secondary_email) userByEmail.set(user.secondary_email.toLowerCase(), user);
  }
  const childrenByCategory = new Map<string, { id: string; label: string | null }[]>();
  for (const category of categories) {
    for (const parent of category.parents) {
      const list = childrenByCategory.get(parent.id) ?? [];
      list.push({ id: category.id, label: parent.label });
      childrenByCategory.set(parent.id, list);
    }
  }
  const itemsByPoolModel = new Map<string, Map<string, Item[]>>(pools.map((p) => [p.id, new Map()]));
  const addTo = (poolId: string, item: Item) => {
    const byModel = itemsByPoolModel.get(poolId);
    if (!byModel) return;
    const list = byModel.get(item.model_id) ?? [];
    list.push(item);
    byModel.set(item.model_id, list);
  };
  for (const item of items) {
    addTo(item.inventory_pool_id, item);
    if (item.owner_id !== item.inventory_pool_id) addTo(item.owner_id, item);
  }
  const modelsByName = models
    .map((model) => ({ model, lowerName: model.name.toLowerCase() }))
    .sort((a, b) => byName(a.model.name, b.model.name));
  return {
    poolById: new Map(pools.map((p) => [p.id, p])),
    userById: new Map(users.map((u) => [u.id, u])),
    userByEmail,
    userByLogin: new Map(users.map((u) => [u.login.toLowerCase(), u])),
    tokenBySecret: new Map(),
    buildingById: new Map(buildings.map((b) => [b.id, b])),
    roomById: new Map(rooms.map((r) => [r.id, r])),
    supplierById: new Map(suppliers.map((s) => [s.id, s])),
    categoryById: new Map(categories.map((c) => [c.id, c])),
    childrenByCategory,
    modelById: new Map(models.map((m) => [m.id, m])),
    modelsByName,
    itemById: new Map(items.map((i) => [i.id, i])),
    itemsByPoolModel,
    quantitiesByPool: new Map(),
  };
}

// Representative values for every entry of the catalogs: each function entry
// gets one or more argument lists that reach its branches. Typed by the
// English catalog, so a new entry without samples fails the type check, and
// the completeness test renders every entry of every catalog with them.

import type { Catalog } from '../../src/text/catalog.js';
import type { PageText } from '../../src/text/en.js';

type Samples<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => unknown
    ? A[]
    : T[K] extends string | readonly unknown[] | PageText
      ? null
      : Samples<T[K]>;
};

/**
 * Arguments the report builds from the catalog itself (a weekday's name, a kind, a headline label, a change) are
 * written as placeholders, which the test resolves in the catalog under test: "WEEKDAY:1", "KIND:original",
 * "LABEL:impressions", "CHANGE:posts".
 */

/** Sample names a member or X supplied: allowed to stay as they are in any language. */
export const NAMES = ['Ada Lovelace', 'ada_codes', 'ada\\_codes', 'Asia/Tokyo', '#rust (4)', 'example.com (2)', '@grace (3)'];

const AT = 1_800_000_000_000;
const READ = { postsRead: 120, postsRepeated: 20, userReads: 1, requests: 3 };
const BEST = { hours: 3, perPost: 12.5, posts: 14, average: 6.2, compared: 80, slots: 9, minPerSlot: 10 };
const TOP = {
  kind: 'original',
  date: '2026-12-04',
  engagement: 42,
  likes: 30,
  reposts: 5,
  replies: 7,
  impressions: 1200,
  rate: 0.035,
} as const;
const PRIVATE = { posts: 12, eligible: 14, profileVisits: 40, linkClicks: 3, engagements: 90 };
const FAILURES = [
  'missing-permissions',
  'missing-access',
  'unknown-member',
  'unknown-role',
  'token-refused',
  'unavailable',
  'unknown',
] as const;
const ROLE_PROBLEMS = ['missing-manage-roles', 'role-too-high', 'managed-role', 'everyone-role', 'unknown-role'] as const;
const X_KINDS = [
  'unauthorized',
  'callback-not-approved',
  'access-level',
  'forbidden',
  'usage-capped',
  'rate-limited',
  'unavailable',
  'bad-response',
] as const;
const USED = { requests: 12, postsRead: 3400, costMicroUsd: 17_000_000 };

export const SAMPLES: Samples<Catalog> = {
  locale: null,
  weekdays: null,
  commands: null as never,
  commandNames: null as never,
  common: { failure: null, unknownCommand: null, unknownButton: null, welcome: null },
  place: {
    privateHere: [['server'], ['private-channel']],
    reportPublicHere: [['server'], ['private-channel']],
  },
  linking: {
    rolesReconnect: null,
    offerNew: null,
    offerBroken: [['ada_codes']],
    offerReplace: [['ada_codes']],
    offerExpiry: [[AT]],
    offerButton: null,
    linked: [['ada_codes']],
    cancelled: null,
    interrupted: null,
    displaced: [['ada_codes', 'Ada Lovelace']],
    unlinkNothing: null,
    unlinkRolesOnly: null,
    otherBrowser: null,
    unlinked: [
      ['ada_codes', true],
      ['ada_codes', false],
    ],
  },
  pages: {
    notFound: null,
    internalError: null,
    invalidLink: null,
    invalidCallback: null,
    cancelled: null,
    confirm: [['Ada Lovelace (@ada_codes)']],
    confirmButton: null,
    otherBrowser: null,
    cookiesNeeded: null,
    linked: [['ada_codes', 'Ada Lovelace']],
    discordIdentity: [
      ['Ada Lovelace', 'ada_codes'],
      ['ada_codes', 'ada_codes'],
    ],
    xCallbackNotApproved: [['https://bot.example.test/twitter/callback']],
    xRateLimited: null,
    xUnauthorized: null,
    xForbidden: null,
    xUnavailable: null,
    roles: {
      connected: [['ada_codes', 'Ada Lovelace']],
      cancelled: null,
      invalidState: null,
      otherBrowser: null,
      discordRefused: null,
      discordRateLimited: null,
      discordMisconfigured: null,
      discordUnavailable: null,
      off: null,
    },
  },
  report: {
    notLinked: null,
    brokenLink: null,
    busy: null,
    queued: [[3], [1, AT]],
    unlinkedMeanwhile: null,
    deliveredAsText: null,
    deliveredByDirectMessage: [[30, AT]],
    undeliveredNote: [[30, AT]],
    interrupted: null,
    cooldown: [[AT]],
    badTimeZone: [['Mars/Olympus']],
    budgetSpent: [
      ['server', AT, 5000, 5000],
      ['app', AT, 5000, 5100],
    ],
    budgetHeld: [['server'], ['app']],
    publicOff: null,
    publicElsewhere: [['500000000000000001']],
    xFailure: [...X_KINDS.map((k) => [k, null] as [(typeof X_KINDS)[number], null]), ['rate-limited', 1_800_000_000]],
    ourFailure: null,
    title: [[30]],
    chart: [['Asia/Tokyo']],
    followers: [[12_345, 300]],
    footer: [
      [READ, 600_000],
      [{ postsRead: 0, postsRepeated: 0, userReads: 0, requests: 0 }, 0],
      [{ postsRead: 5, postsRepeated: 5, userReads: 0, requests: 1 }, 0],
    ],
    refreshTooSoon: [[AT, AT + 3_600_000]],
    metricsAsOfLastRead: [[0], [48], [36]],
    quietPeriod: [
      ['@ada\\_codes', 30, false],
      ['@ada\\_codes', 30, true],
    ],
    coverage: [
      { daysRead: 21, days: 30, since: '2026-11-14 09:30', posts: 1000, reason: 'max-posts', maxPosts: 1000 },
      { daysRead: 21, days: 30, since: '2026-11-14 09:30', posts: 3200, reason: 'x-cap', maxPosts: 1000 },
      { daysRead: 21, days: 30, since: '2026-11-14 09:30', posts: 400, reason: 'budget', maxPosts: 1000 },
    ].map((c) => [c] as [typeof c & { reason: 'max-posts' | 'x-cap' | 'budget' }]),
    moreCoverage: [[{ how: 'keep-reporting', date: '2027-01-02', everyDays: 6, days: 30 }], [{ how: 'next-month' }]],
    followerChange: [
      [120, '2026-11-02', 30],
      [-3, null, 30],
    ],
    comparedWith: [['2026-10-05 00:00 → 2026-11-04 12:00', ['CHANGE:posts', 'CHANGE:likes']]],
    postsChange: [
      [12, 10, 0.2],
      [12, 0, null],
    ],
    likesPerPostChange: [[4.2, 3.1, 0.35, 48]],
    likesNotCompared: null,
    noComparison: [
      [
        30,
        '2026-10-05 00:00 → 2026-11-04 12:00',
        'not-stored',
        { days: 90, posts: 12_000, costMicroUsd: 60_000_000 },
        { date: '2026-12-20', everyDays: 6 },
      ],
      [30, '2026-10-05 00:00 → 2026-11-04 12:00', 'period-partial', null, null],
      [30, '2026-10-05 00:00 → 2026-11-04 12:00', 'not-stored', null, { date: '2026-12-20', everyDays: 6 }],
    ],
    activityField: null,
    activityTotal: [
      [120, 4.1, 29, false],
      [1000, null, 0, true],
    ],
    activityMix: [[60, 30, 10, 20]],
    busiestWeekday: [['WEEKDAY:1', 3.4]],
    busiestHour: [[21, 'Asia/Tokyo', 14]],
    noPatterns: [[8, 20]],
    busiestDay: [['2026-12-04', 9]],
    longestStreak: [
      [12, false],
      [30, true],
    ],
    engagementField: [[96]],
    noOwnPosts: null,
    likesLine: [[1234, '12.9']],
    interactionsLine: [[50, 40, 3]],
    bookmarksLine: [[7]],
    impressionsLine: [
      [123_456, 1286, 96, 96],
      [123_456, 1286, 80, 96],
    ],
    engagementRate: [[{ value: 0.034, basis: 'x-engagements', posts: 40 }], [{ value: 0.021, basis: 'interactions', posts: 96 }]],
    privateField: null,
    privateLines: [
      [30, PRIVATE],
      [90, { ...PRIVATE, engagements: null }],
    ],
    privateMissing: [
      ['public-report', 0],
      ['no-recent-posts', 0],
      ['read-without', 14],
    ],
    bestTimeField: null,
    bestTime: [['WEEKDAY:2', 21, 'Asia/Tokyo', BEST]],
    bestTimeUnknown: [[12, 10, 30]],
    topPostsField: null,
    topPost: [[TOP], [{ ...TOP, kind: 'repost', impressions: null, rate: null }]],
    noTopPosts: null,
    noText: null,
    topicsField: null,
    hashtags: [['#rust (4)']],
    mentions: [['@grace (3)']],
    links: [['example.com (2)']],
    mediaShare: [[0.25]],
    noTopics: null,
    responsivenessField: null,
    mentionsReceived: [
      [200, true, '2026-11-20 08:00'],
      [12, false, '2026-11-20 08:00'],
    ],
    answeredLine: [
      [0.5, 6, 12, null],
      [0.5, 6, 12, '2026-11-20 08:00'],
    ],
    medianAnswer: [[45 * 60_000], [3.5 * 3_600_000], [4 * 86_400_000]],
    withinHour: [[0.25]],
    mentionsNotRead: [['off'], ['budget']],
  },
  admin: {
    serverOnly: null,
    managersOnly: null,
    managersOnlyStatus: null,
    unknownSubcommand: null,
    roleCleared: null,
    publicAllowed: null,
    privateOnly: null,
    reportsChannelSet: [['500000000000000001'], [null]],
    budgetSet: [
      [0, 12, AT],
      [5000, 12, AT],
      [5000, 5000, AT],
    ],
    roleCheckFailed: FAILURES.map((f) => [f]),
    nothingChanged: [['']],
    roleSet: [
      ['600000000000000001', 12, 2, null],
      ['600000000000000001', 1, 0, 'missing-permissions'],
    ],
    roleProblem: ROLE_PROBLEMS.map((k) => [k, '600000000000000001']),
    statusTitle: null,
    linkedMembersField: null,
    linkedMembers: [[1], [12]],
    settingsField: null,
    linkedRoleSetting: [['600000000000000001'], [null]],
    publicSetting: [
      [true, '500000000000000001'],
      [false, null],
    ],
    budgetSetting: [
      [null, 0],
      [5000, 25_000_000],
    ],
    permissionsField: null,
    nothingMissing: null,
    lacksHere: [[['View Channels', 'Attach Files']]],
    lacksIn: [['500000000000000001', ['Send Messages', 'Embed Links']]],
    roleUncheckable: FAILURES.map((f) => [f]),
    channelUnreadable: FAILURES.map((f) => ['500000000000000001', f]),
    usageField: [['2026-12']],
    usageLine: [
      ['server', USED, 5000],
      ['app', USED, null],
    ],
    usageResets: [[AT]],
    connectionField: null,
    connectionLine: [
      ['connected', AT, 0, 0, 0, 0],
      ['reconnecting', AT, 3, 2, 1, 800],
      ['gone', AT, 3, 2, 1, 12_000],
      ['connecting', AT, 3, 2, 1, 400_000],
    ],
  },
  reportView: {
    period: [[30, '2026-11-05', '2026-12-04', 'Asia/Tokyo']],
    covers: [['2026-11-14 09:30']],
    headline: {
      impressions: null,
      rate: null,
      xRate: null,
      followers: null,
      posts: null,
      likesPerPost: null,
      vsPrevious: [[30]],
      comparedWith: [['2026-10-05 00:00 → 2026-11-04 12:00']],
      notCompared: null,
      thisPeriodOnly: null,
      noImpressions: null,
      noFollowerHistory: null,
      sinceFirstCount: [['2026-11-02']],
      inPeriod: [[30]],
      line: [['12', 'LABEL:impressions', 'LABEL:notCompared']],
      change: [
        [0.12, 30],
        [-0.004, 30],
      ],
      unchangedFrom: [['12', 30]],
      count: [[123_456]],
      signed: [[-3]],
      percent: [[0.034]],
      perPost: [[4.2], [12]],
      none: null,
    },
    dataAsOf: [[AT]],
    topPosts: null,
    topPost: [
      ['2026-12-04', 'KIND:original', 42, 0.035],
      ['2026-12-04', 'KIND:repost', 1, null],
    ],
    kinds: { original: null, reply: null, quote: null, repost: null },
    more: null,
    meaning: null,
    chartAlt: [
      [30, 'day'],
      [90, 'week'],
    ],
    buttons: { days: [[7]], share: null, csv: null },
    reading: [[30]],
    notYours: null,
    expired: null,
    relinked: null,
    samePeriod: [[30]],
    sharedAlready: null,
    shareNotHere: null,
    sharedBy: [['Ada Lovelace']],
    csvReady: [
      [1, 30],
      [120, 30],
    ],
    csvEmpty: [[30]],
  },
};

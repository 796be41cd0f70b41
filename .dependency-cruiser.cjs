// Import boundaries, checked by `npm run lint`. Folders form layers and every
// arrow points down: doors → commands → domain → infrastructure. Storage is
// an adapter: it implements the ports each domain folder declares (its
// stores.ts), so it imports the domain, and only the wiring (bot.ts, main.ts)
// imports it. The transport-neutral contract (src/interaction) sits at the
// bottom and imports nothing. Type-only imports count: a cycle through types
// is still a cycle.

const DOORS = '^src/(web|discord|cli)/';
const COMMANDS = '^src/commands/';
const DOMAIN = '^src/(report|linking|budget|guilds|role-connections|leaderboard|digest)/';
const STORAGE = '^src/storage/';
const INFRA = '^src/(interaction|text|discord-api|db|twitter|secrets|http|log|config|threads|events|jobs)/';
const ABOVE_INFRA = '^src/(web|discord|cli|commands|report|linking|budget|guilds|role-connections|leaderboard|digest|storage)/';
/** The files that build the object graph: the only ones that see every layer, adapters included. */
const WIRING = '^src/(bot|main)[.]ts$';

/** src/report's sub-folders, one concern each: the pipeline's steps and what they use. */
const inReport = (folders) => `^src/report/(${folders})/`;
/** The report's store ports and the pipeline's own shapes and assembly (src/report/*.ts that are not calculation). */
const REPORT_PORTS = '^src/report/(stores|report-service|report-request|report-presses)[.]ts$';
/** A rule that `from` (report sub-folders) never imports `to` (report sub-folders), nor what `also` names. */
const reportStep = (name, comment, from, to, also) => ({
  name,
  comment,
  severity: 'error',
  from: { path: inReport(from) },
  to: { path: also ? `${inReport(to)}|${also}` : inReport(to) },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules (and, with --collapse, folders) must not import each other in a circle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    { name: 'commands-below-doors', severity: 'error', from: { path: COMMANDS }, to: { path: DOORS } },
    { name: 'domain-below-commands', severity: 'error', from: { path: DOMAIN }, to: { path: `${DOORS}|${COMMANDS}` } },
    {
      name: 'infrastructure-at-the-bottom',
      comment: 'Infrastructure (text, the contract, clients, the database schema) knows nothing above it.',
      severity: 'error',
      from: { path: INFRA },
      to: { path: ABOVE_INFRA },
    },
    {
      name: 'domain-owns-its-ports',
      comment:
        'A domain folder declares the stores it needs (its stores.ts) and never imports one: which engine holds them is the wiring\'s choice.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: STORAGE },
    },
    {
      name: 'adapters-only-in-the-wiring',
      comment: 'Storage adapters are built in bot.ts / main.ts (and by the sandbox that hosts the bot), never picked by a door, a command or infrastructure.',
      severity: 'error',
      from: { path: '^src/', pathNot: `${WIRING}|${STORAGE}|^src/sandbox/` },
      to: { path: STORAGE },
    },
    {
      name: 'storage-below-commands',
      comment: 'An adapter implements the domain\'s ports; it never reaches up to a command or a door.',
      severity: 'error',
      from: { path: STORAGE },
      to: { path: `${DOORS}|${COMMANDS}|${WIRING}` },
    },
    {
      name: 'engines-apart-sqlite',
      comment: 'The SQLite adapter shares nothing with the PostgreSQL one: what both need is the domain\'s (its ports and rules).',
      severity: 'error',
      from: { path: '^src/storage/sqlite/' },
      to: { path: '^src/(storage/postgres/|db/(postgres|schema-pg)([.]ts$|/))' },
    },
    {
      name: 'engines-apart-postgres',
      comment: 'The PostgreSQL adapter shares nothing with the SQLite one: not its connection, nor its schema.',
      severity: 'error',
      from: { path: '^src/storage/postgres/' },
      to: { path: '^src/(storage/sqlite/|db/(database|checkpointer|checkpoint-worker|schema)([.]ts$|/))' },
    },
    {
      name: 'contract-imports-nothing',
      comment: 'src/interaction is what doors, commands and domain share; it depends on nothing of ours.',
      severity: 'error',
      from: { path: '^src/interaction/' },
      to: { path: '^src/', pathNot: '^src/interaction/' },
    },
    { name: 'discord-door-not-web', severity: 'error', from: { path: '^src/discord/' }, to: { path: '^src/(web|cli)/' } },
    {
      name: 'bot-never-imports-the-sandbox',
      comment:
        'The local X, the local Discord and the console are stand-ins for a host program (npm run sandbox, the tests); the bot runs without them, and dist/ (the image) carries none of them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(sandbox|local-x|local-discord)/' },
      to: { path: '^src/(sandbox|local-x|local-discord)/' },
    },
    {
      name: 'local-discord-stands-alone',
      comment: 'The local Discord plays Discord: it shares nothing with the bot, only the local HTTP server the local X runs on.',
      severity: 'error',
      from: { path: '^src/local-discord/' },
      to: { path: '^src/', pathNot: '^src/(local-discord/|local-x/http-stand-in[.]ts$)' },
    },
    {
      name: 'local-x-stands-alone',
      comment: 'The local X plays X: it shares only X types with the bot, never its OAuth signer or services.',
      severity: 'error',
      from: { path: '^src/local-x/' },
      to: { path: '^src/', pathNot: '^src/(local-x/|twitter/v2-types)' },
    },
    reportStep(
      'report-summary-is-calculation',
      'Summarising is arithmetic over stored posts: it knows no queue, no X read, no store port, no drawing.',
      'summary',
      'queue|admission|build|read|profile|render|chart|layout|lanes',
      `${REPORT_PORTS}|${STORAGE}`,
    ),
    reportStep(
      'report-chart-draws-only',
      'The chart draws a summary it is given: no queue, no reads, no stores, no other presentation.',
      'chart',
      'queue|admission|build|read|profile|render|layout|lanes',
      `${REPORT_PORTS}|${STORAGE}`,
    ),
    reportStep(
      'report-queue-makes-nothing',
      'The queue carries admitted reports and delivers what it is handed; how a report is made is build\'s business.',
      'queue',
      'admission|build|profile|summary|chart|render|lanes',
    ),
    reportStep(
      'report-admission-decides-only',
      'Admission decides and reserves from stored facts; it reads nothing from X and makes nothing.',
      'admission',
      'build|read|profile|summary|chart|render|layout|lanes',
    ),
    reportStep(
      'report-build-below-the-queue',
      'Making a report knows not how it was admitted or queued: it is handed a request and a ticket.',
      'build',
      'queue|admission',
    ),
    reportStep(
      'report-read-knows-no-report',
      'Reading X stores pages and counts them; it knows nothing of the report made from them.',
      'read',
      'queue|admission|build|profile|summary|chart|render|layout',
    ),
    reportStep(
      'report-profile-reads-only',
      'The profile reader reads and stores a profile; it knows no queue and no presentation.',
      'profile',
      'queue|admission|build|render|chart|layout',
    ),
    reportStep(
      'report-render-knows-no-pipeline',
      'Rendering turns stored posts into a message; it knows no queue, admission or X read.',
      'render',
      'queue|admission|build|read|profile',
    ),
    reportStep(
      'report-layout-presents-only',
      'Layout lays out a summary it is given; it knows no queue, reads or rendering pool.',
      'layout',
      'queue|admission|build|read|profile|render|lanes',
      REPORT_PORTS,
    ),
    {
      name: 'report-lanes-stand-alone',
      comment: 'The lanes and gates every running report shares order work by admission; they know nothing of reports.',
      severity: 'error',
      from: { path: inReport('lanes') },
      to: { path: '^src/', pathNot: inReport('lanes') },
    },
    { name: 'no-utils', comment: 'Name a folder after what it holds.', severity: 'error', from: {}, to: { path: '/utils?/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

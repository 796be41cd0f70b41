// Import boundaries, checked by `npm run lint`. Folders form layers and every
// arrow points down: doors → commands → domain → infrastructure. The
// transport-neutral contract (src/interaction) sits at the bottom and imports
// nothing. Type-only imports count: a cycle through types is still a cycle.

const DOORS = '^src/(web|discord|cli)/';
const COMMANDS = '^src/commands/';
const DOMAIN = '^src/(report|linking|budget|guilds|role-connections|leaderboard|digest)/';
const ABOVE_INFRA = '^src/(web|discord|cli|commands|report|linking|budget|guilds|role-connections|leaderboard|digest)/';

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
      severity: 'error',
      from: { path: '^src/(interaction|discord-api|db|twitter|secrets|http|log|config|threads)/' },
      to: { path: ABOVE_INFRA },
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
      comment: 'The local X and the console are stand-ins for a host program (npm run sandbox); the bot runs without them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(sandbox|local-x)/' },
      to: { path: '^src/(sandbox|local-x)/' },
    },
    {
      name: 'local-x-stands-alone',
      comment: 'The local X plays X: it shares only X types with the bot, never its OAuth signer or services.',
      severity: 'error',
      from: { path: '^src/local-x/' },
      to: { path: '^src/', pathNot: '^src/(local-x/|twitter/v2-types)' },
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

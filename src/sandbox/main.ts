// `npm run sandbox`: the whole product on this machine with no credentials.
// Prints the console's address; Ctrl+C stops everything.

import { resolve } from 'node:path';
import { createLogger } from '../log/logger.js';
import { startSandbox } from './start-sandbox.js';

// Whatever goes wrong in one request (the bot's, the local X's or the console's) is logged, never the end of the
// sandbox: a stray rejection ends a Node process by default.
const log = createLogger('warn');
process.on('unhandledRejection', (reason) => log.error('unhandled rejection in the sandbox', { error: reason }));
process.on('uncaughtException', (err) => log.error('uncaught exception in the sandbox', { error: err }));

const dir = resolve(process.env.SANDBOX_DIR ?? '.sandbox');
const port = Number(process.env.SANDBOX_PORT ?? 3210);
const sandbox = await startSandbox({ dir, port, log }).catch((err: Error) => {
  process.stderr.write(`The sandbox could not start: ${err.message}\n`);
  process.exit(1);
});
process.stdout.write(
  [
    '',
    '  X report bot sandbox: the real bot, a local X and a Discord-style console, all on 127.0.0.1.',
    '',
    `  Open ${sandbox.consoleUrl}`,
    '',
    '  Type /link-twitter, follow the link, pick an account and Authorize; then type /report.',
    `  Its database and key are kept in ${dir} (delete the folder to start afresh). Ctrl+C stops it.`,
    '',
  ].join('\n'),
);
const stop = () => void sandbox.close().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

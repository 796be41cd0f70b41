// `npm run sandbox`: the whole product on this machine with no credentials.
// Prints the console's address; Ctrl+C stops everything.

import { resolve } from 'node:path';
import { createLogger } from '../log/logger.js';
import { startSandbox } from './start-sandbox.js';

const dir = resolve(process.env.SANDBOX_DIR ?? '.sandbox');
const port = Number(process.env.SANDBOX_PORT ?? 3210);
const sandbox = await startSandbox({ dir, port, log: createLogger('warn') }).catch((err: Error) => {
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

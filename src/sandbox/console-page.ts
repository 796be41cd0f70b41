// The sandbox console's page: a Discord-like chat (dark and light themes)
// where you type slash commands with option hints and autocomplete, and see
// the bot's replies, edits, embeds, buttons and chart as Discord shows them.
// Plain HTML, CSS (console-styles.ts) and script (console-script-*.ts),
// served by console-api.ts; no build step.

import { CLOCK_HTML, WHERE_HTML } from './console-server.js';

export const CONSOLE_HTML = `<!doctype html>
<html lang="en" data-theme="dark">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>X report bot · sandbox console</title>
<link rel="stylesheet" href="/sandbox/console.css">
<script src="/sandbox/console.js" defer></script>
</head>
<body>
<aside id="side">
  <h1>Sandbox</h1>
  <p class="hint">A Discord-like console on your machine. Commands go to the real bot, signed as Discord signs them; X is the local X.</p>
  <section>
    <h2>You</h2>
    <label>Member <select id="me-preset"></select></label>
    <label>Display name <input id="me-name"></label>
    <label>Username <input id="me-username"></label>
    <label>User id <input id="me-id"></label>
    <label>Server <select id="me-guild"></select></label>
    <div id="me-roles"></div>
    <label class="switch"><input type="checkbox" id="me-admin"> Server admin (Manage Server)</label>
${WHERE_HTML}  </section>
${CLOCK_HTML}  <section>
    <h2>Language</h2>
    <label>Discord language <select id="me-locale"><option value="en-US">English (en-US)</option><option value="ja">日本語 (ja)</option></select></label>
  </section>
  <section>
    <h2>Theme</h2>
    <label class="switch"><input type="checkbox" id="theme-light"> Light theme</label>
  </section>
  <section>
    <h2>Local X</h2>
    <label class="switch"><input type="checkbox" id="fault-rateLimited"> Rate limited (429)</label>
    <label class="switch"><input type="checkbox" id="fault-unavailable"> Down (503)</label>
    <label class="switch"><input type="checkbox" id="fault-slow"> Slow (3 s a request)</label>
    <label class="switch"><input type="checkbox" id="fault-revoked"> Token revoked (401)</label>
    <div id="ledger" class="ledger"></div>
  </section>
</aside>
<main>
  <header id="place"><span class="hash">#</span> general</header>
  <div id="messages" aria-live="polite"></div>
  <form id="composer" autocomplete="off">
    <div id="suggestions" role="listbox"></div>
    <input id="line" placeholder="Type / for commands, e.g. /report days:7" aria-label="Message #general">
  </form>
</main>
</body>
</html>
`;

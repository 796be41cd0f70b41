// The console page's controls for server-wide features: quick switching
// between three sandbox members (to try the opt-in leaderboard with several
// people), what each place means for a user-installed app, and the sandbox
// clock with the weekly digests it can run to. Appended to the page's script
// (console-script-*.ts), whose globals ($, me, saveMe, render, esc) it uses.

/** The place switch, under "You" (see places.ts). */
export const WHERE_HTML = `    <label>Where <select id="me-where">
      <option value="server">#general (bot added)</option>
      <option value="foreign-server">Server without the bot</option>
      <option value="bot-dm">DM with the bot</option>
      <option value="private-channel">Group DM with friends</option>
    </select></label>
    <p class="hint" id="where-hint"></p>
`;

/** The clock and the digests it can run to. */
export const CLOCK_HTML = `  <section>
    <h2>Clock and digests</h2>
    <div id="clock-now" class="ledger"></div>
    <label>Run the clock to (UTC) <input id="clock-to" type="datetime-local" step="60"></label>
    <button type="button" id="clock-run" class="side-button">Run clock to</button>
    <label class="switch"><input type="checkbox" id="clock-stop"> Stop the clock</label>
    <div id="clock-error" class="failed hint"></div>
    <div id="digests" class="ledger"></div>
  </section>
`;

export const SERVER_CSS = `
#digests .digest { margin:6px 0; } #digests button { margin-top:4px; } .content .sub { font-size:12px; color:var(--muted); display:block; }
#clock-now b { font-variant-numeric: tabular-nums; }
`;

// No template literals inside: it lives in one.
export const SERVER_JS = `
if (!me.where) me.where = me.dm ? 'bot-dm' : 'server';
/** The sandbox clock's lead on this browser's (the console can run it ahead): Discord's relative times follow it. */
var clockOffset = 0;
var MEMBERS = [
  { id: '300000000000000001', username: 'ada', globalName: 'Ada' },
  { id: '300000000000000002', username: 'grace', globalName: 'Grace' },
  { id: '300000000000000003', username: 'lin', globalName: 'Lin' },
];
var WHERE_HINTS = {
  'server': 'The bot was added to this server: every command, and public answers where the server allows them.',
  'foreign-server': 'The bot was never added here; you installed the app to your account. Discord lists only the member commands, and the bot answers only you (Discord may refuse its public messages here).',
  'bot-dm': 'Your DM with the bot: member commands only, answered here.',
  'private-channel': 'A group DM with friends, where only your own install of the app reaches: member commands only, answered only to you.',
};
/** The channel you are looking at: the server's #general, the server without the bot, your DM with the bot, or your group DM. */
function channel() { return me.where === 'server' ? (guild() ? guild().channelId : '') : me.where + ':' + me.id; }
function whereOf(m) { return m.where || (m.dmWith ? 'bot-dm' : 'server'); }
function shownHere(m) {
  if (whereOf(m) !== me.where) return false;
  if (me.where === 'server') return m.channelId === channel();
  return me.where === 'foreign-server' ? !m.dmWith || m.dmWith === me.id : m.dmWith === me.id;
}
var PLACE_HEADERS = {
  'foreign-server': '<span class="hash">#</span> chat <span class="hint">Friends’ server (no bot)</span>',
  'bot-dm': '<span class="hash">@</span> X report bot <span class="hint">Direct message</span>',
  'private-channel': '<span class="hash">@</span> Friends <span class="hint">Group DM</span>',
};

/**
 * As Discord lists them for you here: contexts (0 server, 1 DM with the bot, 2 other DMs), integration types (where
 * only your own install reaches, user-installable commands only) and, in a server, default_member_permissions.
 */
function offered(c) {
  var context = me.where === 'bot-dm' ? 1 : me.where === 'private-channel' ? 2 : 0;
  if ((c.contexts || [0, 1, 2]).indexOf(context) < 0) return false;
  if ((me.where === 'foreign-server' || me.where === 'private-channel') && (c.integration_types || [0]).indexOf(1) < 0) return false;
  return context !== 0 || c.default_member_permissions == null || me.admin;
}
/** <t:…:style> as Discord shows it (t, T, d, D, f, F), in the member's language and this browser's zone. */
var TIME_STYLES = {
  t: { hour: 'numeric', minute: '2-digit' },
  T: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
  d: { year: 'numeric', month: '2-digit', day: '2-digit' },
  D: { year: 'numeric', month: 'long', day: 'numeric' },
  f: { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  F: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};
function discordTime(seconds, style) { return new Date(seconds * 1000).toLocaleString(me.locale || 'en-US', TIME_STYLES[style] || TIME_STYLES.f); }
var serverState = null;
var digestsShown = '';

function showWhereHint() { $('where-hint').textContent = WHERE_HINTS[me.where] || ''; }

function showPreset() {
  var known = MEMBERS.filter(function (m) { return m.id === me.id; })[0];
  $('me-preset').value = known ? known.id : '';
}

/** "2026-12-07T09:00" (UTC) for a datetime-local input. */
function utcInput(ms) { return new Date(ms).toISOString().slice(0, 16); }
function utcText(ms) {
  return new Date(ms).toLocaleString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }) + ' UTC';
}
var WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
function hhmm(minutes) { return String(Math.floor(minutes / 60)).padStart(2, '0') + ':' + String(minutes % 60).padStart(2, '0'); }

function renderServer(s) {
  serverState = s;
  clockOffset = s.now - Date.now();
  $('clock-now').innerHTML = 'Sandbox time: <b id="clock-time">' + esc(utcText(s.now)) + '</b> (' + (s.stopped ? 'stopped' : 'running') + ')';
  $('clock-stop').checked = s.stopped;
  if (!$('clock-to').value) $('clock-to').value = utcInput(s.now + 3600000);
  var html = s.digests.length
    ? s.digests.map(function (d, i) {
        var last = d.last ? '<br><small class="hint">Last: ' + esc(d.last.outcome) + ' for ' + esc(utcText(d.last.dueAt)) + '</small>' : '';
        return '<div class="digest">Digest in ' + esc(d.guildName) + ': ' + WEEKDAYS[d.weekday] + ' ' + hhmm(d.minuteOfDay) + ' ' + esc(d.timeZone) +
          '<br>Next: <span class="digest-next">' + esc(utcText(d.next)) + '</span>' + last +
          '<br><button type="button" class="side-button" data-digest="' + i + '">Run clock to it</button></div>';
      }).join('')
    : '<span class="hint">No digest set. As a server admin: /twitter-admin digest set channel:#general day:… time:HH:MM timezone:…</span>';
  // Only when it changed: rebuilding it every second would swallow a click in progress.
  if (html === digestsShown) return;
  digestsShown = html;
  $('digests').innerHTML = html;
  Array.prototype.forEach.call($('digests').querySelectorAll('button[data-digest]'), function (button) {
    button.addEventListener('click', function () { runClockTo(serverState.digests[Number(button.dataset.digest)].next); });
  });
}

function pollServer() {
  fetch('/sandbox/api/server').then(function (r) { return r.json(); }).then(renderServer).catch(function () {}).then(function () { setTimeout(pollServer, 1000); });
}

function clockPost(body) {
  return fetch('/sandbox/api/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) { return r.json(); })
    .then(function (answer) {
      $('clock-error').textContent = answer.ok ? '' : answer.error;
      return fetch('/sandbox/api/server').then(function (r) { return r.json(); }).then(renderServer);
    });
}
function runClockTo(ms) { return clockPost({ runTo: ms }); }

document.addEventListener('DOMContentLoaded', function () {
  $('me-preset').innerHTML = MEMBERS.map(function (m) { return '<option value="' + m.id + '">' + esc(m.globalName + ' (@' + m.username + ')') + '</option>'; }).join('') + '<option value="">Someone else (type below)</option>';
  showPreset();
  showWhereHint();
  $('me-preset').addEventListener('change', function () {
    var chosen = MEMBERS.filter(function (m) { return m.id === $('me-preset').value; })[0];
    if (!chosen) return;
    me.id = chosen.id; me.username = chosen.username; me.globalName = chosen.globalName; saveMe();
    $('me-name').value = me.globalName; $('me-username').value = me.username; $('me-id').value = me.id;
    rolesShown = '';
    render();
  });
  $('me-id').addEventListener('input', showPreset);
  $('clock-run').addEventListener('click', function () {
    var at = Date.parse($('clock-to').value + ':00Z');
    if (!isNaN(at)) runClockTo(at);
  });
  $('clock-stop').addEventListener('change', function () { clockPost({ stop: this.checked }); });
  pollServer();
});
`;

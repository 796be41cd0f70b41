// The sandbox console's page: a Discord-like chat (dark and light themes)
// where you type slash commands with option hints and autocomplete, and see
// the bot's replies, edits, embeds, buttons and chart as Discord shows them.
// Plain HTML, CSS and script, served by discord-console.ts; no build step.

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

export const CONSOLE_CSS = `
:root[data-theme="dark"] { --bg:#313338; --side:#2b2d31; --embed:#2b2d31; --text:#dbdee1; --muted:#949ba4; --input:#383a40; --border:#1e1f22; --link:#00a8fc; --hover:#2e3035; --code:#2b2d31; }
:root[data-theme="light"] { --bg:#ffffff; --side:#f2f3f5; --embed:#f2f3f5; --text:#313338; --muted:#5c5e66; --input:#ebedef; --border:#e3e5e8; --link:#006ce7; --hover:#f7f7f8; --code:#ebedef; }
* { box-sizing: border-box; }
body { margin:0; display:flex; height:100vh; background:var(--bg); color:var(--text); font:15px/1.375 "gg sans","Noto Sans","Helvetica Neue",Helvetica,Arial,sans-serif; }
aside { width:280px; background:var(--side); padding:16px; overflow:auto; border-right:1px solid var(--border); }
aside h1 { font-size:18px; margin:0 0 4px; } aside h2 { font-size:12px; text-transform:uppercase; color:var(--muted); margin:18px 0 6px; }
aside label { display:block; font-size:13px; margin:6px 0; } aside select, aside input:not([type]) { width:100%; padding:6px; background:var(--input); color:var(--text); border:1px solid var(--border); border-radius:4px; }
.hint { color:var(--muted); font-size:12px; } .mention { background:rgba(88,101,242,.3); color:#c9cdfb; border-radius:3px; padding:0 2px; }
:root[data-theme="light"] .mention { background:rgba(88,101,242,.15); color:#505cdc; } .side-button { background:#5865f2; color:#fff; border:0; border-radius:4px; padding:6px 12px; font-size:13px; cursor:pointer; } .ledger { font-size:13px; margin-top:8px; }
main { flex:1; display:flex; flex-direction:column; min-width:0; }
header { padding:12px 16px; border-bottom:1px solid var(--border); font-weight:600; } .hash { color:var(--muted); }
#messages { flex:1; overflow:auto; padding:16px 16px 8px; }
.msg { padding:6px 8px; margin:6px 0 12px; border-radius:4px; } .msg:hover { background:var(--hover); }
.msg.ephemeral { background:rgba(88,101,242,.08); }
.invoked { font-size:13px; color:var(--muted); margin:0 0 2px 48px; } .invoked code { color:var(--text); }
.row { display:flex; gap:12px; } .avatar { width:36px; height:36px; border-radius:50%; background:#1d9bf0; color:#fff; display:grid; place-items:center; font-weight:700; flex:none; }
.name { font-weight:600; } .app { background:#5865f2; color:#fff; font-size:10px; padding:1px 4px; border-radius:3px; margin-left:4px; vertical-align:middle; }
.thinking { color:var(--muted); font-style:italic; } .failed { color:#f23f43; }
.content { white-space:normal; overflow-wrap:anywhere; } .content a, .embed a { color:var(--link); text-decoration:none; }
code { background:var(--code); padding:0 3px; border-radius:3px; font-size:85%; }
.embed { background:var(--embed); border-left:4px solid #1d9bf0; border-radius:4px; padding:8px 16px 16px 12px; margin-top:4px; max-width:520px; }
.embed .author { display:flex; align-items:center; gap:8px; font-size:14px; font-weight:600; margin-top:8px; } .embed .author img { width:24px; height:24px; border-radius:50%; }
.embed .title { font-weight:700; margin-top:8px; } .embed .description { font-size:14px; margin-top:8px; }
.fields { display:grid; grid-template-columns:repeat(3, 1fr); gap:8px 16px; margin-top:8px; }
.field { grid-column:1 / -1; font-size:14px; min-width:0; } .field.inline { grid-column:auto; } .field .fname { font-weight:600; margin-bottom:2px; }
.embed .image { margin-top:16px; max-width:100%; border-radius:4px; display:block; } .embed .footer { font-size:12px; color:var(--muted); margin-top:8px; }
.components { margin-top:8px; display:flex; gap:8px; flex-wrap:wrap; }
.button { display:inline-block; background:#4e5058; color:#fff; padding:6px 16px; border-radius:4px; text-decoration:none; font-size:14px; }
.eph { font-size:12px; color:var(--muted); margin-top:4px; }
#composer { padding:0 16px 20px; position:relative; }
#line { width:100%; padding:12px 14px; border-radius:8px; border:0; background:var(--input); color:var(--text); font-size:15px; }
#suggestions { position:absolute; bottom:64px; left:16px; right:16px; background:var(--side); border:1px solid var(--border); border-radius:8px; max-height:320px; overflow:auto; display:none; }
#suggestions.open { display:block; } .sugg { padding:8px 12px; cursor:pointer; display:flex; justify-content:space-between; gap:12px; } .sugg:hover, .sugg.active { background:var(--hover); }
.sugg small { color:var(--muted); }
`;

// The page's script: no template literals inside, since it lives in one.
export const CONSOLE_JS =
  String.raw`
'use strict';
var state = { version: -1, commands: [], guilds: [], messages: [] };
var me = JSON.parse(localStorage.getItem('sandbox-member') || 'null') || { id: '300000000000000001', username: 'ada', globalName: 'Ada', roles: [], admin: false, where: 'server' };
var rolesShown = '';
var rendered = '';
var $ = function (id) { return document.getElementById(id); };
var pending = null;

function saveMe() { localStorage.setItem('sandbox-member', JSON.stringify(me)); }

function esc(text) {
  return String(text).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}

function relative(seconds) {
  var diff = seconds * 1000 - (Date.now() + clockOffset);
  var abs = Math.abs(diff), unit = 'second', n = abs / 1000;
  if (abs >= 86400000) { unit = 'day'; n = abs / 86400000; } else if (abs >= 3600000) { unit = 'hour'; n = abs / 3600000; } else if (abs >= 60000) { unit = 'minute'; n = abs / 60000; }
  n = Math.round(n);
  // In the member's Discord language, as the Discord client shows <t:…:R>.
  return new Intl.RelativeTimeFormat(me.locale || 'en-US').format(diff >= 0 ? n : -n, unit);
}

/** Discord's markdown, the parts the bot uses: escapes, links, bold, italics, code, timestamps, mentions. */
function markdown(text) {
  var kept = [];
  var out = esc(text).replace(/\\([\\*_~|` +
  '`' +
  String.raw`\[\]()>#\-.])/g, function (_, c) { kept.push(c); return '\u0000' + (kept.length - 1) + '\u0001'; });
  out = out.replace(/&lt;t:(\d+)(?::([a-zA-Z]))?&gt;/g, function (_, s, style) { return '<span class="ts">' + (style === 'R' ? relative(Number(s)) : discordTime(Number(s), style || 'f')) + '</span>'; });
  out = out.replace(/&lt;#(\d+)&gt;/g, '<span class="mention">#general</span>').replace(/&lt;@&amp;(\d+)&gt;/g, '<span class="mention">@role</span>');
  // A member mention shows their name, as Discord shows it to someone who shares the server with them.
  out = out.replace(/&lt;@!?(\d+)&gt;/g, function (_, id) { return '<span class="mention">@' + esc((state.users && state.users[id]) || 'unknown-user') + '</span>'; });
  out = out.replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  // <https://…>: Discord shows the address as a link (without the brackets, and without an embed).
  out = out.replace(/&lt;(https?:\/\/[^\s<>]+?)&gt;/g, '<a href="$1" target="_blank" rel="noopener">$1</a>');
  out = out.replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>').replace(/\*([^*]+)\*/g, '<i>$1</i>').replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,])/g, '$1<i>$2</i>');
  out = out.replace(/` +
  '`' +
  String.raw`([^` +
  '`' +
  String.raw`]+)` +
  '`' +
  String.raw`/g, '<code>$1</code>');
  out = out.replace(/\u0000(\d+)\u0001/g, function (_, i) { return kept[Number(i)]; });
  return out.replace(/\n/g, '<br>');
}

function embedHtml(e, attachments) {
  var colour = typeof e.color === 'number' ? '#' + e.color.toString(16).padStart(6, '0') : '#1e1f22';
  var html = '<div class="embed" style="border-left-color:' + colour + '">';
  if (e.author) html += '<div class="author">' + (e.author.icon_url ? '<img alt="" src="' + esc(e.author.icon_url) + '">' : '') + (e.author.url ? '<a href="' + esc(e.author.url) + '" target="_blank" rel="noopener">' + esc(e.author.name) + '</a>' : esc(e.author.name)) + '</div>';
  if (e.title) html += '<div class="title">' + (e.url ? '<a href="' + esc(e.url) + '" target="_blank" rel="noopener">' + markdown(e.title) + '</a>' : markdown(e.title)) + '</div>';
  if (e.description) html += '<div class="description">' + markdown(e.description) + '</div>';
  if (e.fields && e.fields.length) {
    html += '<div class="fields">' + e.fields.map(function (f) { return '<div class="field' + (f.inline ? ' inline' : '') + '"><div class="fname">' + markdown(f.name) + '</div><div class="fvalue">' + markdown(f.value) + '</div></div>'; }).join('') + '</div>';
  }
  if (e.image && e.image.url) {
    var src = e.image.url;
    if (src.indexOf('attachment://') === 0) {
      var name = src.slice('attachment://'.length);
      var file = attachments.filter(function (a) { return a.filename === name; })[0];
      src = file ? file.url : '';
    }
    if (src) html += '<img class="image" alt="chart" src="' + esc(src) + '">';
  }
  if (e.footer || e.timestamp) html += '<div class="footer">' + (e.footer ? esc(e.footer.text) : '') + (e.timestamp ? ' • ' + esc(new Date(e.timestamp).toLocaleString()) : '') + '</div>';
  return html + '</div>';
}

function messageHtml(m) {
  var html = '<article class="msg' + (m.ephemeral ? ' ephemeral' : '') + '" data-id="' + m.id + '" data-state="' + m.state + '">';
  if (m.invokedBy) html += '<div class="invoked">&#8627; <b>' + esc(m.invokedBy.name) + '</b> used <code>' + esc(m.invokedBy.command) + '</code></div>';
  if (m.dmTo) html += '<div class="invoked">Direct message to ' + esc(m.dmTo) + '</div>';
  html += '<div class="row"><div class="avatar">X</div><div class="main"><span class="name">X report bot</span><span class="app">APP</span>';
  if (m.state === 'thinking') html += '<div class="thinking">X report bot is thinking…</div>';
  if (m.state === 'failed') html += '<div class="failed">' + esc(m.content) + '</div>';
  if (m.state !== 'failed' && m.content) html += '<div class="content">' + v2Markdown(m.content) + '</div>';
  if (m.flags & 32768) html += v2Html(m); else html += fileLinksHtml(m);
  (m.embeds || []).forEach(function (e) { html += embedHtml(e, m.attachments || []); });
  var buttons = [];
  (m.components || []).forEach(function (row) { (row.components || []).forEach(function (b) { if (b.url) buttons.push('<a class="button" href="' + esc(b.url) + '" target="_blank" rel="noopener">' + esc(b.label || 'Open') + ' &#8599;</a>'); }); });
  if (buttons.length) html += '<div class="components">' + buttons.join('') + '</div>';
  if (m.ephemeral) html += '<div class="eph">&#128065; ' + (me.locale === 'ja' ? 'これはあなただけに表示されています' : 'Only you can see this') + '</div>';
  return html + '</div></div></article>';
}

function guild() { return state.guilds.filter(function (g) { return g.id === me.guildId; })[0] || state.guilds[0]; }

function render() {
  // Only when something changed: rebuilding the list reloads its images and loses a click in progress.
  var key = state.version + ':' + channel();
  if (key === rendered) return;
  rendered = key;
  var box = $('messages');
  var g = guild();
  $('place').innerHTML = PLACE_HEADERS[me.where] || '<span class="hash">#</span> general <span class="hint">' + esc(g ? g.name : '') + '</span>';
  var shown = state.messages.filter(shownHere);
  var newest = shown.length ? shown[shown.length - 1].id + ':' + shown[shown.length - 1].state : '';
  // As Discord: stay with the newest message when you were there or a new answer arrived, also once its chart loads.
  var follow = box.scrollHeight - box.scrollTop - box.clientHeight < 80 || newest !== lastNewest;
  lastNewest = newest;
  box.innerHTML = shown.map(messageHtml).join('');
  if (!follow) return;
  box.scrollTop = box.scrollHeight;
  Array.prototype.forEach.call(box.querySelectorAll('img'), function (img) {
    if (!img.complete) img.addEventListener('load', function () { box.scrollTop = box.scrollHeight; });
  });
}
var lastNewest = '';

function renderSide(s) {
  var l = s.ledger;
  $('ledger').innerHTML = 'X has billed <b>' + l.postsBilled + '</b> posts and <b>' + l.usersBilled + '</b> profiles: <b>$' + l.dollars.toFixed(3) + '</b> (' + l.postsReturned + ' posts returned; each billed once a UTC day)';
  ['rateLimited', 'unavailable', 'revoked'].forEach(function (k) { $('fault-' + k).checked = Boolean(s.faults[k]); });
  $('fault-slow').checked = s.faults.slowMs > 0;
  var select = $('me-guild');
  if (!select.options.length) {
    select.innerHTML = s.guilds.map(function (g) { return '<option value="' + esc(g.id) + '">' + esc(g.name) + '</option>'; }).join('');
    if (!me.guildId) me.guildId = s.guilds[0].id;
    select.value = me.guildId;
  }
  var g = guild();
  var given = (g && g.memberRoles[me.id]) || [];
  var shown = JSON.stringify([g && g.id, me.id, given, me.roles]);
  if (g && shown !== rolesShown) {
    rolesShown = shown;
    // Mods is yours to set; X linked is the bot's to give (when /twitter-admin set a linked role).
    $('me-roles').innerHTML = g.roles.map(function (r) {
      var linked = r.name === 'X linked';
      var on = linked ? given.indexOf(r.id) >= 0 : me.roles.indexOf(r.id) >= 0;
      return '<label class="switch"><input type="checkbox" data-role="' + esc(r.id) + '"' + (on ? ' checked' : '') + (linked ? ' disabled' : '') + '> Role: ' + esc(r.name) + (linked ? ' <small class="hint">(given by the bot)</small>' : '') + '</label>';
    }).join('');
    Array.prototype.forEach.call($('me-roles').querySelectorAll('input:not([disabled])'), function (box) {
      box.addEventListener('change', function () {
        var id = box.dataset.role;
        me.roles = me.roles.filter(function (r) { return r !== id; }).concat(box.checked ? [id] : []);
        saveMe();
      });
    });
  }
}

function poll() {
  fetch('/sandbox/api/state?since=' + state.version).then(function (r) { return r.json(); }).then(function (s) {
    state.commands = s.commands; state.guilds = s.guilds; state.users = s.users;
    if (s.changed) { state.version = s.version; state.messages = s.messages; }
    render();
    renderSide(s);
  }).catch(function () {}).then(function () { setTimeout(poll, 500); });
}

/** A command's, option's or choice's name or description as the member's Discord language shows it. */
function loc(def, field) { var l = def[field + '_localizations']; return (l && l[me.locale]) || def[field]; }
/** The definition typed as word: by its own name or the one shown in the member's language (Discord sends the own name). */
function named(defs, word) { return defs.filter(function (d) { return d.name === word || loc(d, 'name') === word; })[0]; }
function commandNamed(name) { return named(state.commands.filter(offered), name); }

/** Splits "/cmd sub opt:value opt2:value" into the command, its subcommand path, the options typed and where each value starts. */
function parseLine(line) {
  var m = /^\/([^\s:]+)\s*(.*)$/.exec(line);
  if (!m) return null;
  var command = commandNamed(m[1]);
  var rest = m[2];
  var offset = line.length - rest.length;
  var path = [];
  var defs = command ? command.options || [] : [];
  for (;;) {
    var word = /^([^\s:]+)(\s+|$)/.exec(rest);
    var sub = word && named(defs.filter(function (o) { return o.type === 1 || o.type === 2; }), word[1]);
    if (!sub) break;
    path.push(sub.name); defs = sub.options || []; rest = rest.slice(word[0].length); offset += word[0].length;
  }
  var options = [];
  var re = /(^|\s)([^\s:]+):/g, match, marks = [];
  while ((match = re.exec(rest))) marks.push({ name: match[2], start: match.index + match[1].length, valueStart: re.lastIndex });
  marks.forEach(function (mark, i) {
    var end = i + 1 < marks.length ? marks[i + 1].start : rest.length;
    options.push({ name: mark.name, value: rest.slice(mark.valueStart, end).trim(), valueStart: offset + mark.valueStart, valueEnd: offset + end });
  });
  return { name: m[1], command: command, path: path, defs: defs, options: options, tail: rest };
}

function typed(def, text) {
  if (def.choices && def.choices.length) {
    var choice = def.choices.filter(function (c) { return String(c.value).toLowerCase() === text.toLowerCase() || c.name.toLowerCase() === text.toLowerCase() || loc(c, 'name') === text; })[0];
    if (choice) return choice.value;
  }
  // A channel option: Discord's picker sends the channel's id; the console's servers have one channel each, #general.
  if (def.type === 7) { var id = /^<#(\d+)>$/.exec(text); return id ? id[1] : /^#?general$/i.test(text) && guild() ? guild().channelId : text; }
  if (def.type === 4) return parseInt(text, 10);
  if (def.type === 10) return parseFloat(text);
  if (def.type === 5) return /^(true|yes|1|on)$/i.test(text);
  return text;
}

function payloadOptions(parsed, focusedName) {
  var values = parsed.options.map(function (o) {
    var def = named(parsed.defs, o.name);
    if (!def) return null;
    var option = { name: def.name, type: def.type, value: o.name === focusedName ? o.value : typed(def, o.value) };
    if (o.name === focusedName) option.focused = true;
    return option;
  }).filter(Boolean);
  for (var i = parsed.path.length - 1; i >= 0; i--) values = [{ name: parsed.path[i], type: i === parsed.path.length - 1 ? 1 : 2, options: values }];
  return values;
}

function interact(body) {
  return fetch('/sandbox/api/interact', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) { return r.json(); });
}

function member() { return { id: me.id, username: me.username, globalName: me.globalName, roles: me.roles, admin: me.admin }; }

function showSuggestions(items) {
  var box = $('suggestions');
  box.innerHTML = items.map(function (it, i) { return '<div class="sugg' + (i === 0 ? ' active' : '') + '" data-i="' + i + '"><span>' + esc(it.label) + '</span><small>' + esc(it.hint || '') + '</small></div>'; }).join('');
  box.classList.toggle('open', items.length > 0);
  Array.prototype.forEach.call(box.children, function (el) {
    el.addEventListener('mousedown', function (event) { event.preventDefault(); items[Number(el.dataset.i)].apply(); });
  });
  box.items = items;
}

function setLine(text) { var line = $('line'); line.value = text; line.focus(); line.setSelectionRange(text.length, text.length); suggest(); }

function suggest() {
  var line = $('line').value;
  if (line.charAt(0) !== '/') return showSuggestions([]);
  var parsed = parseLine(line);
  if (!parsed || (!parsed.command && !/\s/.test(line))) {
    var prefix = line.slice(1).toLowerCase();
    return showSuggestions(state.commands.filter(function (c) { return (c.name.indexOf(prefix) === 0 || loc(c, 'name').indexOf(prefix) === 0) && offered(c); }).map(function (c) {
      return { label: '/' + loc(c, 'name'), hint: loc(c, 'description'), apply: function () { setLine('/' + loc(c, 'name') + ' '); } };
    }));
  }
  if (!parsed.command) return showSuggestions([]);
  var subs = parsed.defs.filter(function (o) { return o.type === 1 || o.type === 2; });
  if (subs.length && !parsed.options.length) {
    return showSuggestions(subs.map(function (s) { return { label: loc(s, 'name'), hint: loc(s, 'description'), apply: function () { setLine(line.replace(/\S*$/, '') + loc(s, 'name') + ' '); } }; }));
  }
  var last = parsed.options[parsed.options.length - 1];
  var caret = $('line').selectionStart;
  if (last && caret >= last.valueStart && !/\s$/.test(line)) {
    var def = named(parsed.defs, last.name);
    if (def && def.autocomplete) return autocomplete(parsed, last);
    if (def && def.choices) {
      return showSuggestions(def.choices.map(function (c) { return { label: loc(c, 'name'), hint: String(c.value), apply: function () { setLine(line.slice(0, last.valueStart) + c.value + ' '); } }; }));
    }
    if (def && def.type === 7) {
      return showSuggestions([{ label: '#general', hint: guild() ? guild().name : '', apply: function () { setLine(line.slice(0, last.valueStart) + '#general '); } }]);
    }
    if (def && def.type === 5) {
      return showSuggestions(['true', 'false'].map(function (v) { return { label: v, apply: function () { setLine(line.slice(0, last.valueStart) + v + ' '); } }; }));
    }
    return showSuggestions([]);
  }
  var used = parsed.options.map(function (o) { var d = named(parsed.defs, o.name); return d ? d.name : o.name; });
  showSuggestions(parsed.defs.filter(function (d) { return d.type > 2 && used.indexOf(d.name) < 0; }).map(function (d) {
    return { label: loc(d, 'name') + ':', hint: loc(d, 'description'), apply: function () { setLine(line.replace(/\s*$/, ' ') + loc(d, 'name') + ':'); } };
  }));
}

var autocompleteTimer = null;
function autocomplete(parsed, option) {
  clearTimeout(autocompleteTimer);
  var line = $('line').value;
  autocompleteTimer = setTimeout(function () {
    interact({ kind: 'autocomplete', name: parsed.command.name, options: payloadOptions(parsed, option.name), member: member(), where: me.where, guildId: me.guildId, locale: me.locale }).then(function (answer) {
      if ($('line').value !== line) return;
      showSuggestions((answer.choices || []).map(function (c) { return { label: c.name, hint: option.name, apply: function () { setLine(line.slice(0, option.valueStart) + c.value + ' '); } }; }));
    });
  }, 200);
}

/** The first option typed with a value that is not one of its listed choices (Discord lets you pick only those). */
function badChoice(parsed) {
  return parsed.options.map(function (o) {
    var def = named(parsed.defs, o.name);
    if (!def || !def.choices || !def.choices.length) return null;
    var ok = def.choices.some(function (c) { return String(c.value).toLowerCase() === o.value.toLowerCase() || c.name.toLowerCase() === o.value.toLowerCase() || loc(c, 'name') === o.value; });
    return ok ? null : { option: o, def: def };
  }).filter(Boolean)[0];
}

function send(event) {
  event.preventDefault();
  var line = $('line').value.trim();
  var parsed = parseLine(line);
  if (!parsed || !parsed.command) return;
  var bad = badChoice(parsed);
  if (bad) {
    // Not sent: offer the listed choices instead, as Discord's picker does.
    showSuggestions(bad.def.choices.map(function (c) { return { label: loc(c, 'name'), hint: bad.option.name + ' must be one of these', apply: function () { setLine(line.slice(0, bad.option.valueStart) + c.value + ' '); } }; }));
    return;
  }
  $('line').value = '';
  showSuggestions([]);
  interact({ kind: 'command', name: parsed.command.name, line: line, options: payloadOptions(parsed, null), member: member(), where: me.where, guildId: me.guildId, locale: me.locale });
}

function setFaults() {
  fetch('/sandbox/api/x-faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({
    rateLimited: $('fault-rateLimited').checked, unavailable: $('fault-unavailable').checked, revoked: $('fault-revoked').checked, slowMs: $('fault-slow').checked ? 3000 : 0,
  }) });
}

document.addEventListener('DOMContentLoaded', function () {
  $('me-name').value = me.globalName; $('me-username').value = me.username; $('me-id').value = me.id; $('me-admin').checked = me.admin; $('me-where').value = me.where;
  $('me-name').addEventListener('input', function () { me.globalName = this.value; saveMe(); });
  $('me-username').addEventListener('input', function () { me.username = this.value; saveMe(); });
  $('me-id').addEventListener('input', function () { if (/^\d{17,20}$/.test(this.value)) { me.id = this.value; saveMe(); } });
  $('me-admin').addEventListener('change', function () { me.admin = this.checked; saveMe(); });
  $('me-where').addEventListener('change', function () { me.where = this.value; saveMe(); render(); showWhereHint(); });
  $('me-guild').addEventListener('change', function () { me.guildId = this.value; saveMe(); rolesShown = ''; render(); });
  $('me-locale').value = me.locale || 'en-US';
  $('me-locale').addEventListener('change', function () { me.locale = this.value; saveMe(); suggest(); });
  var theme = localStorage.getItem('sandbox-theme') || 'dark';
  document.documentElement.dataset.theme = theme; $('theme-light').checked = theme === 'light';
  $('theme-light').addEventListener('change', function () { var t = this.checked ? 'light' : 'dark'; document.documentElement.dataset.theme = t; localStorage.setItem('sandbox-theme', t); });
  ['rateLimited', 'unavailable', 'slow', 'revoked'].forEach(function (k) { $('fault-' + k).addEventListener('change', setFaults); });
  $('line').addEventListener('input', suggest);
  $('line').addEventListener('keydown', function (event) {
    var items = $('suggestions').items || [];
    if (event.key === 'Tab' && items.length) { event.preventDefault(); items[0].apply(); }
    if (event.key === 'Escape') showSuggestions([]);
  });
  $('composer').addEventListener('submit', send);
  poll();
});
`;

// The page's script, first part: the member as the page keeps them, the
// state it polls from the console, and the messages drawn as Discord draws
// them (its markdown, embeds, "only you can see this"). The composer
// (console-script-composer.ts), Components V2 and the server panel follow it
// in the one script the page loads, and use its globals ($, me, state, esc).
// No template literals inside, since it lives in one.

export const MESSAGES_JS =
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
  if (m.invokedBy) html += '<div class="invoked">&#8627; <b>' + esc(m.invokedBy.name) + '</b> ' + (m.invokedBy.pressed ? 'pressed' : 'used') + ' <code>' + esc(m.invokedBy.command) + '</code></div>';
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
`;

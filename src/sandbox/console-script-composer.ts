// The page's script, second part: the composer. A typed line is parsed
// into the command, its subcommands and options (by their own names or as
// the member's Discord language shows them), hints and autocomplete are
// offered as Discord's picker offers them, and a value outside an option's
// listed choices is not sent. Follows console-script-messages.ts.
// No template literals inside, since it lives in one.

export const COMPOSER_JS = String.raw`
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

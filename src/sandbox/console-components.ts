// The console page's rendering of Components V2 messages (containers,
// sections, text displays, separators, media galleries, files, buttons) as
// Discord draws them, and its button presses: a press is sent to the
// console's server, which signs it as Discord does (discord-console.ts).
// Appended to the page's script and style when served (console-api.ts).

export const COMPONENTS_CSS = `
.v2-container { background:var(--embed); border:1px solid var(--border); border-left:4px solid #1d9bf0; border-radius:8px; padding:12px 16px; margin-top:4px; max-width:520px; }
.v2-text { font-size:14px; overflow-wrap:anywhere; margin:4px 0; } .v2-text a { color:var(--link); text-decoration:none; }
.v2-text h2 { font-size:20px; margin:4px 0; } .v2-text h3 { font-size:16px; margin:6px 0 2px; }
.v2-text .sub { font-size:12px; color:var(--muted); display:block; }
.v2-sep { border:0; border-top:1px solid var(--border); margin:8px 0; } .v2-sep.blank { border-top-color:transparent; } .v2-sep.large { margin:16px 0; }
.v2-gallery { margin:8px 0; display:grid; gap:4px; } .v2-gallery img { max-width:min(100%, 400px); border-radius:4px; display:block; }
.v2-section { display:flex; gap:12px; align-items:flex-start; } .v2-section > .v2-body { flex:1; min-width:0; } .v2-thumb { width:64px; height:64px; border-radius:4px; object-fit:cover; }
.v2-file { display:inline-flex; gap:8px; align-items:center; background:var(--embed); border:1px solid var(--border); border-radius:8px; padding:10px 14px; margin-top:6px; color:var(--link); text-decoration:none; font-size:14px; }
button.button { border:0; cursor:pointer; font:inherit; font-size:14px; } button.button.primary { background:#5865f2; } button.button.success { background:#248046; } button.button.danger { background:#da373c; }
button.button:disabled { opacity:.5; cursor:not-allowed; }
`;

export const COMPONENTS_JS = String.raw`
/** Where an attachment://name points: the message's own file of that name. */
function attachmentUrl(url, m) {
  if (String(url).indexOf('attachment://') !== 0) return url;
  var name = url.slice('attachment://'.length);
  var file = (m.attachments || []).filter(function (a) { return a.filename === name; })[0];
  return file ? file.url : '';
}

/** A text display's markdown: Discord's headings (#, ##, ###), subtext (-#) and the inline parts markdown() knows. */
function v2Markdown(text) {
  return String(text).split('\n').map(function (line) {
    var h = /^(#{1,3}) (.*)$/.exec(line);
    if (h) return '<h' + (h[1].length + 1) + '>' + markdown(h[2]) + '</h' + (h[1].length + 1) + '>';
    var sub = /^-# (.*)$/.exec(line);
    if (sub) return '<span class="sub">' + markdown(sub[1]) + '</span>';
    return markdown(line) + '<br>';
  }).join('').replace(/(<br>)+$/, '');
}

var BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger' };

function v2Button(b, m) {
  if (b.url) return '<a class="button" href="' + esc(b.url) + '" target="_blank" rel="noopener">' + esc(b.label || 'Open') + ' &#8599;</a>';
  return '<button type="button" class="button ' + (BUTTON_STYLES[b.style] || 'secondary') + '" data-press="' + esc(b.custom_id || '') + '" data-label="' + esc(b.label || '') + '" data-message="' + m.id + '"' + (b.disabled ? ' disabled' : '') + '>' + esc(b.label || '') + '</button>';
}

function v2Node(c, m) {
  var children = function (list) { return (list || []).map(function (x) { return v2Node(x, m); }).join(''); };
  switch (c.type) {
    case 17: {
      var colour = typeof c.accent_color === 'number' ? '#' + c.accent_color.toString(16).padStart(6, '0') : 'var(--border)';
      return '<div class="v2-container" style="border-left-color:' + colour + '">' + children(c.components) + '</div>';
    }
    case 10: return '<div class="v2-text">' + v2Markdown(c.content || '') + '</div>';
    case 14: return '<hr class="v2-sep' + (c.divider === false ? ' blank' : '') + (c.spacing === 2 ? ' large' : '') + '">';
    case 12: return '<div class="v2-gallery">' + (c.items || []).map(function (item) {
      var src = attachmentUrl(item.media && item.media.url, m);
      return src ? '<img alt="' + esc(item.description || '') + '" src="' + esc(src) + '">' : '';
    }).join('') + '</div>';
    case 9: return '<div class="v2-section"><div class="v2-body">' + children(c.components) + '</div>' + (c.accessory ? v2Node(c.accessory, m) : '') + '</div>';
    case 11: return '<img class="v2-thumb" alt="' + esc(c.description || '') + '" src="' + esc(attachmentUrl(c.media && c.media.url, m)) + '">';
    case 13: {
      var url = attachmentUrl(c.file && c.file.url, m);
      var name = String(c.file && c.file.url || '').replace('attachment://', '');
      return '<a class="v2-file" href="' + esc(url) + '" download="' + esc(name) + '">&#128196; ' + esc(name) + '</a>';
    }
    case 1: return '<div class="components">' + (c.components || []).map(function (b) { return v2Button(b, m); }).join('') + '</div>';
    case 2: return v2Button(c, m);
    default: return '';
  }
}

function v2Html(m) { return (m.components || []).map(function (c) { return v2Node(c, m); }).join(''); }

/** Files a plain message carries that no embed shows (an export): shown as Discord shows files, to download. */
function fileLinksHtml(m) {
  var shown = JSON.stringify(m.embeds || []);
  return (m.attachments || []).filter(function (a) { return shown.indexOf('attachment://' + a.filename) < 0; }).map(function (a) {
    return '<a class="v2-file" href="' + esc(a.url) + '" download="' + esc(a.filename) + '">&#128196; ' + esc(a.filename) + '</a>';
  }).join('');
}

document.addEventListener('click', function (event) {
  var target = event.target && event.target.closest ? event.target.closest('button[data-press]') : null;
  if (!target || target.disabled) return;
  fetch('/sandbox/api/press', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messageId: Number(target.dataset.message), customId: target.dataset.press, label: target.dataset.label, member: member(), dm: me.dm, guildId: me.guildId, locale: me.locale }),
  }).then(function (r) { return r.json(); }).catch(function () {});
});
`;

// The console page's styles: Discord's dark and light themes, the member's
// side panel, messages with their embeds and buttons, the composer and its
// suggestions. Components V2 and the server panel add their own
// (console-components.ts, console-server.ts).

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

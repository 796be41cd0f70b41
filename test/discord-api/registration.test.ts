import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions, commandModules } from '../../src/commands/index.js';
import { BOT_PERMISSIONS } from '../../src/discord-api/bot-permissions.js';
import { inviteUrl, registerCommands, userInstallUrl } from '../../src/discord-api/registration.js';
import { createRest } from '../../src/discord-api/rest.js';
import { ja } from '../../src/text/catalog.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';

describe('command definitions', () => {
  it('follow Discord’s documented shape for chat-input commands', () => {
    const names = commandDefinitions.map((c) => c.name);
    expect(names).toEqual(commandModules.map((m) => m.data.name)); // one list serves registration and dispatch
    expect(names).toEqual(expect.arrayContaining(['link-twitter', 'unlink-twitter', 'report', 'twitter-admin']));
    expect(new Set(names).size).toBe(names.length);
    for (const command of commandDefinitions) {
      expect(command.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.type).toBe(1);
      expect(command.integration_types).toEqual(expect.arrayContaining([0])); // guild install, for every command
      const walk = (options: typeof command.options) => {
        for (const option of options ?? []) {
          expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
          expect(option.description.length).toBeGreaterThan(0);
          expect(option.description.length).toBeLessThanOrEqual(100);
          if ('options' in option) walk(option.options as typeof command.options);
        }
      };
      walk(command.options);
    }
  });

  it('lets members install and use their commands anywhere, admins theirs only in servers with Manage Server', () => {
    const byName = Object.fromEntries(commandDefinitions.map((c) => [c.name, c]));
    for (const name of ['link-twitter', 'unlink-twitter', 'report']) {
      expect(byName[name]!.integration_types).toEqual([0, 1]); // server and user install
      expect(byName[name]!.contexts).toEqual([0, 1, 2]); // server, bot DM, other DMs and group DMs
      expect(byName[name]!.default_member_permissions).toBeUndefined();
    }
    for (const name of commandDefinitions.map((c) => c.name).filter((n) => !['link-twitter', 'unlink-twitter', 'report'].includes(n))) {
      expect(byName[name]!.integration_types).toEqual([0]);
      expect(byName[name]!.contexts).toEqual([0]);
    }
    expect((byName.leaderboard!.options ?? []).map((o) => o.name)).toEqual(['join', 'leave', 'show']);
    const admin = byName['twitter-admin']!;
    expect(admin.default_member_permissions).toBe('32'); // MANAGE_GUILD (1 << 5)
    const shape = (admin.options ?? []).map((o) => [o.name, o.type, 'options' in o ? (o.options ?? []).map((s) => s.name) : []]);
    expect(shape).toEqual([
      ['status', 1, []],
      ['linked-role', 2, ['set', 'clear']],
      ['reports', 2, ['visibility', 'channel']],
      ['digest', 2, ['set', 'off']],
      ['budget', 1, ['posts-per-month']],
    ]);
  });

  it('offers /report days as fixed choices and public as a boolean', () => {
    const report = commandDefinitions.find((c) => c.name === 'report')!;
    const options = Object.fromEntries((report.options ?? []).map((o) => [o.name, o]));
    expect(options.days).toMatchObject({ type: 4, choices: [{ value: 7 }, { value: 30 }, { value: 90 }] });
    expect(options.public).toMatchObject({ type: 5 });
    expect(options.timezone).toMatchObject({ type: 3 });
    expect(Object.values(options).every((o) => !('required' in o) || o.required === false)).toBe(true);
  });
});

describe('installing', () => {
  let discord: DiscordStandIn;
  beforeAll(async () => {
    discord = await new DiscordStandIn().start();
  });
  afterAll(async () => {
    await discord.stop();
  });

  it('builds an invite link with both scopes and only the permissions used', () => {
    const url = new URL(inviteUrl('1100000000000000001'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('1100000000000000001');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('permissions')).toBe(String(1024 + 2048 + 16384 + 32768));
    expect(BOT_PERMISSIONS).toBe(52224n);
  });

  it('builds a user-install link: the commands scope alone, no permissions, integration type 1', () => {
    const url = new URL(userInstallUrl('1100000000000000001'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '1100000000000000001',
      scope: 'applications.commands',
      integration_type: '1',
    });
  });

  it('bulk-overwrites commands globally or in one guild, authenticated as the bot', async () => {
    const rest = createRest(discord.apiUrl, 'test-bot-token');
    const global = await registerCommands(rest, '1100000000000000001', commandDefinitions);
    expect(global.map((c) => c.name)).toEqual(['link-twitter', 'unlink-twitter', 'report', 'leaderboard', 'twitter-admin']);
    await registerCommands(rest, '1100000000000000001', commandDefinitions, '1100000000000000002');
    const [first, second] = discord.requestsTo(/^PUT /);
    expect(first!.path).toBe('/api/v10/applications/1100000000000000001/commands');
    expect(second!.path).toBe('/api/v10/applications/1100000000000000001/guilds/1100000000000000002/commands');
    expect(first!.headers.authorization).toBe('Bot test-bot-token');
    expect(first!.json).toEqual(commandDefinitions);
  });

  it('sends every command, option and choice named and described in Japanese, for a Japanese Discord client', async () => {
    const rest = createRest(discord.apiUrl, 'test-bot-token');
    await registerCommands(rest, '1100000000000000001', commandDefinitions);
    const sent = discord.requestsTo(/^PUT /).at(-1)!.json as typeof commandDefinitions;
    type Node = {
      name: string;
      name_localizations?: Record<string, string>;
      description?: string;
      description_localizations?: Record<string, string>;
      options?: Node[];
      choices?: Node[];
    };
    const seen: string[] = [];
    const walk = (nodes: Node[] | undefined, path: string[], choice = false) => {
      for (const node of nodes ?? []) {
        const at = [...path, node.name].join(' ');
        seen.push(at);
        const name = node.name_localizations?.ja;
        expect(name, at).toBeTruthy();
        expect(name, at).toBe(choice ? ja.commands[at as keyof typeof ja.commands] : ja.commandNames[at as keyof typeof ja.commandNames]);
        if (!choice) {
          // Discord's name rule for chat-input commands and options: lowercase where a letter has case.
          expect(name, at).toMatch(/^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u);
          expect(name, at).toBe(name!.toLowerCase());
          expect(node.description_localizations?.ja, at).toBe(ja.commands[at as keyof typeof ja.commands]);
          expect(node.description_localizations!.ja!.length, at).toBeLessThanOrEqual(100);
        } else expect(name!.length, at).toBeLessThanOrEqual(100);
        walk(node.options, [...path, node.name]);
        // A choice's key is its path and value ("report days 7").
        walk(
          node.choices?.map((c) => ({ ...c, name: String((c as unknown as { value: unknown }).value) })),
          [...path, node.name],
          true,
        );
      }
    };
    walk(sent as unknown as Node[], []);
    expect(seen).toEqual(expect.arrayContaining(['report', 'report days', 'report days 7', 'twitter-admin budget posts-per-month']));
    expect(seen.length).toBe(Object.keys(ja.commands).length);
  });
});

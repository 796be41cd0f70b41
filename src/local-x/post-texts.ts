// What a simulated member's posts say: sentences put together from parts, in
// a seeded order that runs through every combination before repeating one,
// so a sandbox report lists distinct posts rather than the same five rows.

export interface PostText {
  text: string;
  hashtags: string[];
  urls: string[];
}

const OPENERS = [
  'Shipped',
  'Finally fixed',
  'Wrote up',
  'Spent the morning on',
  'Half a day lost to',
  'Pairing session on',
  'Quick demo of',
  'Rewrote',
  'Benchmarked',
  'Deleted 400 lines of',
  'Reviewing a PR for',
  'Sketching',
  'Load-testing',
  'Documenting',
  'Refactoring',
  'Profiling',
];

const SUBJECTS: Array<{ what: string; tag?: string; url?: string }> = [
  { what: 'the onboarding flow', tag: 'buildinpublic', url: 'https://ada.example/changelog' },
  { what: 'our queue on SQLite WAL mode', tag: 'sqlite' },
  { what: 'the config loader (satisfies + as const)', tag: 'TypeScript' },
  { what: 'accessible chart colours', url: 'https://ada.example/notes/charts' },
  { what: 'the retry logic for flaky webhooks' },
  { what: 'a tiny OAuth 1.0a signer', tag: 'oauth' },
  { what: 'the Discord slash-command router', tag: 'discordjs' },
  { what: 'the billing dashboard', tag: 'buildinpublic' },
  { what: 'PostgreSQL advisory locks', tag: 'postgres', url: 'https://ada.example/notes/locks' },
  { what: 'the test harness for our stand-ins', tag: 'testing' },
  { what: 'dark-mode screenshots' },
  { what: 'the rate limiter', tag: 'nodejs' },
  { what: 'our migration scripts', tag: 'drizzle' },
  { what: 'the timezone picker', tag: 'i18n' },
  { what: 'the release notes', url: 'https://ada.example/releases' },
  { what: 'error messages people can act on', tag: 'ux' },
  { what: 'the cache invalidation story' },
  { what: 'the PNG encoder', tag: 'nodejs' },
];

const CLOSERS = [
  'Feedback welcome!',
  'Notes below.',
  'Worth it.',
  'Never again.',
  'Thread 🧵',
  'More tomorrow.',
  'Classic.',
  'Surprisingly fun.',
  'Ask me anything.',
  'Numbers inside.',
  'What would you do?',
  '☕',
];

/** A seeded permutation of every opener × subject × closer, taken in turn. */
export function postTexts(random: () => number): () => PostText {
  const total = OPENERS.length * SUBJECTS.length * CLOSERS.length;
  const order = Array.from({ length: total }, (_, i) => i);
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  let next = 0;
  return () => {
    const n = order[next++ % total] ?? 0;
    const opener = OPENERS[n % OPENERS.length] ?? '';
    const subject = SUBJECTS[Math.floor(n / OPENERS.length) % SUBJECTS.length] ?? { what: '' };
    const closer = CLOSERS[Math.floor(n / (OPENERS.length * SUBJECTS.length))] ?? '';
    const tag = subject.tag ? ` #${subject.tag}` : '';
    const link = subject.url ? ' https://t.co/x' : '';
    return {
      text: `${opener} ${subject.what}. ${closer}${tag}${link}`,
      hashtags: subject.tag ? [subject.tag] : [],
      urls: subject.url ? [subject.url] : [],
    };
  };
}

const MENTION_TEXTS = [
  'how did you handle retries there?',
  'this is great, thanks for sharing',
  'any chance of a write-up?',
  'we hit the same bug last week',
  'what did you use for the charts?',
  'congrats on the launch!',
  'does this work with Postgres too?',
  'bookmarked, thank you',
];

/** What people say when they mention the member. */
export function mentionText(random: () => number, username: string): string {
  return `@${username} ${MENTION_TEXTS[Math.floor(random() * MENTION_TEXTS.length)] ?? ''}`;
}

const REPLY_TEXTS = [
  'Thanks!',
  'Good question: short answer, yes.',
  'Write-up coming this week.',
  'Ha, same.',
  'Postgres too, yes.',
  'Will do!',
];

export function replyText(random: () => number): string {
  return REPLY_TEXTS[Math.floor(random() * REPLY_TEXTS.length)] ?? 'Thanks!';
}

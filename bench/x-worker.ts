// The X stand-in for the benchmark, in its own thread: its latency timers and
// request handling must not share an event loop with the bot being measured,
// just as the real X does not.

import { parentPort, workerData } from 'node:worker_threads';
import { mention, syntheticTimeline } from '../src/local-x/posts.js';
import { serveTimeline } from '../src/local-x/timeline-routes.js';
import { XStandIn } from '../src/local-x/x-stand-in.js';

const {
  latencyMs,
  posts: count,
  user,
  warmUser,
  prolificUser,
  now,
} = workerData as {
  latencyMs: number;
  posts: number;
  user: { id: string; screenName: string };
  warmUser: { id: string; screenName: string };
  /** Same timeline, but a lifetime count above any bound: read page by page. */
  prolificUser: { id: string; screenName: string };
  now: number;
};
const x = await new XStandIn().start();
x.autoApproveAs = user;
// A small second account, for the warm-up report that puts the bot in the state of a running process.
serveTimeline(x, {
  profile: { id: warmUser.id, name: 'Warm', username: warmUser.screenName },
  posts: syntheticTimeline(300, now - 60_000, 80),
  mentions: [],
});
const posts = syntheticTimeline(count, now - 60_000, 85);
const mentions = Array.from({ length: 150 }, (_, i) => mention(new Date(now - (i + 1) * 3_600_000).toISOString(), '555'));
serveTimeline(x, {
  profile: {
    id: user.id,
    name: 'Ada',
    username: user.screenName,
    public_metrics: { followers_count: 1, following_count: 1, tweet_count: count },
  },
  posts,
  mentions,
});

serveTimeline(x, {
  profile: {
    id: prolificUser.id,
    name: 'Prolific',
    username: prolificUser.screenName,
    public_metrics: { followers_count: 1, following_count: 1, tweet_count: 50_000 },
  },
  posts: posts.map((p) => ({ ...p })),
  mentions,
});

const approvals: Record<string, { id: string; screenName: string }> = {
  'approve-as-warm': warmUser,
  'approve-as-user': user,
  'approve-as-prolific': prolificUser,
};
parentPort!.on('message', (message: string) => {
  if (message in approvals) {
    x.autoApproveAs = approvals[message]!;
    parentPort!.postMessage({ ok: true });
  } else if (message === 'latency-on') {
    x.latencyMs = latencyMs;
    parentPort!.postMessage({ ok: true });
  } else if (message === 'stats') {
    parentPort!.postMessage({
      timelinePages: x.requestsTo(/\/tweets$/).length,
      v2Requests: x.v2Requests().length,
      verified: x.verifications.every((v) => v.ok),
    });
  }
});
parentPort!.postMessage({ baseUrl: x.baseUrl, consumer: x.consumer, posts, mentions });

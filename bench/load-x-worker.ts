// The X stand-in of `npm run bench:load`, in its own thread: serving many
// members' pages (and their latency timers) must not share an event loop
// with the load generator or the bot. It shares the machine's two cores with
// the bot, so it serves each post's JSON made once (the posts never change):
// in the heavy burst the bench's process took 11-33% of the two cores, about
// half of it this thread remaking every post's JSON for every page.

import { parentPort, workerData } from 'node:worker_threads';
import { syntheticTimeline } from '../src/local-x/posts.js';
import { serveTimeline } from '../src/local-x/timeline-routes.js';
import { XStandIn, type XUser } from '../src/local-x/x-stand-in.js';

const { users, posts: count, now } = workerData as { users: XUser[]; posts: number; now: number };
const x = await new XStandIn().start();
const posts = syntheticTimeline(count, now - 60_000, 89);
for (const u of users) {
  serveTimeline(
    x,
    {
      profile: { id: u.id, name: u.screenName, username: u.screenName, public_metrics: { tweet_count: count } },
      posts,
      mentions: [],
    },
    { unchanging: true },
  );
}

export type XWorkerMessage = { approveAs: XUser } | { latencyMs: number };

parentPort!.on('message', (message: XWorkerMessage) => {
  if ('approveAs' in message) x.autoApproveAs = message.approveAs;
  else x.latencyMs = message.latencyMs;
  parentPort!.postMessage({ ok: true });
});
parentPort!.postMessage({ baseUrl: x.baseUrl, consumer: x.consumer });

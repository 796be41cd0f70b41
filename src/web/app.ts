// The one Hono app: small route groups mounted side by side. The interactions
// route exists only in HTTP mode, since Discord uses one door or the other.

import { Hono } from 'hono';
import type { HttpDoorDeps } from '../discord/http-door.js';
import type { SignatureChecker } from '../discord/signature-checker.js';
import type { GatewayHealth } from '../interaction/gateway-health.js';
import type { LinkService } from '../linking/link-service.js';
import type { Logger } from '../log/logger.js';
import type { RoleConnectionService } from '../role-connections/role-connection-service.js';
import { type BodyLimitRule, bodyLimits } from './body-limit.js';
import { browserText } from './browser-text.js';
import { renderPage } from './page.js';
import { healthRoutes } from './routes/health.js';
import { interactionRoutes } from './routes/interactions.js';
import { discordCallbackRoutes, linkedRoleRoutes } from './routes/linked-role.js';
import { type LinkRouteOptions, linkRoutes, twitterCallbackRoutes } from './routes/linking.js';
import { securityHeaders, setSecurityHeaders } from './security-headers.js';

export interface WebAppDeps {
  links: LinkService;
  linkPages: LinkRouteOptions;
  /** Discord Linked Roles; null when DISCORD_CLIENT_SECRET is not set. */
  roleConnections: RoleConnectionService | null;
  isHealthy: () => Promise<boolean>;
  /** Gateway mode only: /healthz reports the connection too. */
  gateway?: GatewayHealth | null;
  log: Logger;
  /** Present in HTTP interactions mode only. */
  interactions?: { signatures: Pick<SignatureChecker, 'check'>; door: HttpDoorDeps };
  /** Routes a host program adds (the sandbox's console); never set by the bot's own start-up. */
  extension?: WebExtension;
}

export interface WebExtension {
  mount(app: Hono): void;
  bodyLimits?: BodyLimitRule[];
}

export function createWebApp(deps: WebAppDeps): Hono {
  const app = new Hono();
  // Discord's door writes the same headers itself, as a plain record: set here, Hono builds a Headers object
  // per answer for them (0.07 ms an answer in bench:http-floor's harness, a burst's acks queue behind each
  // other). Its 413 and 500 answers, made elsewhere, set them there.
  const ownHeaders = deps.interactions !== undefined;
  app.use(
    '*',
    securityHeaders((method, path) => ownHeaders && method === 'POST' && path === '/interactions'),
  );
  // Discord's payloads are small; our own forms are tiny.
  app.use('*', bodyLimits([{ path: '/interactions', maxBytes: 1_000_000 }, ...(deps.extension?.bodyLimits ?? [])], 16 * 1024));
  app.route('/healthz', healthRoutes(deps.isHealthy, deps.gateway ?? null));
  app.route('/link', linkRoutes(deps.links, deps.linkPages));
  app.route('/twitter', twitterCallbackRoutes(deps.links, deps.linkPages));
  const roleOptions = { ...deps.linkPages, callbackUrl: deps.links.callbackUrl };
  app.route('/linked-role', linkedRoleRoutes(deps.roleConnections, roleOptions));
  app.route('/discord', discordCallbackRoutes(deps.roleConnections, roleOptions));
  if (deps.interactions) app.route('/interactions', interactionRoutes(deps.interactions.signatures, deps.interactions.door));
  deps.extension?.mount(app);

  app.notFound((c) => c.html(renderPage(browserText(c).pages.notFound), 404));
  app.onError((err, c) => {
    // The route pattern, not the path: a path can hold a one-time link token.
    deps.log.error('request failed', { route: c.req.routePath, error: err });
    setSecurityHeaders(c); // a route that writes its own headers failed before writing them
    return c.html(renderPage(browserText(c).pages.internalError), 500);
  });
  return app;
}

import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { registerFeedRoutes } from "./feeds/routes.js";
import { registerOparlRoutes } from "./oparl/routes.js";
import { registerOpenDataRoutes } from "./open-data/routes.js";
import { registerPortalPages } from "./pages.js";
import { registerReviewPage } from "./review-page.js";
import { registerSubscriptionPages } from "./subscription-pages.js";

/** The public portal's routes: OParl, open data, feeds, subscriptions and the portal pages. */
export function registerPortal(app: OpenAPIHono<AppEnv>) {
  registerOparlRoutes(app);
  registerOpenDataRoutes(app);
  registerFeedRoutes(app);
  registerPortalPages(app);
  registerSubscriptionPages(app);
  registerReviewPage(app);
}

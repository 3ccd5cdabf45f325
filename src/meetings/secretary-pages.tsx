import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
export function registerSecretaryPages(_app: OpenAPIHono<AppEnv>) {}

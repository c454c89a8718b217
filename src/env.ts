import type { Hono } from 'hono'

export interface AppEnv {
  Bindings: Env
}

export type App = Hono<AppEnv>

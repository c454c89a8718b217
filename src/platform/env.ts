import type { DatabaseVariables } from './database'

export interface AppEnv {
  Bindings: Env
  Variables: DatabaseVariables
}

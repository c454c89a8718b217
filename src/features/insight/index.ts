export { createViewCounter } from './counter'

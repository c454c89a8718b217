export { pageRoutes } from './http/pages'

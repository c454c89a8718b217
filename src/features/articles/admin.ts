/** What only the inbox uses, imported by src/admin-app.tsx alone, which src/app.tsx loads on the first /admin request: a public page never evaluates it. */
export { articleListRoutes } from './http/admin-article-list'
export { articlePreviewRoutes } from './http/admin-article-preview'
export { articlePublishingRoutes } from './http/admin-article-publishing'
export { articleEditorRoutes } from './http/admin-articles'
export { imageAdminRoutes, limitImageUploadSize } from './http/admin-images'

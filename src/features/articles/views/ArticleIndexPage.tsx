import { Breadcrumbs } from '../../../ui/Breadcrumbs'
import { Layout } from '../../../ui/Layout'
import { breadcrumbJsonLd } from '../../../ui/structured-data'
import { currentSettings } from '../../settings'
import type { Article } from '../article'
import { ArticleList } from './ArticleList'

const crumbs = [
  { name: 'Home', path: '/' },
  { name: 'Articles', path: '/articles' },
]

export const ArticleIndexPage = ({ articles }: { articles: readonly Article[] }) => (
  <Layout
    meta={{
      title: 'Articles',
      description: `Articles by ${currentSettings().practitioner.name} on acupuncture, back pain and how treatment works.`,
      path: '/articles',
      jsonLd: [breadcrumbJsonLd(crumbs)],
    }}
  >
    <Breadcrumbs crumbs={crumbs} />
    <h1>Articles</h1>
    <ArticleList articles={articles} />
  </Layout>
)

import { currentSettings } from '../../settings/current'
import type { Article } from '../../content/article'
import { breadcrumbJsonLd } from '../structured-data'
import { ArticleList } from '../components/ArticleList'
import { Breadcrumbs } from '../components/Breadcrumbs'
import { Layout } from '../Layout'

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
